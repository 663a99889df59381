// Diagnostics must not go missing or stay stale when several documents change or close (built server,
// dist/server.js). Run `npm run build` first.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { rangeOf, startForTest, writeTempTree } from '../support/lspClient';

const BAD = 'pub struct S { a: u8 }\npub extern "C" fn f(s: S) {}\n';

describe('protocol: no lost or stale diagnostics', () => {
  test('an edit in another crate while a crate is being analysed does not drop that crate\'s diagnostics', async (t) => {
    // Crate A is big enough (300 modules read from disk) for its analysis to take a while.
    const files: Record<string, string> = { 'Cargo.toml': '[package]\nname = "a"\nversion = "0.1.0"\nedition = "2021"\n' };
    let lib = '';
    for (let i = 0; i < 300; i++) {
      lib += `mod m${i};\n`;
      files[`src/m${i}.rs`] = `pub struct X${i} { a: u32 }\npub fn f${i}() {}\n`;
    }
    lib += BAD;
    files['src/lib.rs'] = lib;
    const crateA = writeTempTree(files);
    const crateB = writeTempTree({ 'lib.rs': BAD });
    const { client } = await startForTest(t, {}, [crateA, crateB]);

    // B first: once it has diagnostics, the parser is loaded and analyses start as soon as they are scheduled.
    const uriB = await client.didOpen(path.join(crateB, 'lib.rs'), BAD);
    await client.waitForDiagnostics(uriB, (d) => d.length === 1, 10_000, 'one diagnostic in B');

    const uriA = await client.didOpen(path.join(crateA, 'src', 'lib.rs'), lib);
    // A request as a barrier: when it is answered, the server has handled didOpen(A) and scheduled A.
    await client.codeActions({ textDocument: { uri: uriA }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
    // The user types in B (another crate) while A is analysed.
    const fixedB = `#[repr(C)] ${BAD}`;
    await client.didChange(uriB, [{ text: fixedB }]);

    assert.deepEqual(await client.waitForDiagnostics(uriB, (d) => d.length === 0, 10_000, 'an empty list for B after its fix'), []);
    const diagnosticsA = await client.waitForDiagnostics(uriA, () => true, 5000, "A's first publication (its analysis must not be dropped for good)");
    assert.equal(diagnosticsA.length, 1, JSON.stringify(diagnosticsA, null, 2));
    assert.deepEqual(diagnosticsA[0].range, rangeOf(lib, 'S', 1));
  });

  test('a closed file that is then fixed on disk does not keep its old diagnostics', async (t) => {
    const root = writeTempTree({ 'lib.rs': BAD });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const file = path.join(root, 'lib.rs');
    const uri = await client.didOpen(file, BAD);
    await client.waitForDiagnostics(uri, (d) => d.length === 1, 10_000, 'one diagnostic');

    // Closed in the editor, then fixed by another tool; the client's watcher reports the change.
    await client.didClose(uri);
    writeFileSync(file, `#[repr(C)] ${BAD}`);
    await client.didChangeWatchedFiles([{ uri, type: 2 }]);
    // Either clearing on close or re-checking closed files after the change is fine; an error that stays in
    // the Problems panel for a file that no longer has it is not.
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 5000, 'an empty list (cleared on close or after the fix on disk)'), []);
  });
});
