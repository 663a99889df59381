// Body-level macro expansion through the editor's path (real LSP over stdio): a panic a crate macro writes
// into an export's body arrives at the macro call in the document, related to the macro's line; an edit of the
// macro definition that removes the panic clears it. Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { messageText, startForTest, textIn, writeTempTree } from '../support/lspClient';

const SOURCE = `macro_rules! ffi_try {
    ($e:expr, $err:expr) => {
        match $e {
            Ok(v) => v,
            Err(_) => panic!("ffi call failed"),
        }
    };
}

fn parse(s: &str) -> Result<i32, std::num::ParseIntError> { s.parse::<i32>() }

#[no_mangle]
pub extern "C" fn plugin_value() -> i32 {
    let v = ffi_try!(parse("12"), -1);
    v + 1
}
`;

test('protocol: a panic inside a body-level macro expansion is reported at the call; fixing the macro clears it', async (t) => {
  const root = writeTempTree({ 'Cargo.toml': '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': SOURCE });
  const file = path.join(root, 'src', 'lib.rs');
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const uri = await client.didOpen(file, SOURCE);
  const diagnostics = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'panic-across-ffi'), 10_000, 'panic-across-ffi through the body macro');
  const panic = diagnostics.find((x) => x.code === 'panic-across-ffi')!;
  assert.equal(textIn(SOURCE, panic.range), 'plugin_value');
  assert.match(messageText(panic), /`panic!` panics, line 14\)/);
  const related = (panic.relatedInformation ?? []).map((r) => [r.location.uri === uri, textIn(SOURCE, r.location.range), r.message]);
  assert.deepEqual(related, [
    [true, 'ffi_try!(parse("12"), -1)', '`panic!` panics (in the expansion of `ffi_try!`)'],
    [true, 'panic', '`ffi_try!` produces this code here'],
  ]);
  // Every range inside the document, none on the expanded text's lines.
  for (const d of diagnostics) for (const r of [d.range, ...(d.relatedInformation ?? []).map((x) => x.location.range)]) assert.ok(r.end.line < SOURCE.split('\n').length, JSON.stringify(r));
  await client.didChange(uri, [{ text: SOURCE.replace('Err(_) => panic!("ffi call failed"),', 'Err(_) => return $err,') }]);
  await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'panic-across-ffi'), 10_000, 'cleared once the macro returns instead');
});
