// Types from another crate of the workspace: the plugin's diagnostic offers a fix in the shared crate, and an
// unsaved edit of the shared crate updates the plugin's diagnostics. Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver/node';
import { applyTextEdits, editedUris, editsFor, fileUri, messageText, startForTest, writeTempTree } from '../support/lspClient';

const SHARED = 'pub struct Config {\n    pub threads: u32,\n}\n';
const PLUGIN = 'use shared::Config;\n\n#[no_mangle]\npub extern "C" fn plugin_configure(config: Config) -> u32 {\n    config.threads\n}\n';

test('protocol: a shared crate’s type in a plugin signature', async (t) => {
  const root = writeTempTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "shared"]\n',
    'shared/Cargo.toml': '[package]\nname = "shared"\nversion = "0.1.0"\nedition = "2021"\n',
    'shared/src/lib.rs': SHARED,
    'plugin/Cargo.toml': '[package]\nname = "plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\nshared = { path = "../shared" }\n',
    'plugin/src/lib.rs': PLUGIN,
  });
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const pluginUri = await client.didOpen(path.join(root, 'plugin', 'src', 'lib.rs'), PLUGIN);
  const [diagnostic] = await client.waitForDiagnostics(pluginUri, (d) => d.some((x) => x.code === 'missing-repr-c'), 10_000, 'missing-repr-c for the shared Config');
  assert.match(messageText(diagnostic), /^`Config` crosses the C boundary in `plugin_configure`/);

  const sharedUri = fileUri(path.join(root, 'shared', 'src', 'lib.rs'));
  const actions = (await client.codeActions({ textDocument: { uri: pluginUri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
  const fix = actions.find((a) => a.title.includes('repr(C)'));
  assert.ok(fix, `a repr(C) fix among ${actions.map((a) => a.title).join(', ')}`);
  assert.deepEqual(editedUris(fix.edit), [sharedUri], 'the fix edits the crate that defines the type');
  const fixed = applyTextEdits(SHARED, editsFor(fix.edit, sharedUri));
  assert.equal(fixed, `#[repr(C)]\n${SHARED}`);

  // The user opens the shared crate and applies the fix there without saving: the plugin's finding goes.
  await client.didOpen(path.join(root, 'shared', 'src', 'lib.rs'), SHARED);
  await client.didChange(sharedUri, [{ text: fixed }]);
  await client.waitForDiagnostics(pluginUri, (d) => !d.some((x) => x.code === 'missing-repr-c'), 10_000, 'the plugin clean after the shared edit');
});
