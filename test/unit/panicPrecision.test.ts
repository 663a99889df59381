// panic-across-ffi on code that cannot panic (issue 11, issue 18 "Reach"): constant indexes into arrays,
// helpers and macros that catch, guards in the same function, unsigned division, and vtable-handed functions.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

async function findings(source: string): Promise<Finding[]> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source });
  const { findings: all } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
  return all.filter((f) => f.rule === 'panic-across-ffi');
}

/** The names of the functions reported, and the lines (1-based) of their panic sites. */
async function reported(source: string): Promise<string[]> {
  return (await findings(source)).map((f) => `${/`(\w+)` can panic/.exec(f.message)?.[1]}:${f.related.map((r) => r.location.range.start.line + 1).join(',')}`);
}

describe('panic-across-ffi: fixed-size arrays', () => {
  test('silent: constant indexes and in-bounds constant ranges into arrays (params, locals, fields, aliases, consts)', async () => {
    const source = `pub const BLOCK: usize = 16;
pub const HALF: usize = BLOCK / 2;
pub type Mat4 = [f32; 16];
#[repr(C)]
pub struct Camera { pub view: [f32; 16], pub id: [u8; BLOCK] }
#[no_mangle]
pub extern "C" fn trace(m: &[f32; 16]) -> f32 { m[0] + m[15] }
#[no_mangle]
pub unsafe extern "C" fn det(m: *const Mat4) -> f32 { (*m)[0] * (*m)[5] }
#[no_mangle]
pub extern "C" fn digest(block: [u8; 16], out: &mut [u8; 8]) {
    out.copy_from_slice(&block[..8]);
    let tail = &block[HALF..BLOCK];
    let mut state = [0u32; 4];
    state[3] = block[HALF] as u32 + tail.len() as u32;
    let table = [1u8, 2, 3];
    out[0] = table[2];
}
#[no_mangle]
pub extern "C" fn camera_x(c: &Camera) -> f32 { c.view[12] + c.id[BLOCK - 1] as f32 }
`;
    assert.deepEqual(await reported(source), []);
  });

  test('reported: a range past the array\'s end, a runtime index, an index into a slice', async () => {
    const source = `#[no_mangle]
pub extern "C" fn past(block: [u8; 16]) -> u8 { block[..20][0] }
#[no_mangle]
pub extern "C" fn runtime(m: &[f32; 16], i: usize) -> f32 { m[i] }
#[no_mangle]
pub unsafe extern "C" fn slice(p: *const u8, n: usize) -> u8 { let s = std::slice::from_raw_parts(p, n); s[0] }
`;
    // `block[..20]` panics, and so may indexing the slice it makes.
    assert.deepEqual(await reported(source), ['past:2,2', 'runtime:4', 'slice:6']);
  });
});

describe('panic-across-ffi: helpers and macros that catch', () => {
  test('silent: a closure run by a crate helper (function or method) that wraps it in catch_unwind', async () => {
    const source = `use std::panic::{catch_unwind, AssertUnwindSafe};
fn guarded<T, F: FnOnce() -> T>(err: T, f: F) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(err)
}
pub struct Ctx;
impl Ctx {
    fn run<F: FnOnce() -> i32>(&self, f: F) -> i32 {
        match std::panic::catch_unwind(AssertUnwindSafe(|| f())) { Ok(v) => v, Err(_) => -1 }
    }
}
#[no_mangle]
pub extern "C" fn parse(p: *const u8, len: usize) -> i32 {
    guarded(-1, || {
        let s = unsafe { std::slice::from_raw_parts(p, len) };
        std::str::from_utf8(s).unwrap().parse::<i32>().unwrap()
    })
}
#[no_mangle]
pub extern "C" fn ctx_parse(c: &Ctx, v: Option<i32>) -> i32 { Ctx::run(c, || v.unwrap()) }
`;
    assert.deepEqual(await reported(source), []);
  });

  // Body facts do not look into macro input today; this keeps the macro's input protected once they do (macro expansion).
  test('silent: the input of a macro_rules! macro of the crate whose expansion calls catch_unwind', async () => {
    const source = `macro_rules! ffi_boundary {
    ($err:expr, $body:block) => {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| $body)) { Ok(v) => v, Err(_) => $err }
    };
}
#[no_mangle]
pub extern "C" fn count(v: Option<u32>) -> u32 { ffi_boundary!(0, { v.unwrap() }) }
`;
    assert.deepEqual(await reported(source), []);
  });

  test('reported: a helper that does not catch, and code outside the caught closure', async () => {
    const source = `fn run<F: FnOnce() -> i32>(f: F) -> i32 { f() }
fn guarded<F: FnOnce() -> i32>(f: F) -> i32 { std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or(-1) }
#[no_mangle]
pub extern "C" fn plain(v: Option<i32>) -> i32 { run(|| v.unwrap()) }
#[no_mangle]
pub extern "C" fn outside(v: Option<i32>) -> i32 { let x = v.unwrap(); guarded(|| x) }
`;
    assert.deepEqual(await reported(source), ['plain:4', 'outside:6']);
  });
});

describe('panic-across-ffi: guards in the same function (issue 18)', () => {
  test('silent: division after a zero guard, by size_of, by a non-zero constant or `.max(1)`; indexes behind a length check', async () => {
    const source = `const STEP: u32 = 4;
#[no_mangle]
pub extern "C" fn ratio(a: u32, b: u32) -> u32 {
    if b == 0 {
        return 0;
    }
    a / b + a % STEP
}
#[no_mangle]
pub extern "C" fn ratio2(a: i64, b: i64) -> i64 { if b != 0 && a > 0 { a / b } else { 0 } }
#[no_mangle]
pub extern "C" fn ratio3(a: u64, b: u64) -> u64 { if b == 0 { 0 } else { a % b } }
#[no_mangle]
pub unsafe extern "C" fn count(bytes: usize) -> usize { bytes / std::mem::size_of::<u64>() + bytes / core::mem::size_of::<u32>() }
#[no_mangle]
pub extern "C" fn per(a: u32, n: u32) -> u32 { a / n.max(1) }
#[no_mangle]
pub unsafe extern "C" fn first(p: *const u8, n: usize, i: usize) -> u8 {
    let v = std::slice::from_raw_parts(p, n);
    if v.is_empty() {
        return 0;
    }
    let mut sum = v[0];
    if i < v.len() {
        sum += v[i];
    }
    for k in 0..v.len() {
        sum = sum.wrapping_add(v[k]);
    }
    if v.len() >= 4 { sum += v[3]; }
    sum
}
`;
    assert.deepEqual(await reported(source), []);
  });

  test('reported: guards on another value, a guard that does not exit, a disjunction, an index after a too-short check', async () => {
    const source = `#[no_mangle]
pub extern "C" fn wrong_guard(a: u32, b: u32, c: u32) -> u32 {
    if c == 0 { return 0; }
    a / b
}
#[no_mangle]
pub extern "C" fn no_exit(a: u32, b: u32) -> u32 {
    if b == 0 { println!("zero"); }
    a / b
}
#[no_mangle]
pub extern "C" fn either(a: u32, b: u32) -> u32 { if b != 0 || a > 3 { a / b } else { 0 } }
#[no_mangle]
pub unsafe extern "C" fn short(p: *const u8, n: usize) -> u8 {
    let v = std::slice::from_raw_parts(p, n);
    if v.len() < 2 { return 0; }
    v[2]
}
`;
    assert.deepEqual(await reported(source), ['wrong_guard:4', 'no_exit:9', 'either:12', 'short:17']);
  });

  test('unsigned division does not mention `MIN / -1`; signed division does', async () => {
    const [unsigned, signed] = await findings(`#[no_mangle]
pub extern "C" fn u(a: u32, b: u32) -> u32 { a / b }
#[no_mangle]
pub extern "C" fn s(a: i32, b: i32) -> i32 { a / b }
`);
    assert.match(unsigned.related[0].message, /panics when it is zero$/);
    assert.match(signed.related[0].message, /panics when it is zero \(or on `MIN \/ -1`\)/);
  });

  test('float division never panics: float parameters, f64::from(..), float literals and locals; integer division still does', async () => {
    const source = `#[no_mangle]
pub extern "C" fn zoom(width: i32, out: f64, n: i32, d: i32) -> f64 {
    let z = f64::from(width) / out;
    let half = 1.5 / out;
    let k: f32 = 2.0;
    let q = (k / k) as f64;
    let scale = out / 3.0;
    let hex = 0x1f32 / d;
    z + half + q + scale + (n / d) as f64 + hex as f64
}
`;
    // `0x1f32` is a hexadecimal integer (digits 1, f, 3, 2), not an f32.
    assert.deepEqual(await reported(source), ['zoom:8,9']);
  });
});

describe('functions handed to the host in a vtable are boundary functions (issue 18)', () => {
  test('a static vtable and a returned struct of function pointers: their panics are reported, private callbacks are not', async () => {
    const source = `use std::ffi::c_char;
#[repr(C)]
pub struct PluginApi {
    pub init: extern "C" fn(u32) -> u32,
    pub run: Option<extern "C" fn(*const c_char) -> i32>,
}
extern "C" fn plugin_init(x: u32) -> u32 { Some(x).filter(|v| *v > 0).unwrap() }
mod ops {
    pub extern "C" fn run(p: *const std::ffi::c_char) -> i32 { let v: Vec<i32> = Vec::new(); v[p as usize] }
}
extern "C" fn never_handed(x: Option<u32>) -> u32 { x.unwrap() }
extern "C" fn made(x: Option<u32>) -> u32 { x.expect("x") }
pub static API: PluginApi = PluginApi { init: plugin_init, run: Some(ops::run) };
#[no_mangle]
pub extern "C" fn plugin_entry() -> PluginApi {
    PluginApi { init: made, run: None }
}
`;
    assert.deepEqual((await reported(source)).map((r) => r.split(':')[0]).sort(), ['made', 'plugin_init', 'run']);
  });
});

describe('panic-across-ffi: thread-local RefCells', () => {
  test('silent: `TLS.with(|e| *e.borrow_mut() = v)` that calls nothing; reported: a borrow held across a call, or a plain RefCell', async () => {
    const source = `use std::cell::RefCell;
thread_local! { static LAST_ERROR: RefCell<Option<String>> = RefCell::new(None); }
fn set_last_error(err: String) { LAST_ERROR.with(|e| { *e.borrow_mut() = Some(err); }); }
fn notify() {}
#[no_mangle]
pub extern "C" fn err_clear() { LAST_ERROR.with(|e| { *e.borrow_mut() = None; }); }
#[no_mangle]
pub extern "C" fn fail(code: i32) -> i32 { set_last_error(code.to_string()); -1 }
#[no_mangle]
pub extern "C" fn reentrant() { LAST_ERROR.with(|e| { let _guard = e.borrow_mut(); notify(); }); }
#[no_mangle]
pub extern "C" fn cell(c: &RefCell<u32>) { *c.borrow_mut() += 1; }
`;
    assert.deepEqual(await reported(source), ['reentrant:10', 'cell:12']);
  });
});

describe('panic-across-ffi: unwrap after a check', () => {
  test('silent: unwrap after `if x.is_none() { return }` or inside `if x.is_some()`; reported: a check of another value, or no exit', async () => {
    const source = `#[no_mangle]
pub extern "C" fn after(buf: Option<u32>) -> u32 {
    if buf.is_none() {
        return 0;
    }
    buf.unwrap()
}
#[no_mangle]
pub extern "C" fn inside(r: Result<u32, String>) -> u32 { if r.is_ok() { r.unwrap() } else { 0 } }
#[no_mangle]
pub extern "C" fn other(a: Option<u32>, b: Option<u32>) -> u32 { if a.is_none() { return 0; } b.unwrap() }
#[no_mangle]
pub extern "C" fn no_exit(a: Option<u32>) -> u32 { if a.is_none() { println!("none"); } a.unwrap() }
`;
    assert.deepEqual(await reported(source), ['other:11', 'no_exit:13']);
  });
});

describe('panic-across-ffi: assertions on a parameter', () => {
  test('silent when every call passes the asserted literal; reported for a call passing something else', async () => {
    const source = `fn set_error(out: *mut i32, code: u32, msg: &str) {
    assert!(code == 0);
    if !out.is_null() { unsafe { *out = msg.len() as i32 } }
}
#[no_mangle]
pub extern "C" fn load(out: *mut i32) -> i32 { set_error(out, 0, "failed"); -1 }
#[no_mangle]
pub extern "C" fn load_code(out: *mut i32, code: u32) -> i32 { set_error(out, code, "failed"); -1 }
#[no_mangle]
pub extern "C" fn load_one(out: *mut i32) -> i32 { set_error(out, 1u32, "failed"); -1 }
`;
    assert.deepEqual(await reported(source), ['load_code:8', 'load_one:10']);
  });
});

describe('panic-across-ffi: CString of an integer', () => {
  test('silent: CString::new(n.to_string()).unwrap() for an integer; reported for a string parameter', async () => {
    const source = `use std::ffi::{c_char, c_int, CString};
#[no_mangle]
pub extern "C" fn int_text(value: c_int) -> *mut c_char { CString::new(value.to_string()).unwrap().into_raw() }
#[no_mangle]
pub extern "C" fn free_text(s: *mut c_char) { if !s.is_null() { unsafe { drop(CString::from_raw(s)) } } }
pub fn text(v: &str) -> CString { CString::new(v.to_string()).unwrap() }
#[no_mangle]
pub extern "C" fn str_text(n: u8) -> *mut c_char { text(&n.to_string()).into_raw() }
`;
    assert.deepEqual(await reported(source), ['str_text:8']);
  });

  test('silent: CString::new of a choice between NUL-free literals; reported when one branch holds a NUL', async () => {
    const source = `use std::ffi::{c_char, c_int, CString};
#[no_mangle]
pub extern "C" fn flag_text(on: c_int) -> *mut c_char { CString::new(if on != 0 { "true" } else { "false" }).unwrap().into_raw() }
#[no_mangle]
pub extern "C" fn odd_text(on: c_int) -> *mut c_char { CString::new(if on != 0 { "a\\0b" } else { "false" }).unwrap().into_raw() }
`;
    assert.deepEqual(await reported(source), ['odd_text:5']);
  });
});

describe('panic-across-ffi: assertions a return-if-fail macro already checked', () => {
  test('silent: assert!(c) after a crate macro that returns unless c; reported: a condition the macro did not check', async () => {
    const source = `macro_rules! return_if_fail {
    { $func:ident; $($condition:expr,)+ } => {
        $(
            if !$condition {
                eprintln!("{}: {}", stringify!($func), stringify!($condition));
                return;
            }
        )+
    }
}
#[no_mangle]
pub unsafe extern "C" fn set_uri(h: *const u8, uri: *const u8) {
    return_if_fail! {
        set_uri;
        !h.is_null(),
        !uri.is_null(),
    }
    assert!(!uri.is_null());
}
#[no_mangle]
pub unsafe extern "C" fn set_name(h: *const u8, name: *const u8) {
    return_if_fail! { set_name; !h.is_null(), }
    assert!(!name.is_null());
}
`;
    assert.deepEqual(await reported(source), ['set_name:23']);
  });
});

describe('panic-across-ffi: a callee\'s unreachable arm that no caller reaches', () => {
  test('silent: every call passes a constant another arm takes; reported: a call passes its own argument, or a constant that falls through', async () => {
    const source = `use std::ffi::c_int;
pub const WARNING: c_int = 16;
pub const CRITICAL: c_int = 8;
pub const DEBUG: c_int = 128;
fn log(level: c_int) -> c_int {
    match level {
        WARNING | CRITICAL => 4,
        _ => unreachable!("another level"),
    }
}
#[no_mangle]
pub extern "C" fn warn() -> c_int { log(self::WARNING) + log(CRITICAL) }
#[no_mangle]
pub extern "C" fn any(level: c_int) -> c_int { log(level) }
#[no_mangle]
pub extern "C" fn debug() -> c_int { log(DEBUG) }
fn kind(k: u8) -> u8 {
    match k {
        0 | 1 => k,
        n if n > 9 => 9,
        _ => unreachable!(),
    }
}
#[no_mangle]
pub extern "C" fn guarded() -> u8 { kind(0) }
`;
    // A guard on another arm (\`n if n > 9\`) means the patterns do not say which values reach \`_\`.
    assert.deepEqual(await reported(source), ['any:14', 'debug:16', 'guarded:25']);
  });
});

