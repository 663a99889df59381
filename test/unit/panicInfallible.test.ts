// panic-across-ffi on sites that cannot fire whatever the host passes (found on the real-code corpus: rav1e's
// `decode_slice`, lightningcss's warnings lock, librsvg's `pixbuf_from_surface`), and their look-alikes that can.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

/** The exports reported, with the lines (1-based) of their panic sites. */
async function reported(source: string): Promise<string[]> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source });
  const { findings } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
  return findings
    .filter((f) => f.rule === 'panic-across-ffi')
    .map((f) => `${/`(\w+)` can panic/.exec(f.message)?.[1]}:${f.related.map((r) => r.location.range.start.line + 1).join(',')}`);
}

describe('panic-across-ffi: a slice converted to an array of its own length', () => {
  test('silent: the head of split_at(N), s[..N], s[i..i + N] and chunks_exact(N) items into [u8; N]', async () => {
    const source = `use std::convert::TryInto;
#[no_mangle]
pub unsafe extern "C" fn head(p: *const u8, len: usize) -> u64 {
    if len < 8 { return 0; }
    let buf = std::slice::from_raw_parts(p, len);
    let (len_bytes, _rest) = buf.split_at(std::mem::size_of::<u64>());
    u64::from_be_bytes(len_bytes.try_into().unwrap())
}
#[no_mangle]
pub unsafe extern "C" fn word(p: *const u8) -> u32 {
    let buf = std::slice::from_raw_parts(p, 4);
    let (w, _) = buf.split_at(4);
    let bytes: [u8; 4] = w.try_into().expect("four bytes");
    u32::from_le_bytes(bytes)
}
#[no_mangle]
pub unsafe extern "C" fn sum(p: *const u8, len: usize) -> u32 {
    let buf = std::slice::from_raw_parts(p, len);
    buf.chunks_exact(4).map(|c| u32::from_ne_bytes(c.try_into().unwrap())).sum()
}
#[no_mangle]
pub unsafe extern "C" fn ranges(p: *const u8, at: usize) -> u16 {
    let buf = std::slice::from_raw_parts(p, 64);
    let a = u16::from_le_bytes(buf[..2]
        .try_into().unwrap());
    let b: [u8; 2] = buf[at..at + 2]
        .try_into().unwrap();
    a ^ u16::from_le_bytes(b)
}
`;
    // The slicing itself can go out of bounds (lines 24 and 26); the conversions after it cannot fail.
    assert.deepEqual(await reported(source), ['ranges:24,26']);
  });

  test('reported: a length that differs from the array, the tail of split_at, chunks (not exact), an unknown slice', async () => {
    const source = `use std::convert::TryInto;
#[no_mangle]
pub unsafe extern "C" fn short(p: *const u8, len: usize) -> u64 {
    let buf = std::slice::from_raw_parts(p, len);
    let (head, _) = buf.split_at(4);
    u64::from_be_bytes(head.try_into().unwrap())
}
#[no_mangle]
pub unsafe extern "C" fn tail(p: *const u8, len: usize) -> u64 {
    let buf = std::slice::from_raw_parts(p, len);
    let (_, rest) = buf.split_at(8);
    u64::from_be_bytes(rest.try_into().unwrap())
}
#[no_mangle]
pub unsafe extern "C" fn ragged(p: *const u8, len: usize) -> u32 {
    let buf = std::slice::from_raw_parts(p, len);
    buf.chunks(4).map(|c| u32::from_ne_bytes(c.try_into().unwrap())).sum()
}
#[no_mangle]
pub unsafe extern "C" fn whole(p: *const u8, len: usize) -> u32 {
    let buf = std::slice::from_raw_parts(p, len);
    u32::from_le_bytes(buf.try_into().unwrap())
}
`;
    assert.deepEqual(await reported(source), ['short:6', 'tail:12', 'ragged:17', 'whole:22']);
  });
});

describe('panic-across-ffi: a lock the same call created', () => {
  test('silent: unwrapping read/write/lock of an Arc<RwLock>/Mutex made in this call (also through clone)', async () => {
    const source = `use std::sync::{Arc, Mutex, RwLock};
fn fill(w: Arc<RwLock<Vec<u32>>>) { w.write().unwrap().push(1); }
#[no_mangle]
pub extern "C" fn count() -> usize {
    let warnings = Arc::new(RwLock::new(Vec::new()));
    fill(warnings.clone());
    let n = warnings.clone().read().unwrap().len();
    n
}
#[no_mangle]
pub extern "C" fn local() -> u32 {
    let m = Mutex::new(3u32);
    let v = *m.lock().unwrap();
    v
}
`;
    // \`fill\`'s own unwrap is on a lock handed in: a caller could pass a poisoned one, so \`count\` is reported
    // for the call of \`fill\` (line 6), not for its own unwrap (line 7).
    assert.deepEqual(await reported(source), ['count:6']);
  });

  test('reported: a lock from a static or a parameter, and a lock shared with a spawned thread', async () => {
    const source = `use std::sync::{Arc, Mutex};
static STATE: Mutex<u32> = Mutex::new(0);
#[no_mangle]
pub extern "C" fn global() -> u32 { *STATE.lock().unwrap() }
#[no_mangle]
pub extern "C" fn threaded() -> u32 {
    let m = Arc::new(Mutex::new(0u32));
    let other = m.clone();
    std::thread::spawn(move || { let _g = other.lock(); panic!("poisons the lock") }).join().ok();
    let v = *m.lock().unwrap();
    v
}
`;
    assert.deepEqual(await reported(source), ['global:4', 'threaded:9,10']);
  });
});

describe('panic-across-ffi: assertions of what a constructor just promised', () => {
  test('silent: getters of a value built from constants, asserted right after it is built', async () => {
    const source = `pub enum Colorspace { Rgb }
pub struct Pixbuf;
impl Pixbuf {
    pub fn new(_c: Colorspace, _alpha: bool, _bits: i32, _w: i32, _h: i32) -> Option<Pixbuf> { Some(Pixbuf) }
    pub fn bits_per_sample(&self) -> i32 { 8 }
    pub fn n_channels(&self) -> i32 { 4 }
}
fn pixbuf(w: i32, h: i32) -> Result<Pixbuf, ()> {
    let pixbuf = Pixbuf::new(Colorspace::Rgb, true, 8, w, h).ok_or(())?;
    assert!(pixbuf.bits_per_sample() == 8);
    assert_eq!(pixbuf.n_channels(), 4);
    Ok(pixbuf)
}
#[no_mangle]
pub extern "C" fn make(w: i32, h: i32) -> bool { pixbuf(w, h).is_ok() }
`;
    assert.deepEqual(await reported(source), []);
  });

  test('reported: an assertion after other work, on a value built from the host\'s numbers only, or on an argument', async () => {
    const source = `pub struct Buffer(usize);
impl Buffer {
    pub fn with_capacity(n: usize) -> Buffer { Buffer(n) }
    pub fn capacity(&self) -> usize { self.0 }
    pub fn grow(&mut self) { self.0 += 1; }
}
#[no_mangle]
pub extern "C" fn sized(n: usize) -> usize {
    let b = Buffer::with_capacity(n);
    assert!(b.capacity() == 16);
    b.capacity()
}
#[no_mangle]
pub extern "C" fn later(n: usize) -> usize {
    let mut b = Buffer::with_capacity(16);
    b.grow();
    assert!(b.capacity() == 16);
    n
}
#[no_mangle]
pub extern "C" fn arg(n: usize) -> usize {
    let b = Buffer::with_capacity(16);
    assert!(n == b.capacity() + 1 || n == 2);
    n
}
`;
    assert.deepEqual(await reported(source), ['sized:10', 'later:17', 'arg:23']);
  });
});

describe('panic-across-ffi: CString::new of text that cannot hold a NUL byte', () => {
  const VERSION = `use std::ffi::CString;
use std::os::raw::c_char;
mod version {
    pub fn short() -> String { env!("CARGO_PKG_VERSION").to_string() }
    fn tag() -> &'static str { if cfg!(debug_assertions) { "debug" } else { "release" } }
    const CHANNEL: &str = "stable";
    pub fn full() -> String { format!("{} ({}, {})", short(), tag(), CHANNEL) }
    pub fn long() -> String { let s = short(); let n: u32 = 3; format!("{s}-{n}") }
}
#[no_mangle]
pub extern "C" fn plugin_version() -> *mut c_char {
    CString::new(version::full()).expect("version text").into_raw()
}
#[no_mangle]
pub extern "C" fn plugin_version_long() -> *mut c_char {
    CString::new(version::long()).unwrap().into_raw()
}
#[no_mangle]
pub extern "C" fn plugin_name() -> *mut c_char {
    CString::new(concat!(env!("CARGO_PKG_NAME"), "-", 2)).unwrap().into_raw()
}
`;

  test('silent: env!, literals, format! of them, crate functions and constants returning them', async () => {
    assert.deepEqual(await reported(VERSION), []);
  });

  test('reported: a parameter, a constant with a NUL, format! of host text, a function returning host text', async () => {
    const source = `use std::ffi::{CStr, CString};
use std::os::raw::c_char;
const BAD: &str = "a\\0b";
fn echo(s: &str) -> String { s.to_string() }
#[no_mangle]
pub unsafe extern "C" fn from_param(p: *const c_char) -> *mut c_char {
    let s = CStr::from_ptr(p).to_string_lossy().into_owned();
    CString::new(format!("got {}", s)).unwrap().into_raw()
}
#[no_mangle]
pub extern "C" fn from_const() -> *mut c_char {
    CString::new(BAD).unwrap().into_raw()
}
#[no_mangle]
pub unsafe extern "C" fn from_callee(p: *const c_char) -> *mut c_char {
    CString::new(echo(CStr::from_ptr(p).to_str().unwrap_or(""))).expect("text").into_raw()
}
`;
    const lines = await reported(source);
    assert.deepEqual(lines.map((l) => l.split(':')[0]), ['from_param', 'from_const', 'from_callee']);
  });

  test("`built`'s constants are NUL-free only in a crate that has `built` as a build dependency", async () => {
    const source = `use std::ffi::CString;
use std::os::raw::c_char;
mod built_info {
    include!(concat!(env!("OUT_DIR"), "/built.rs"));
}
fn git_version() -> &'static str { built_info::GIT_VERSION.unwrap_or_default() }
#[no_mangle]
pub extern "C" fn plugin_git() -> *mut c_char {
    CString::new(format!("{} ({})", env!("CARGO_PKG_VERSION"), git_version())).unwrap().into_raw()
}
`;
    const withBuilt = writeTree({ 'Cargo.toml': `${MANIFEST}\n[build-dependencies]\nbuilt = "0.8"\n`, 'src/lib.rs': source });
    const engine = await testEngine();
    const silent = (await engine.analyzeFile(path.join(withBuilt, 'src/lib.rs'))).findings.filter((f) => f.rule === 'panic-across-ffi');
    assert.deepEqual(silent, []);
    assert.deepEqual(await reported(source), ['plugin_git:9']);
  });
});

describe('panic-across-ffi: counts bounded by a slice length', () => {
  const DECODE = (guard: string, extra = 8, elem = 'u8') => `use std::convert::TryInto;
#[no_mangle]
pub unsafe extern "C" fn next_record(data: *mut *const ${elem}, len: *mut usize) -> i32 {
    if *len < 8 { return 8; }
    let buf = std::slice::from_raw_parts(*data, *len);
    let (head, rest) = buf.split_at(8);
    let body_len = head.len() * 0 + rest.len() / 2;
    let full_len = body_len + ${extra};
    ${guard}
    *data = (*data).offset(full_len.try_into().unwrap());
    rest[..body_len].len() as i32
}
`;

  test('silent: n <= the tail of split_at(8) (an early return or an enclosing if), n + 8 into isize, rest[..n]', async () => {
    assert.deepEqual(await reported(DECODE('if body_len > rest.len() { return -1; }')), []);
    const inside = `#[no_mangle]
pub unsafe extern "C" fn skip(p: *const u8, len: usize, n: usize) -> *const u8 {
    let buf = std::slice::from_raw_parts(p, len);
    if n <= buf.len() {
        let step: isize = n.try_into().unwrap();
        let _ = &buf[..n];
        return p.offset(step);
    }
    p
}
`;
    assert.deepEqual(await reported(`use std::convert::TryInto;\n${inside}`), []);
  });

  test('reported: no guard, a guard the wrong way, more than the head added, zero-sized elements, ..= past the end', async () => {
    assert.deepEqual(await reported(DECODE('')), ['next_record:10,11']);
    assert.deepEqual(await reported(DECODE('if body_len < rest.len() { return -1; }')), ['next_record:10,11']);
    assert.deepEqual(await reported(DECODE('if body_len > rest.len() { return -1; }', 9)), ['next_record:10']);
    assert.deepEqual(await reported(DECODE('if body_len > rest.len() { return -1; }', 8, '()')), ['next_record:10']);
    const inclusive = `#[no_mangle]
pub unsafe extern "C" fn upto(p: *const u8, len: usize, n: usize) -> u8 {
    let buf = std::slice::from_raw_parts(p, len);
    if n > buf.len() { return 0; }
    buf[..=n][0]
}
`;
    assert.deepEqual(await reported(inclusive), ['upto:5,5']);
    const changed = `#[no_mangle]
pub unsafe extern "C" fn moved(p: *const u8, len: usize, mut n: usize) -> u8 {
    let buf = std::slice::from_raw_parts(p, len);
    if n > buf.len() { return 0; }
    n += 1;
    buf[..n].len() as u8
}
`;
    assert.deepEqual(await reported(changed), ['moved:6']);
  });
});

describe('panic-across-ffi: rows of a strided image', () => {
  const IMAGE = (opts: { guard?: string; len?: string; call?: string; caller?: string } = {}) => `use std::slice;
#[repr(C)]
pub enum Status { Ok, BadInput }
unsafe fn rows<'a>(pixels: *const u8, width: u32, height: u32, bytes_per_row: u32) -> Result<(&'a [u8], usize), Status> {
    if pixels.is_null() { return Err(Status::BadInput); }
    let stride = bytes_per_row as usize;
    let width = width as usize;
    let height = height as usize;
    if ${opts.guard ?? 'stride < width || width == 0 || height == 0'} { return Err(Status::BadInput); }
    let pixels = slice::from_raw_parts(pixels, ${opts.len ?? 'stride * height + width - stride'});
    Ok((pixels, stride))
}
#[no_mangle]
pub unsafe extern "C" fn plugin_add_frame(${opts.caller ?? 'width: u32'}, height: u32, bytes_per_row: u32, pixels: *const u8) -> u32 {
    let (pixels, stride) = ${opts.call ?? 'match rows(pixels, width, height, bytes_per_row) { Ok(v) => v, Err(_) => return 1 }'};
    let width = width as usize;
    pixels.chunks(stride).map(|r| r[0..width].iter().map(|&b| u32::from(b)).sum::<u32>()).sum()
}
`;

  test('silent: the helper rejects stride < width and height == 0 and sizes the slice to end on the last row', async () => {
    assert.deepEqual(await reported(IMAGE()), []);
    assert.deepEqual(await reported(IMAGE({ len: 'stride * (height - 1) + width' })), []);
    assert.deepEqual(await reported(IMAGE({ len: 'stride * height', guard: 'stride < width' })), []);
    assert.deepEqual(await reported(IMAGE({ guard: 'width > stride || height == 0' })), []);
  });

  test('reported: no stride check, no height check, a short slice, the wrong argument, a mutable width', async () => {
    const at = ['plugin_add_frame:17'];
    assert.deepEqual(await reported(IMAGE({ guard: 'width == 0 || height == 0' })), at);
    assert.deepEqual(await reported(IMAGE({ guard: 'stride < width' })), at);
    assert.deepEqual(await reported(IMAGE({ len: 'stride * height - 1' })), at);
    assert.deepEqual(await reported(IMAGE({ call: 'match rows(pixels, height, width, bytes_per_row) { Ok(v) => v, Err(_) => return 1 }' })), at);
    const mutable = IMAGE({ caller: 'mut width: u32' }).replace('let (pixels, stride)', 'width += 1;\n    let (pixels, stride)');
    assert.deepEqual(await reported(mutable), ['plugin_add_frame:18']);
  });
});

describe('panic-across-ffi: an assertion a predicate already checked', () => {
  const CHECKED = (predicate: string) => `macro_rules! return_if_fail {
    ($($cond:expr),+ $(,)?) => { $( if !$cond { return; } )+ };
}
mod glib { pub mod types { pub unsafe fn instance_of<T>(_p: *const u8) -> bool { true } } }
use glib::types::instance_of;
pub struct File;
fn is_file(obj: *mut u8) -> bool { ${predicate} }
#[no_mangle]
pub unsafe extern "C" fn plugin_set_file(raw: *mut u8) {
    return_if_fail! { is_file(raw), }
    assert!(!raw.is_null());
}
`;

  test('silent: a GObject type check (instance_of / g_type_check_instance_is_a) or `!p.is_null() && ..` in the predicate', async () => {
    assert.deepEqual(await reported(CHECKED('unsafe { instance_of::<File>(obj as *const _) }')), []);
    assert.deepEqual(await reported(CHECKED('!obj.is_null() && (obj as usize) % 8 == 0')), []);
  });

  test('reported: a predicate that says nothing of NULL, or only in one arm of ||', async () => {
    assert.deepEqual(await reported(CHECKED('(obj as usize) % 8 == 0')), ['plugin_set_file:11']);
    assert.deepEqual(await reported(CHECKED('obj.is_null() || !obj.is_null()')), ['plugin_set_file:11']);
  });
});
