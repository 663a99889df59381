// mismatched-free and leaked-ownership on real plugin patterns (issue 11): casts to opaque public types,
// ownership given away through a function path, per-call leaks, capacity, and free on CString memory.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

async function findings(source: string, rules = ['mismatched-free', 'leaked-ownership']): Promise<Finding[]> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source });
  const { findings: all } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
  return all.filter((f) => rules.includes(f.rule));
}

const rulesAt = (list: Finding[]) => list.map((f) => `${f.rule}:${f.range.start.line + 1}`);

describe('casts to an opaque public type', () => {
  test('silent: Arc::into_raw(..).cast::<Opaque>() out and Arc::from_raw(p.cast::<Inner>()) back, also with `as` and Box', async () => {
    const source = `use std::sync::Arc;
pub struct Encoder { _private: [u8; 0] }
struct EncoderInner { level: u32 }
pub struct Checker { _p: [u8; 0] }
struct CheckerImpl { words: Vec<String> }
#[no_mangle]
pub extern "C" fn encoder_new(level: u32) -> *mut Encoder {
    let inner = Arc::new(EncoderInner { level });
    Arc::into_raw(inner).cast::<Encoder>().cast_mut()
}
#[no_mangle]
pub unsafe extern "C" fn encoder_free(enc: *mut Encoder) {
    if enc.is_null() { return; }
    drop(Arc::from_raw(enc.cast::<EncoderInner>()));
}
#[no_mangle]
pub extern "C" fn checker_new() -> *mut Checker {
    Box::into_raw(Box::new(CheckerImpl { words: Vec::new() })) as *mut Checker
}
#[no_mangle]
pub unsafe extern "C" fn checker_free(c: *mut Checker) {
    if !c.is_null() { drop(Box::from_raw(c as *mut CheckerImpl)); }
}
`;
    assert.deepEqual(rulesAt(await findings(source)), []);
  });

  test('reported: a handout cast to an opaque type that is reclaimed as the opaque type, or never', async () => {
    const source = `pub struct SpellChecker { _p: [u8; 0] }
struct Checker { words: Vec<String> }
pub struct Other { _p: [u8; 0] }
struct OtherImpl { n: u32 }
#[no_mangle]
pub extern "C" fn checker_new() -> *mut SpellChecker {
    Box::into_raw(Box::new(Checker { words: Vec::new() })).cast::<SpellChecker>()
}
#[no_mangle]
pub unsafe extern "C" fn checker_free(c: *mut SpellChecker) {
    if !c.is_null() { drop(Box::from_raw(c)); }
}
#[no_mangle]
pub extern "C" fn other_new() -> *mut Other {
    Box::into_raw(Box::new(OtherImpl { n: 1 })) as *mut Other
}
`;
    assert.deepEqual(rulesAt(await findings(source)).sort(), ['leaked-ownership:15', 'mismatched-free:11']);
  });
});

describe('ownership given away through a function path', () => {
  test('reported: .map(CString::into_raw), map_or(null_mut(), CString::into_raw), .map(Box::into_raw) with nothing reclaiming', async () => {
    const source = `use std::ffi::{c_char, CString};
use std::ptr;
pub struct Doc { n: u32 }
#[no_mangle]
pub extern "C" fn name(n: u32) -> *mut c_char {
    CString::new(n.to_string()).ok().map_or(ptr::null_mut(), CString::into_raw)
}
#[no_mangle]
pub extern "C" fn title(n: u32) -> *mut c_char {
    CString::new(format!("t{n}")).map(CString::into_raw).unwrap_or(ptr::null_mut())
}
#[no_mangle]
pub extern "C" fn doc_open(n: u32) -> *mut Doc {
    Some(Box::new(Doc { n })).map(Box::into_raw).unwrap_or(ptr::null_mut())
}
`;
    assert.deepEqual(rulesAt(await findings(source)), ['leaked-ownership:6', 'leaked-ownership:10', 'leaked-ownership:14']);
  });

  test('free() on a pointer handed out by CString::into_raw through map_or is a mismatched free; CString::from_raw is right', async () => {
    const source = `use std::ffi::{c_char, CString};
extern "C" { fn free(p: *mut std::ffi::c_void); }
#[no_mangle]
pub extern "C" fn describe(n: u32) -> *mut c_char {
    CString::new(n.to_string()).map_or(std::ptr::null_mut(), CString::into_raw)
}
#[no_mangle]
pub unsafe extern "C" fn describe_free(s: *mut c_char) { free(s.cast()) }
`;
    assert.deepEqual(rulesAt(await findings(source)), ['mismatched-free:8']);
    const right = source.replace('free(s.cast())', 'if !s.is_null() { drop(CString::from_raw(s)) }');
    assert.deepEqual(rulesAt(await findings(right)), []);
  });
});

describe('per-call leaks for a pointer that "lives forever"', () => {
  test('reported: Box::leak(..into_boxed_c_str()).as_ptr(), String::leak, Vec::leak made on every call', async () => {
    const source = `use std::ffi::{c_char, CString};
#[no_mangle]
pub extern "C" fn version() -> *const c_char {
    let s = CString::new(format!("{}.{}", 1, 2)).unwrap();
    Box::leak(s.into_boxed_c_str()).as_ptr()
}
#[no_mangle]
pub extern "C" fn label(n: u32) -> *const u8 { String::leak(n.to_string()).as_ptr() }
#[no_mangle]
pub extern "C" fn table(n: u8) -> *const u8 { vec![n; 4].leak().as_ptr() }
`;
    const found = await findings(source);
    assert.deepEqual(rulesAt(found), ['leaked-ownership:5', 'leaked-ownership:8', 'leaked-ownership:10']);
    assert.match(found[0].message, /`version` leaks a new `Box<CStr>` with `Box::leak` on every call/);
    assert.deepEqual(found[0].fixes, []);
  });

  test('silent: a leak done once into a static (OnceLock, LazyLock) and a static string', async () => {
    const source = `use std::ffi::{c_char, CStr, CString};
use std::sync::OnceLock;
static VERSION: OnceLock<&'static CStr> = OnceLock::new();
#[no_mangle]
pub extern "C" fn version() -> *const c_char {
    VERSION.get_or_init(|| Box::leak(CString::new(format!("{}.{}", 1, 2)).unwrap().into_boxed_c_str())).as_ptr()
}
#[no_mangle]
pub extern "C" fn name() -> *const c_char { c"plugin".as_ptr() }
`;
    assert.deepEqual(rulesAt(await findings(source)), []);
  });
});

describe('Vec capacity in the destructor', () => {
  test('reported: from_raw_parts(p, len, len) for a Vec handed out with forget and no shrink_to_fit; silent after shrink_to_fit', async () => {
    const source = `#[repr(C)]
pub struct Buf { ptr: *mut u8, len: usize }
#[no_mangle]
pub extern "C" fn buf_new(n: usize) -> Buf {
    let mut v: Vec<u8> = Vec::with_capacity(n * 2);
    v.resize(n, 0);
    let b = Buf { ptr: v.as_mut_ptr(), len: v.len() };
    std::mem::forget(v);
    b
}
#[no_mangle]
pub unsafe extern "C" fn buf_free(ptr: *mut u8, len: usize) {
    if ptr.is_null() { return; }
    drop(Vec::from_raw_parts(ptr, len, len));
}
`;
    assert.deepEqual(rulesAt(await findings(source, ['mismatched-free'])), ['mismatched-free:14']);
    const shrunk = source.replace('    v.resize(n, 0);\n', '    v.resize(n, 0);\n    v.shrink_to_fit();\n');
    assert.deepEqual(rulesAt(await findings(shrunk, ['mismatched-free'])), []);
  });
});

describe('functions handed to the host in a vtable (issue 18)', () => {
  test('their handouts and reclaims count like exports: a leak, a mismatched free, and a matched pair', async () => {
    const source = `use std::ffi::c_void;
pub struct State { n: u32 }
pub struct Other { m: u64 }
#[repr(C)]
pub struct Api {
    pub create: extern "C" fn() -> *mut State,
    pub destroy: extern "C" fn(*mut State),
    pub open: extern "C" fn() -> *mut c_void,
    pub close: extern "C" fn(*mut c_void),
}
extern "C" fn create() -> *mut State { Box::into_raw(Box::new(State { n: 1 })) }
extern "C" fn destroy(s: *mut State) { if !s.is_null() { unsafe { drop(Box::from_raw(s)) } } }
extern "C" fn open() -> *mut c_void { Box::into_raw(Box::new(State { n: 2 })).cast() }
extern "C" fn close(p: *mut c_void) { if !p.is_null() { unsafe { drop(Box::from_raw(p as *mut Other)) } } }
extern "C" fn make_other() -> *mut Other { Box::into_raw(Box::new(Other { m: 3 })) }
#[no_mangle]
pub static PLUGIN_API: Api = Api { create, destroy, open, close };
`;
    assert.deepEqual(rulesAt(await findings(source)), ['mismatched-free:14']);
  });
});
