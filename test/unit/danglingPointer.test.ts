import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = (edition = '2021') => `[package]\nname = "p"\nversion = "0.1.0"\nedition = "${edition}"\n\n[lib]\ncrate-type = ["cdylib"]\n`;

async function findings(source: string, extra: Record<string, string> = {}, edition = '2021'): Promise<{ file: string; found: Finding[] }> {
  const root = writeTree({ 'Cargo.toml': MANIFEST(edition), 'src/lib.rs': source, ...extra });
  const file = path.join(root, 'src/lib.rs');
  const { findings: all } = await (await testEngine()).analyzeFile(file);
  return { file, found: all.filter((f) => f.rule === 'dangling-pointer') };
}

const lineOf = (f: Finding) => f.range.start.line;

describe('dangling-pointer', () => {
  test('a local CString returned as a pointer: error on `as_ptr`, dropped at the closing brace, with the into_raw fix and a generated free', async () => {
    const source = `use std::ffi::{c_char, CString};
#[no_mangle]
pub extern "C" fn plugin_name() -> *const c_char {
    let name = CString::new("demo").unwrap_or_default();
    name.as_ptr()
}
`;
    const { found: [finding, ...rest] } = await findings(source);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'error');
    assert.deepEqual(finding.range, { start: { line: 4, character: 9 }, end: { line: 4, character: 15 } });
    assert.match(finding.message, /local `name` \(a `CString`\), which is dropped when `plugin_name` returns, and the pointer is returned to the host/);
    assert.deepEqual(finding.related[0].location.range.start, { line: 5, character: 0 });
    const fixed = applyEdits(source, finding.fixes[0].edits);
    assert.match(fixed, /name\.into_raw\(\)\n\}/);
    assert.match(fixed, /#\[no_mangle\]\npub unsafe extern "C" fn plugin_name_free\(ptr: \*mut std::ffi::c_char\) \{/);
    assert.match(fixed, /std::ffi::CString::from_raw\(ptr\)/);
  });

  test('edition 2024 gets `#[unsafe(no_mangle)]` on the generated free; no free when the crate already reclaims CStrings', async () => {
    const source = `use std::ffi::{c_char, CString};
#[unsafe(no_mangle)]
pub extern "C" fn label() -> *const c_char {
    CString::new("x").unwrap_or_default().as_ptr()
}
#[unsafe(no_mangle)]
pub unsafe extern "C" fn release(p: *mut c_char) {
    if !p.is_null() { drop(unsafe { CString::from_raw(p) }); }
}
`;
    const { found: [finding] } = await findings(source, {}, '2024');
    assert.equal(finding.fixes[0].title, 'Hand ownership out with `into_raw`');
    assert.equal(finding.fixes[0].edits.length, 1);
    const { found: [bare] } = await findings(source.replace(/#\[unsafe\(no_mangle\)\]\npub unsafe extern "C" fn release[\s\S]*$/, ''), {}, '2024');
    assert.match(applyEdits(source, bare.fixes[0].edits), /#\[unsafe\(no_mangle\)\]\npub unsafe extern "C" fn label_free/);
  });

  test('temporaries, locals, out-parameters, fields of a returned struct, `&local as *const _`, and crate helpers', async () => {
    const source = `use std::ffi::{c_char, CString};
#[repr(C)]
pub struct View { pub ptr: *const u8, pub len: usize }
fn helper_name(id: u32) -> *const c_char {
    let s = CString::new(id.to_string()).unwrap_or_default();
    s.as_ptr()
}
#[no_mangle]
pub extern "C" fn through_helper(id: u32) -> *const c_char { helper_name(id) }
#[no_mangle]
pub extern "C" fn out_param(out: *mut *const u8) {
    let buf = vec![1u8, 2, 3];
    unsafe { *out = buf.as_ptr() };
}
#[no_mangle]
pub extern "C" fn view() -> View {
    let text = String::from("hello");
    View { ptr: text.as_bytes().as_ptr(), len: text.len() }
}
#[no_mangle]
pub extern "C" fn stack_array() -> *const u8 {
    let bytes = [1u8, 2, 3, 4];
    bytes.as_ptr()
}
#[no_mangle]
pub extern "C" fn address_of_local() -> *const u32 {
    let value = 7u32;
    &value as *const u32
}
#[no_mangle]
pub extern "C" fn temporary() -> *const u8 {
    format!("{}", 1).as_ptr()
}
`;
    const { found } = await findings(source);
    assert.deepEqual(found.map(lineOf), [5, 12, 17, 22, 27, 31]);
    const helper = found[0];
    assert.match(helper.message, /`helper_name` takes a pointer into a local `s`/);
    assert.ok(helper.related.some((r) => r.message === '`through_helper` returns it to the host'));
    assert.match(found[1].message, /written through `out`/);
    assert.match(found[5].message, /temporary `String`, which is dropped at the end of the statement/);
  });

  test('silent: statics, literals, promoted constants, long-lived owners, forget/leak/into_raw, moved values, borrowed arguments', async () => {
    const source = `use std::cell::RefCell;
use std::ffi::{c_char, CStr, CString};
static GREETING: &[u8] = b"hello\\0";
const VERSION: &CStr = c"1.0";
thread_local! { static LAST_ERROR: RefCell<Option<CString>> = RefCell::new(None); }
pub struct Handle { name: CString, buf: Vec<u8> }
extern "C" { fn host_log(p: *const c_char); }
#[no_mangle]
pub extern "C" fn greeting() -> *const u8 { GREETING.as_ptr() }
#[no_mangle]
pub extern "C" fn version() -> *const c_char { VERSION.as_ptr() }
#[no_mangle]
pub extern "C" fn literal() -> *const c_char { c"lit".as_ptr() }
#[no_mangle]
pub extern "C" fn bytes() -> *const u8 { b"raw\\0".as_ptr() }
#[no_mangle]
pub extern "C" fn promoted() -> *const u8 { [1u8, 2].as_ptr() }
#[no_mangle]
pub unsafe extern "C" fn handle_name(h: *const Handle) -> *const c_char { unsafe { (*h).name.as_ptr() } }
#[no_mangle]
pub unsafe extern "C" fn handle_buf(h: &Handle) -> *const u8 { h.buf.as_ptr() }
#[no_mangle]
pub extern "C" fn last_error(msg: u32) -> *const c_char {
    let text = CString::new(msg.to_string()).unwrap_or_default();
    let ptr = text.as_ptr();
    LAST_ERROR.with(|slot| *slot.borrow_mut() = Some(text));
    ptr
}
#[no_mangle]
pub extern "C" fn forgotten() -> *const u8 {
    let v = vec![1u8];
    let p = v.as_ptr();
    std::mem::forget(v);
    p
}
#[no_mangle]
pub extern "C" fn leaked() -> *const u8 {
    let b: Box<[u8]> = vec![1u8].into_boxed_slice();
    let p = b.as_ptr();
    Box::leak(b);
    p
}
#[no_mangle]
pub extern "C" fn handed_out() -> *mut c_char { CString::new("x").unwrap_or_default().into_raw() }
#[no_mangle]
pub extern "C" fn borrowed_argument() {
    let s = CString::new("log").unwrap_or_default();
    unsafe { host_log(s.as_ptr()) };
    unsafe { host_log(CString::new("tmp").unwrap_or_default().as_ptr()) };
}
#[no_mangle]
pub extern "C" fn borrowed_param(s: &CStr) -> *const c_char { s.as_ptr() }
fn not_exported() -> *const u8 { let s = String::new(); s.as_ptr() }
`;
    const { found } = await findings(source);
    assert.deepEqual(found, []);
  });

  test('suppressed with #[allow(dangling_pointers_from_temporaries)] or the rule id', async () => {
    const source = `use std::ffi::{c_char, CString};
#[no_mangle]
#[allow(dangling_pointers_from_temporaries)]
pub extern "C" fn a() -> *const c_char { CString::new("x").unwrap_or_default().as_ptr() }
`;
    assert.deepEqual((await findings(source)).found, []);
  });
});
