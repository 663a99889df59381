import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics } from '../support/rustc';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

async function findings(source: string): Promise<Finding[]> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source });
  const { findings: all } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
  return all.filter((f) => f.rule === 'mismatched-free');
}

describe('mismatched-free', () => {
  test('wrong Box type, CString on a boxed slice, free on a CString, length as capacity, unchecked null', async () => {
    const source = readFileSync(path.join(__dirname, '..', 'fixtures', 'dangling', 'mismatched.rs'), 'utf8');
    const found = await findings(source);
    assert.deepEqual(
      found.map((f) => [f.range.start.line + 1, f.severity]),
      [
        [18, 'error'],
        [29, 'error'],
        [39, 'error'],
        [55, 'error'],
        [67, 'warning'],
      ],
    );
    const [box, cstring, free, capacity, nullCheck] = found;
    assert.match(box.message, /`config_free` reclaims `p` with `Box::<State>::from_raw`, but the `\*c_void` the host gets comes from a `Box<Config>`/);
    assert.equal(box.help, 'reclaim it the way `config_new` hands it out (`Box::<Config>::from_raw` on a `*mut Config`)');
    assert.deepEqual(box.related.map((r) => [r.location.range.start.line + 1, r.message]), [[12, 'a `Box<Config>` is handed out here, by `config_new`']]);
    assert.match(cstring.message, /with `CString::from_raw`, but the `\*c_char` the host gets comes from a boxed slice/);
    assert.match(free.message, /with `free`, but .* comes from a `CString`: Rust allocations must go back to the Rust allocator/);
    assert.match(capacity.message, /rebuilds the `Vec` with its length `len` as capacity/);
    assert.equal(source.split('\n')[54].slice(capacity.range.start.character, capacity.range.end.character), 'len');
    assert.match(nullCheck.message, /`handle_destroy` reclaims `h` with `Box::from_raw` without checking for null/);
  });

  test('silent: matched pairs under any name, drop glue, borrows, generic helper traits, Arc counts, statics, boxed slices, malloc/free', async () => {
    const source = `use std::ffi::{c_char, c_void, CStr, CString};
use std::sync::Arc;
extern "C" {
    fn malloc(n: usize) -> *mut c_void;
    fn free(p: *mut c_void);
}
pub struct Config { pub level: u32 }
pub struct Session { name: *mut c_char }
impl Drop for Session {
    fn drop(&mut self) { unsafe { drop(CString::from_raw(self.name)) } }
}
pub struct Shared { pub n: u64 }
trait Release: Sized {
    unsafe fn release(p: *mut Self) { drop(unsafe { Box::from_raw(p) }) }
}
impl Release for Config {}
static VERSION: &CStr = c"1.0";

#[no_mangle]
pub extern "C" fn config_create() -> *mut c_void { Box::into_raw(Box::new(Config { level: 1 })) as *mut c_void }
#[no_mangle]
pub unsafe extern "C" fn config_finish(p: *mut c_void) {
    if p.is_null() { return; }
    drop(unsafe { Box::from_raw(p as *mut Config) });
}
#[no_mangle]
pub unsafe extern "C" fn config_level(p: *mut c_void) -> u32 {
    let config = unsafe { Box::leak(Box::from_raw(p as *mut Config)) };
    config.level
}
#[no_mangle]
pub extern "C" fn typed_new() -> *mut Config { Box::into_raw(Box::new(Config { level: 2 })) }
#[no_mangle]
pub unsafe extern "C" fn typed_release(p: *mut Config) {
    if !p.is_null() { unsafe { Config::release(p) } }
}
#[no_mangle]
pub extern "C" fn session_open() -> *mut Session {
    let name = CString::new("s").unwrap_or_default().into_raw();
    Box::into_raw(Box::new(Session { name }))
}
#[no_mangle]
pub unsafe extern "C" fn session_close(s: *mut Session) {
    if let Some(s) = std::ptr::NonNull::new(s) { drop(unsafe { Box::from_raw(s.as_ptr()) }) }
}
#[no_mangle]
pub extern "C" fn shared_new() -> *const Shared { Arc::into_raw(Arc::new(Shared { n: 1 })) }
#[no_mangle]
pub unsafe extern "C" fn shared_release(p: *const Shared) {
    if p.is_null() { return; }
    unsafe { Arc::decrement_strong_count(p) }
}
#[no_mangle]
pub extern "C" fn version() -> *const c_char { VERSION.as_ptr() }
#[no_mangle]
pub extern "C" fn message() -> *mut c_char { CString::new("m").unwrap_or_default().into_raw() }
#[no_mangle]
pub unsafe extern "C" fn string_free(p: *mut c_char) {
    if p.is_null() { return; }
    drop(unsafe { CString::from_raw(p) });
}
#[no_mangle]
pub extern "C" fn bytes_new(len: usize) -> *mut u8 { Box::into_raw(vec![0u8; len].into_boxed_slice()) as *mut u8 }
#[no_mangle]
pub unsafe extern "C" fn bytes_free(p: *mut u8, len: usize) {
    if p.is_null() { return; }
    drop(unsafe { Vec::from_raw_parts(p, len, len) });
}
#[no_mangle]
pub extern "C" fn raw_alloc(n: usize) -> *mut u64 { unsafe { malloc(n * 8) as *mut u64 } }
#[no_mangle]
pub unsafe extern "C" fn raw_release(p: *mut u64) { unsafe { free(p as *mut c_void) } }
`;
    assert.deepEqual(await findings(source), []);
  });

  test('a pointee type also returned from somewhere the table cannot classify (a static) is not judged', async () => {
    const source = (withStatic: boolean) => `use std::ffi::{c_char, CString};
${withStatic ? 'static NAME: &[u8] = b"n\\0";\n#[no_mangle]\npub extern "C" fn name() -> *const c_char { NAME.as_ptr() as *const c_char }' : ''}
#[no_mangle]
pub extern "C" fn message() -> *mut c_char { CString::new("m").unwrap_or_default().into_raw() }
#[no_mangle]
pub unsafe extern "C" fn string_free(p: *mut c_char) {
    if p.is_null() { return; }
    drop(unsafe { Box::from_raw(p) });
}
`;
    assert.equal((await findings(source(false))).length, 1);
    assert.deepEqual(await findings(source(true)), []);
  });

  test('the capacity case is silent when the constructor shrinks the Vec or reports its capacity', async () => {
    const source = (shrink: string) => `#[no_mangle]
pub extern "C" fn buf_new(out_len: *mut usize) -> *mut u32 {
    let mut v: Vec<u32> = Vec::with_capacity(16);
    v.push(1);
    ${shrink}
    let p = v.as_mut_ptr();
    unsafe { *out_len = v.len() };
    std::mem::forget(v);
    p
}
#[no_mangle]
pub unsafe extern "C" fn buf_free(p: *mut u32, len: usize) {
    if p.is_null() { return; }
    drop(unsafe { Vec::from_raw_parts(p, len, len) });
}
`;
    assert.equal((await findings(source(''))).length, 1);
    assert.deepEqual(await findings(source('v.shrink_to_fit();')), []);
  });

  test('"Add a null check" returns early (with an error value for non-unit returns), clears the warning and compiles', async () => {
    const source = `pub struct Handle { pub n: u32 }
#[no_mangle]
pub extern "C" fn handle_new() -> *mut Handle { Box::into_raw(Box::new(Handle { n: 0 })) }
#[no_mangle]
pub unsafe extern "C" fn handle_destroy(h: *mut Handle) {
    drop(unsafe { Box::from_raw(h) });
}
#[no_mangle]
pub unsafe extern "C" fn handle_close(h: *mut Handle) -> i32 { let b = unsafe { Box::from_raw(h) }; b.n as i32 }
`;
    const found = await findings(source);
    assert.deepEqual(found.map((f) => [f.severity, f.fixes.map((x) => x.title)]), [['warning', ['Add a null check']], ['warning', ['Add a null check']]]);
    const unit = applyEdits(source, found[0].fixes[0].edits);
    assert.match(unit, /fn handle_destroy\(h: \*mut Handle\) \{\n {4}if h\.is_null\(\) \{\n {8}return;\n {4}\}\n {4}drop/);
    const fixed = applyEdits(unit, (await findings(unit)).find((f) => f.message.includes('handle_close'))!.fixes[0].edits);
    assert.match(fixed, /if h\.is_null\(\) \{\n {8}return -1 \/\* rust-plugin-guard: [^*]*\*\/;\n {4}\}/);
    assert.deepEqual(await findings(fixed), []);
    const file = path.join(writeTree({ 'lib.rs': fixed }), 'lib.rs');
    assert.deepEqual(rustcDiagnostics(file, '2021').filter((d) => d.level === 'error').map((d) => d.message), []);
  });
});
