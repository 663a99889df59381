// The CLI on a crate whose exports call the crate's own macros in their bodies (the built dist/cli.js in a child
// process; run `npm run build` first): the text report shows the panic site at the macro call, and the JSON
// report has only ranges of the user's file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/engine';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

const LIB = `macro_rules! ffi_try {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(_) => panic!("ffi call failed"),
        }
    };
}

#[no_mangle]
pub extern "C" fn plugin_value(text: *const u8) -> i32 {
    let n: Result<i32, ()> = if text.is_null() { Err(()) } else { Ok(1) };
    ffi_try!(n)
}
`;

test('cli: a panic inside a body-level macro expansion is reported at the call, in text and JSON', () => {
  const root = writeTree({ 'plugin/Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'plugin/src/lib.rs': LIB });
  const text = spawnSync(process.execPath, [CLI, 'check', 'plugin'], { cwd: root, encoding: 'utf8' });
  assert.match(text.stdout, /warning\[panic-across-ffi\]: `plugin_value` can panic \(`panic!` panics, line 13\)/);
  assert.match(text.stdout, / --> plugin\/src\/lib\.rs:11:19\n/);
  const json = spawnSync(process.execPath, [CLI, 'check', 'plugin', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  const [diagnostic, ...rest] = JSON.parse(json.stdout).diagnostics as { rule: string; related: { range: { start: { line: number; character: number } }; message: string }[] }[];
  assert.equal(rest.length, 0);
  assert.equal(diagnostic.rule, 'panic-across-ffi');
  assert.deepEqual(diagnostic.related.map((r) => [r.range.start.line, r.range.start.character, r.message]), [
    [12, 4, '`panic!` panics (in the expansion of `ffi_try!`)'],
    [4, 22, '`ffi_try!` produces this code here'],
  ]);
});
