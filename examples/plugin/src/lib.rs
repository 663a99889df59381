//! A greeter plugin loaded by `host` through `dlopen`.

mod config;
mod events;

use std::ffi::{c_char, c_int};

pub use config::{LogLevel, PluginConfig};
use events::PluginVtable;

/// Opaque to the host: it only ever holds a pointer, so no `#[repr(C)]` is needed.
pub struct Greeter {
    greeting: String,
    level: LogLevel,
}

unsafe extern "C" {
    /// Provided by the host.
    safe fn host_log(level: c_int, message: *const c_char);
}

/// Mistake: `PluginConfig` has no `#[repr(C)]`, so the host reads its fields at the wrong offsets.
#[unsafe(no_mangle)]
pub extern "C" fn greeter_new(config: PluginConfig) -> *mut Greeter {
    let greeting = if config.shout { "HELLO" } else { "hello" };
    host_log(0, c"creating a greeter".as_ptr());
    Box::into_raw(Box::new(Greeter { greeting: greeting.to_string(), level: config.level }))
}

/// Mistake: `LogLevel` is an enum without a fixed representation.
#[unsafe(no_mangle)]
pub extern "C" fn greeter_set_level(greeter: *mut Greeter, level: LogLevel) {
    if let Some(greeter) = unsafe { greeter.as_mut() } {
        greeter.level = level;
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn greeter_free(greeter: *mut Greeter) {
    if !greeter.is_null() {
        drop(unsafe { Box::from_raw(greeter) });
    }
}

/// Correct: the vtable itself is `#[repr(C)]`, but one of its callbacks passes `Event` by value.
#[unsafe(no_mangle)]
pub extern "C" fn greeter_vtable() -> PluginVtable {
    PluginVtable { abi_version: 1, on_event: Some(events::on_event) }
}

/// Mistake: a generic function has no single symbol, so `dlsym("greeter_identity")` finds nothing.
#[unsafe(no_mangle)]
pub extern "C" fn greeter_identity<T>(value: *const T) -> *const T {
    value
}

/// Mistake: `&str` is a pointer and a length in one value; a C host passes only a `const char*`.
#[unsafe(no_mangle)]
pub extern "C" fn greeter_set_greeting(greeter: *mut Greeter, greeting: &str) {
    if let Some(greeter) = unsafe { greeter.as_mut() } {
        greeter.greeting = greeting.to_string();
    }
}
