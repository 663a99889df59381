//! Loads the greeter plugin with the C library's `dlopen` (std only: no crates needed).

use std::ffi::{c_char, c_int, c_void, CString};

/// Mistake: the host's copy of the plugin's settings is missing `#[repr(C)]` too.
pub struct HostConfig {
    pub shout: bool,
    pub level: u32,
    pub max_length: u32,
}

type GreeterNew = unsafe extern "C" fn(config: HostConfig) -> *mut c_void;

unsafe extern "C" {
    fn dlopen(filename: *const c_char, flags: c_int) -> *mut c_void;
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
}

const RTLD_NOW: c_int = 2;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "target/debug/libgreeter_plugin.so".into());
    let path = CString::new(path).expect("path without NUL");
    let handle = unsafe { dlopen(path.as_ptr(), RTLD_NOW) };
    if handle.is_null() {
        eprintln!("could not load the plugin");
        std::process::exit(1);
    }
    let symbol = unsafe { dlsym(handle, c"greeter_new".as_ptr()) };
    if symbol.is_null() {
        eprintln!("greeter_new not exported");
        std::process::exit(1);
    }
    let greeter_new: GreeterNew = unsafe { std::mem::transmute(symbol) };
    let greeter = unsafe { greeter_new(HostConfig { shout: true, level: 2, max_length: 80 }) };
    println!("greeter at {greeter:p}");
}
