import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { testEngine, writeTree } from '../support/engine';

const manifest = (edition = '2021') => `[package]\nname = "p"\nversion = "0.1.0"\nedition = "${edition}"\n\n[lib]\ncrate-type = ["cdylib"]\n`;

async function findings(source: string, edition = '2021'): Promise<Finding[]> {
  const root = writeTree({ 'Cargo.toml': manifest(edition), 'src/lib.rs': source });
  const { findings: all } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
  return all.filter((f) => f.rule === 'leaked-ownership');
}

const CONFIG = 'pub struct Config { pub n: u32 }\n';

describe('leaked-ownership', () => {
  test('a returned Box::into_raw with no Box::from_raw anywhere: on the call, related to the export, with a destructor fix', async () => {
    const source = `${CONFIG}#[no_mangle]
pub extern "C" fn config_new() -> *mut Config {
    let c = Box::new(Config { n: 1 });
    let p = Box::into_raw(c);
    p
}
`;
    const [finding, ...rest] = await findings(source);
    assert.equal(rest.length, 0);
    assert.deepEqual(finding.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 28 } });
    assert.match(finding.message, /`config_new` hands ownership of a `Box<Config>` to the host \(returned\)/);
    assert.deepEqual(finding.related[0].location.range.start, { line: 2, character: 18 });
    const fix = finding.fixes[0];
    assert.equal(fix.title, 'Generate `config_free`');
    assert.match(fix.edits[0].newText, /#\[no_mangle\]\npub unsafe extern "C" fn config_free\(ptr: \*mut Config\) \{\n {4}if ptr.is_null\(\) \{/);
    assert.deepEqual(fix.edits[0].range.start, { line: 6, character: 1 });
    const edition2024 = await findings(source, '2024');
    assert.match(edition2024[0].fixes[0].edits[0].newText, /#\[unsafe\(no_mangle\)\]/);
  });

  test('followed through out-parameters, returned struct fields, CString, forgotten Vecs and generic helpers', async () => {
    const source = `use std::ffi::{c_char, CString};
${CONFIG}#[repr(C)]
pub struct Pair { pub handle: *mut Config, pub len: usize }
fn into_handle<T>(value: T) -> *mut T { Box::into_raw(Box::new(value)) }
#[no_mangle]
pub unsafe extern "C" fn config_open(out: *mut *mut Config) -> i32 { unsafe { *out = Box::into_raw(Box::new(Config { n: 2 })); } 0 }
#[no_mangle]
pub extern "C" fn pair_new() -> Pair { Pair { handle: Box::into_raw(Box::new(Config { n: 3 })), len: 1 } }
#[no_mangle]
pub extern "C" fn name_get() -> *mut c_char { CString::new("x").unwrap().into_raw() }
#[no_mangle]
pub extern "C" fn bytes_new(len: *mut usize) -> *mut u8 {
    let mut v = vec![0u8; 16];
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}
#[no_mangle]
pub extern "C" fn config_make() -> *mut Config { into_handle(Config { n: 4 }) }
`;
    const all = await findings(source);
    const summary = all.map((f) => /hands ownership of (.*?) to the host \((.*?)\)/.exec(f.message)!.slice(1).join(' / '));
    assert.deepEqual(summary.sort(), [
      'a `Box<Config>` / returned',
      'a `Box<Config>` / returned in field `handle`',
      'a `Box<Config>` / written through `out`',
      'a `CString` / returned',
      'a `Vec` / returned',
    ]);
    const helper = all.find((f) => f.related[0].message.startsWith('`config_make`'))!;
    assert.equal(helper.range.start.line, 4, 'the finding sits on the Box::into_raw inside the helper');
    assert.equal(all.find((f) => f.message.includes('CString'))!.fixes[0].title, 'Generate `name_get_free`');
    assert.deepEqual(all.find((f) => f.message.includes('`Vec`'))!.fixes, [], 'a Vec needs its length to be freed: no fix');
  });

  test('silent: destructors under any name, drop glue, borrows, statics, generic trait reclaim, Arc counts', async () => {
    const source = `use std::ffi::{c_char, CStr, CString};
use std::sync::Arc;
${CONFIG}pub struct Engine { inner: *mut Config }
impl Drop for Engine { fn drop(&mut self) { unsafe { drop(Box::from_raw(self.inner)); } } }
#[no_mangle]
pub extern "C" fn config_new() -> *mut Config { Box::into_raw(Box::new(Config { n: 1 })) }
#[no_mangle]
pub unsafe extern "C" fn config_finish(c: *mut Config) { if !c.is_null() { drop(unsafe { Box::from_raw(c) }); } }
#[no_mangle]
pub unsafe extern "C" fn config_borrow(c: *mut Config) -> *mut Config { let r: &mut Config = Box::leak(unsafe { Box::from_raw(c) }); r }
static NAME: &CStr = c"plugin";
#[no_mangle]
pub extern "C" fn plugin_name() -> *const c_char { NAME.as_ptr() }
thread_local! { static LAST_ERROR: std::cell::RefCell<Option<CString>> = const { std::cell::RefCell::new(None) }; }
#[no_mangle]
pub extern "C" fn last_error() -> *const c_char { LAST_ERROR.with(|e| e.borrow().as_ref().map_or(std::ptr::null(), |s| s.as_ptr())) }
trait Handle: Sized { unsafe fn release(p: *mut Self) { drop(unsafe { Box::from_raw(p) }); } }
pub struct Session;
impl Handle for Session {}
#[no_mangle]
pub extern "C" fn session_new() -> *mut Session { Box::into_raw(Box::new(Session)) }
pub struct Shared;
#[no_mangle]
pub extern "C" fn shared_new() -> *const Shared { Arc::into_raw(Arc::new(Shared)) }
#[no_mangle]
pub unsafe extern "C" fn shared_release(p: *const Shared) { unsafe { Arc::decrement_strong_count(p) } }
#[no_mangle]
pub extern "C" fn kept(values: &mut Vec<*mut Config>) { values.push(Box::into_raw(Box::new(Config { n: 0 }))); }
`;
    assert.deepEqual(await findings(source), []);
  });

  test('a reclaim of another type does not count', async () => {
    const source = `${CONFIG}pub struct Other;
#[no_mangle]
pub extern "C" fn config_new() -> *mut Config { Box::into_raw(Box::new(Config { n: 1 })) }
#[no_mangle]
pub unsafe extern "C" fn other_free(p: *mut Other) { drop(unsafe { Box::from_raw(p) }); }
`;
    assert.equal((await findings(source)).length, 1);
  });

  test('silent: an export taking `Box<T>` or `Option<Box<T>>` by value reclaims the box (drop glue); another type does not', async () => {
    const source = `${CONFIG}pub struct Handle { pub n: u32 }
pub struct Other;
#[no_mangle]
pub extern "C" fn handle_new() -> *mut Handle { Box::into_raw(Box::new(Handle { n: 1 })) }
#[no_mangle]
pub extern "C" fn handle_free(handle: Option<Box<Handle>>) { drop(handle); }
#[no_mangle]
pub extern "C" fn config_new() -> *mut Config { Box::into_raw(Box::new(Config { n: 1 })) }
#[no_mangle]
pub extern "C" fn config_free(config: Box<Config>) { let _ = config; }
#[no_mangle]
pub extern "C" fn other_new() -> *mut Other { Box::into_raw(Box::new(Other)) }
#[no_mangle]
pub extern "C" fn wrong_free(handle: Option<Box<Handle>>) {}
`;
    const found = await findings(source);
    assert.deepEqual(found.map((f) => /`(\w+)` hands/.exec(f.message)![1]), ['other_new']);
    const mismatched = (await (await testEngine()).analyzeFile(path.join(writeTree({ 'Cargo.toml': manifest(), 'src/lib.rs': source }), 'src/lib.rs'))).findings.filter((f) => f.rule === 'mismatched-free');
    assert.deepEqual(mismatched, [], 'a by-value box needs no null check (`Option<Box<T>>` is the null check)');
  });

  test('a destructor on the same pointer type that reclaims the wrong way is mismatched-free, not a leak', async () => {
    const source = `use std::ffi::c_void;
pub struct Small { pub id: u32 }
pub struct Large { pub id: u32, pub label: String }
#[no_mangle]
pub extern "C" fn small_new(id: u32) -> *mut c_void { Box::into_raw(Box::new(Small { id })) as *mut c_void }
#[no_mangle]
pub unsafe extern "C" fn small_free(p: *mut c_void) { if p.is_null() { return; } drop(unsafe { Box::from_raw(p as *mut Large) }); }
#[no_mangle]
pub extern "C" fn large_new() -> *mut Large { Box::into_raw(Box::new(Large { id: 1, label: String::new() })) }
`;
    const root = writeTree({ 'Cargo.toml': manifest(), 'src/lib.rs': source });
    const all = (await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'))).findings;
    assert.deepEqual(all.filter((f) => f.rule === 'leaked-ownership').map((f) => /`(\w+)` hands/.exec(f.message)![1]), []);
    assert.equal(all.filter((f) => f.rule === 'mismatched-free').length, 1);
  });

  test('a forgotten `CString` whose pointer is returned is a `CString` handout, with the `CString::from_raw` destructor fix', async () => {
    // `kept_alive` in the dangling-pointer fixture: not dangling (forgotten), but leaked.
    const [finding, ...rest] = await findings(readFileSync(path.join(__dirname, '..', 'fixtures', 'dangling', 'locals.rs'), 'utf8'));
    assert.equal(rest.length, 0);
    assert.match(finding.message, /`kept_alive` hands ownership of a `CString` to the host \(returned\), but no function of the crate takes it back with `CString::from_raw`/);
    assert.match(finding.fixes[0].edits[0].newText, /fn kept_alive_free\(ptr: \*mut std::ffi::c_char\)/);
  });
});
