import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

async function findings(source: string, manifest = MANIFEST, extra: Record<string, string> = {}): Promise<Finding[]> {
  const root = writeTree({ 'Cargo.toml': manifest, 'src/lib.rs': source, ...extra });
  const { findings: all } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
  return all.filter((f) => f.rule === 'panic-across-ffi');
}

describe('panic-across-ffi', () => {
  test('one finding per export, on its name, with each panic site as related information', async () => {
    const source = `use std::collections::HashMap;
#[no_mangle]
pub extern "C" fn parse(p: *const u8, len: usize, d: i32) -> i32 {
    let s = unsafe { std::slice::from_raw_parts(p, len) };
    let text = std::str::from_utf8(s).unwrap();
    let first = s[0];
    let m: HashMap<u8, i32> = HashMap::new();
    assert!(len > 0);
    (first as i32 + m[&1]) / d + text.len() as i32
}
`;
    const [finding, ...rest] = await findings(source);
    assert.equal(rest.length, 0);
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.range.start, { line: 2, character: 18 });
    assert.match(finding.message, /`parse` can panic \(`.unwrap\(\)` panics on `None`\/`Err`, line 5, and 4 more places\).*aborts the host process/);
    assert.deepEqual(finding.related.map((r) => r.location.range.start.line), [4, 5, 7, 8, 8]);
    assert.match(finding.related[0].message, /unwrap/);
    assert.equal(finding.fixes[0].title, 'Wrap body in `catch_unwind`');
  });

  test('calls into crate functions that panic, a few levels deep, through modules and imports', async () => {
    const source = `mod util;
use util::level1;
#[no_mangle]
pub extern "C" fn entry(x: u32) -> u32 { level1(x) }
`;
    const util = `pub fn level1(x: u32) -> u32 { level2(x) + 1 }
fn level2(x: u32) -> u32 { crate::util::level3(x) }
pub fn level3(x: u32) -> u32 { if x == 0 { panic!("zero") } else { x } }
`;
    const [finding] = await findings(source, MANIFEST, { 'src/util.rs': util });
    assert.ok(finding, 'expected a finding');
    assert.match(finding.related[0].message, /calls `level1`, which can panic/);
  });

  test('silent: catch_unwind, checked arithmetic, constant divisors, no exports, non-panicking helpers', async () => {
    const source = `use std::panic::{self, AssertUnwindSafe};
const SCALE: u32 = 10;
fn safe_helper(x: u32) -> Option<u32> { x.checked_div(2) }
#[no_mangle]
pub extern "C" fn guarded(p: *const u8) -> i32 {
    panic::catch_unwind(AssertUnwindSafe(|| {
        let v: Vec<u8> = Vec::new();
        v[0] as i32 + Some(1).unwrap()
    }))
    .unwrap_or(-1)
}
#[no_mangle]
pub extern "C" fn careful(x: u32, y: f64) -> u32 {
    let half = x / 2 + x % SCALE;
    let ratio = y / 3.0;
    safe_helper(x).unwrap_or(0) + half + ratio as u32 + x.checked_div(0).unwrap_or_default()
}
pub fn not_exported(x: Option<u32>) -> u32 { x.unwrap() }
extern "C" fn private_callback(x: Option<u32>) -> u32 { x.unwrap() }
`;
    assert.deepEqual(await findings(source), []);
  });

  test('panic = "abort" in a profile: still a warning, another message, no catch_unwind fix', async () => {
    const manifest = MANIFEST + '\n[profile.release]\npanic = "abort"\n';
    const [finding] = await findings('#[no_mangle]\npub extern "C" fn f(x: Option<u32>) -> u32 { x.unwrap() }\n', manifest);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /panic = "abort"` in \[profile\.release\]/);
    assert.deepEqual(finding.fixes, []);
  });

  test('profiles come from the workspace root, as cargo reads them: a member\'s own [profile] is ignored, `inherits` is followed', async () => {
    // The layout cargo 1.95 builds with `-C panic=abort` for --profile custom and warns about plugin/Cargo.toml's profile.
    const member = MANIFEST + '\n[profile.dev]\npanic = "abort"\n';
    const root = writeTree({
      'Cargo.toml': '[workspace]\nmembers = ["plugin"]\nresolver = "2"\n\n[profile.custom]\ninherits = "release"\n\n[profile.release]\npanic = "abort"\n',
      'plugin/Cargo.toml': member,
      'plugin/src/lib.rs': '#[no_mangle]\npub extern "C" fn f(x: Option<u32>) -> u32 { x.unwrap() }\n',
    });
    const { findings: all } = await (await testEngine()).analyzeFile(path.join(root, 'plugin/src/lib.rs'));
    const [finding] = all.filter((f) => f.rule === 'panic-across-ffi');
    assert.match(finding.message, /panic = "abort"` in \[profile\.custom\], \[profile\.release\] a panic aborts/);
    const alone = await findings('#[no_mangle]\npub extern "C" fn f(x: Option<u32>) -> u32 { x.unwrap() }\n', member);
    assert.match(alone[0].message, /panic = "abort"` in \[profile\.dev\]/, 'outside a workspace the package is its own root');
    const overridden = await findings('#[no_mangle]\npub extern "C" fn f(x: Option<u32>) -> u32 { x.unwrap() }\n', MANIFEST + '\n[profile.release]\npanic = "abort"\n\n[profile.safe]\ninherits = "release"\npanic = "unwind"\n');
    assert.match(overridden[0].message, /in \[profile\.release\] a panic/);
  });

  test('extern "C-unwind" exports of a cdylib are information; of an rlib nothing', async () => {
    const source = '#[no_mangle]\npub extern "C-unwind" fn f(x: Option<u32>) -> u32 { x.unwrap() }\n';
    const [finding] = await findings(source);
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /C-unwind/);
    const rlib = MANIFEST.replace('["cdylib"]', '["rlib"]');
    assert.deepEqual(await findings(source, rlib), []);
  });

  test('extern "C-unwind" exports with nothing that can panic have no finding', async () => {
    assert.deepEqual(await findings('#[no_mangle]\npub extern "C-unwind" fn tick(x: u32) -> u32 { x.wrapping_add(1) }\n'), []);
  });

  test('the fix wraps the body and picks an error value by return type', async () => {
    const source = `#[no_mangle]
pub extern "C" fn make(x: Option<u32>) -> *mut u32 {
    let v = x.unwrap();
    Box::into_raw(Box::new(v))
}
`;
    const [finding] = await findings(source);
    const edit = finding.fixes[0].edits[0];
    assert.equal(
      edit.newText,
      '{\n    std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {\n        let v = x.unwrap();\n        Box::into_raw(Box::new(v))\n    }))\n    .unwrap_or_else(|_| std::ptr::null_mut())\n}',
    );
    const integer = await findings('#[no_mangle]\npub extern "C" fn n(x: Option<i32>) -> i32 {\n    x.unwrap()\n}\n');
    assert.match(integer[0].fixes[0].edits[0].newText, /unwrap_or_else\(\|_\| -1 \/\* rust-plugin-guard: .*error \*\/\)/);
  });

  test('silenced by a rust-plugin-guard allow comment', async () => {
    const source = '// rust-plugin-guard: allow(panic-across-ffi)\n#[no_mangle]\npub extern "C" fn f(x: Option<u32>) -> u32 { x.unwrap() }\n';
    assert.deepEqual(await findings(source), []);
  });

  test('unwrapping `CString::new` of a literal without NUL cannot panic; of a runtime value or a literal with NUL it can', async () => {
    const source = `use std::ffi::{c_char, CString};
#[no_mangle]
pub extern "C" fn version() -> *mut c_char { CString::new("1.2.0").unwrap().into_raw() }
#[no_mangle]
pub extern "C" fn bytes() -> *mut c_char { CString::new(b"abc").expect("no NUL").into_raw() }
#[no_mangle]
pub extern "C" fn nul() -> *mut c_char { CString::new("a\\0b").unwrap().into_raw() }
#[no_mangle]
pub unsafe extern "C" fn dynamic(p: *const u8, n: usize) -> *mut c_char { CString::new(std::slice::from_raw_parts(p, n)).unwrap().into_raw() }
`;
    assert.deepEqual((await findings(source)).map((f) => /`(\w+)` can panic/.exec(f.message)![1]), ['nul', 'dynamic']);
  });
});
