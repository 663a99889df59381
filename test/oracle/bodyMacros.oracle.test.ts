// rustc as the oracle for body-level macro expansion: a `dangling_pointers_from_temporaries` warning inside a
// crate macro called in a function body is reported by rustc in the macro with the call as its expansion, or at
// the call's own tokens when they were passed in. Our dangling-pointer findings must sit at that outermost call
// site (or at those tokens).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { outermostCallSite } from '../support/differential';
import { testEngine, writeTree } from '../support/engine';
import { rustcDiagnostics, type RustcDiagnostic } from '../support/rustc';

const SOURCE = `use std::ffi::{c_char, CString};
macro_rules! c_str { ($s:expr) => { CString::new($s).unwrap().as_ptr() }; }
macro_rules! named { ($n:ident) => { c_str!(stringify!($n)) }; }
macro_rules! id { ($e:expr) => { $e }; }
macro_rules! owned { ($s:expr) => { { let s = CString::new($s).unwrap(); s.into_raw() } }; }
extern "C" { fn take(p: *const c_char); }

#[no_mangle]
pub extern "C" fn plugin_name() -> *const c_char {
    let p = c_str!("demo");
    p
}

#[no_mangle]
pub extern "C" fn plugin_label() -> *const c_char {
    let p = named!(label);
    p
}

#[no_mangle]
pub extern "C" fn plugin_title() -> *const c_char {
    let p = id!(CString::new("title").unwrap().as_ptr());
    p
}

#[no_mangle]
pub extern "C" fn plugin_kept() -> *const c_char {
    let p = owned!("kept");
    unsafe { take(c_str!("now")) };
    p
}
`;

function site(d: RustcDiagnostic): string {
  const s = outermostCallSite(d.spans.find((span) => span.is_primary)!);
  return `${s.line_start}:${s.column_start}`;
}

function ours(f: Finding): string {
  return `${f.range.start.line + 1}:${f.range.start.character + 1}`;
}

test('dangling pointers made inside body-level macro calls: our findings sit where rustc reports', async () => {
  const dir = writeTree({ 'Cargo.toml': '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': SOURCE });
  const file = path.join(dir, 'src/lib.rs');
  const diagnostics = rustcDiagnostics(file, '2021');
  assert.deepEqual(diagnostics.filter((d) => d.level === 'error').map((d) => d.message), []);
  const rustc = diagnostics.filter((d) => d.code?.code === 'dangling_pointers_from_temporaries').map(site).sort();
  // c_str! at its call, named! at the outermost call, the `as_ptr` passed to id! at the call's own token; a
  // temporary used within its statement (`take(c_str!(..))`) and `into_raw` are not dangling.
  assert.deepEqual(rustc, ['10:13', '16:13', '22:48'].sort());
  const { findings } = await (await testEngine()).analyzeFile(file);
  assert.deepEqual(findings.filter((f) => f.rule === 'dangling-pointer').map(ours).sort(), rustc);
});
