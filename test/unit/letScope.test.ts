// A `let` lives until its block ends: a later use of the name outside the block is an outer binding (found by
// another engineer on macro expansions, and true of hand-written blocks too).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';

async function danglingAt(source: string): Promise<number[]> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': source });
  const { findings } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
  return findings.filter((f) => f.rule === 'dangling-pointer').map((f) => f.range.start.line + 1);
}

test('dangling-pointer: a binding of an inner block neither hides nor stands for the outer one after the block', async () => {
  const source = `use std::ffi::{c_char, CStr, CString};
static NAME: &CStr = c"plugin";
#[no_mangle]
pub extern "C" fn static_name() -> *const c_char {
    let s = NAME;
    {
        let s = CString::new("scratch").unwrap();
        let _ = s.as_bytes().len();
    }
    s.as_ptr()
}
#[no_mangle]
pub extern "C" fn local_name() -> *const c_char {
    let s = CString::new("kept").unwrap();
    {
        let s = 5u32;
        let _twice = s * 2;
    }
    s.as_ptr()
}
`;
  // \`static_name\` returns the static's pointer (silent); \`local_name\` a pointer into its CString, dropped at return.
  assert.deepEqual(await danglingAt(source), [19]);
});
