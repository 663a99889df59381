// Findings reported in Cargo.toml (missing-cdylib): published for the manifest, fixed by a code action there,
// and following unsaved edits of the open manifest. Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver/node';
import { applyTextEdits, editsFor, startForTest, writeTempTree } from '../support/lspClient';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2024"\n';
const LIB_RS = '#[unsafe(no_mangle)]\npub extern "C" fn plugin_init() -> i32 { 0 }\n';

describe('protocol: Cargo.toml', () => {
  test('missing-cdylib appears in Cargo.toml, its quick fix applies there, and unsaved manifest edits count', async (t) => {
    const root = writeTempTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': LIB_RS });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    await client.didOpen(path.join(root, 'src', 'lib.rs'), LIB_RS);
    const manifestPath = path.join(root, 'Cargo.toml');
    const manifestUri = await client.didOpen(manifestPath, MANIFEST, 'toml');
    const [diagnostic] = await client.waitForDiagnostics(manifestUri, (d) => d.some((x) => x.code === 'missing-cdylib'), 10_000, 'missing-cdylib in Cargo.toml');
    assert.equal(diagnostic.code, 'missing-cdylib');
    assert.deepEqual(diagnostic.range.start, { line: 0, character: 0 });
    const actions = (await client.codeActions({ textDocument: { uri: manifestUri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
    assert.equal(actions[0]?.title, 'Add `"cdylib"` to `[lib] crate-type`');
    const fixed = applyTextEdits(MANIFEST, editsFor(actions[0].edit, manifestUri));
    assert.equal(fixed, `${MANIFEST}\n[lib]\ncrate-type = ["cdylib"]\n`);
    // The editor applies the fix to the open manifest without saving it: the finding goes away anyway.
    await client.didChange(manifestUri, [{ text: fixed }]);
    await client.waitForDiagnostics(manifestUri, (d) => d.length === 0, 10_000, 'an empty list after the unsaved fix');
  });
});
