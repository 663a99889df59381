// The built server (dist/server.js) over stdio: capabilities, diagnostics of a Cargo crate, the quick fix,
// and edition 2024 extern blocks. Run `npm run build` first.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { CodeActionKind, DiagnosticSeverity, TextDocumentSyncKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import { applyTextEdits, editedUris, editsFor, fileUri, messageText, rangeOf, startForTest, textIn, writeTempTree, type LspClient } from '../support/lspClient';

const CDYLIB_MANIFEST = (edition: string) => `[package]\nname = "p"\nversion = "0.1.0"\nedition = "${edition}"\n[lib]\ncrate-type = ["cdylib"]\n`;
const LIB_RS = 'mod config;\n\n#[no_mangle]\npub extern "C" fn plugin_init(cfg: config::Config) -> i32 { 0 }\n';
const CONFIG_RS = 'pub struct Config { pub a: u32 }\n';

/** The Cargo crate of scenarios 2 and 3, opened at lib.rs; resolves once lib.rs has diagnostics. */
async function openPluginCrate(t: TestContext): Promise<{ client: LspClient; root: string; libUri: string; configFile: string; configUri: string; diagnostics: Diagnostic[] }> {
  const root = writeTempTree({ 'Cargo.toml': CDYLIB_MANIFEST('2021'), 'src/lib.rs': LIB_RS, 'src/config.rs': CONFIG_RS });
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const libUri = await client.didOpen(path.join(root, 'src', 'lib.rs'), LIB_RS);
  const diagnostics = await client.waitForDiagnostics(libUri, (d) => d.length > 0, 10_000, 'a non-empty list');
  const configFile = path.join(root, 'src', 'config.rs');
  return { client, root, libUri, configFile, configUri: fileUri(configFile), diagnostics };
}

describe('protocol: diagnostics and quick fix', () => {
  test('initialize announces incremental sync and quick-fix code actions', async (t) => {
    const { client, initializeResult } = await startForTest(t);
    const { capabilities } = initializeResult;
    const sync = capabilities.textDocumentSync;
    assert.ok(sync !== undefined && typeof sync === 'object', `textDocumentSync should be an options object, got ${JSON.stringify(sync)}`);
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.equal(sync.change, 2);
    assert.equal(sync.openClose, true);
    const provider = capabilities.codeActionProvider;
    assert.ok(provider !== undefined && typeof provider === 'object', `codeActionProvider should be an options object, got ${JSON.stringify(provider)}`);
    assert.ok(provider.codeActionKinds?.includes(CodeActionKind.QuickFix), JSON.stringify(provider));
    assert.equal(initializeResult.serverInfo?.name, 'rust-plugin-guard');
    assert.ok(client.alive);
    // shutdown + exit: the process ends by itself, with status 0 (not killed by the helper).
    await client.stop();
    assert.deepEqual(client.exitStatus, { code: 0, signal: null });
  });

  test('a Cargo cdylib crate: missing-repr-c on the parameter type, with doc link and related definition', async (t) => {
    const { client, libUri, configUri, diagnostics } = await openPluginCrate(t);
    const ours = diagnostics.filter((d) => d.code === 'missing-repr-c');
    assert.equal(ours.length, 1, JSON.stringify(diagnostics, null, 2));
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics, null, 2));
    const [d] = ours;
    assert.equal(d.source, 'rust-plugin-guard');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.equal(d.severity, 1);
    const expected = rangeOf(LIB_RS, 'config::Config');
    assert.deepEqual(expected, { start: { line: 3, character: 35 }, end: { line: 3, character: 49 } });
    assert.deepEqual(d.range, expected);
    assert.equal(textIn(LIB_RS, d.range), 'config::Config');
    assert.ok(messageText(d).includes('`Config` crosses the C boundary in `plugin_init`'), messageText(d));
    assert.ok(d.codeDescription?.href.endsWith('#missing-repr-c'), JSON.stringify(d.codeDescription));
    assert.equal(d.relatedInformation?.length, 1, JSON.stringify(d.relatedInformation));
    const [related] = d.relatedInformation!;
    assert.equal(related.location.uri, configUri);
    assert.deepEqual(related.location.range, rangeOf(CONFIG_RS, 'Config'));
    assert.equal(textIn(CONFIG_RS, related.location.range), 'Config');
    // config.rs is not open: nothing is published for it.
    assert.equal(client.published.get(configUri), undefined);
    assert.notEqual(client.published.get(libUri), undefined);
    assert.deepEqual(client.errorLogs, []);
  });

  test('the quick fix edits config.rs; after the file changes on disk, lib.rs is clean', async (t) => {
    const { client, libUri, configFile, configUri, diagnostics } = await openPluginCrate(t);
    const [diagnostic] = diagnostics;
    const actions = await client.codeActions({
      textDocument: { uri: libUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] },
    });
    assert.ok(Array.isArray(actions), `expected an array of actions, got ${JSON.stringify(actions)}`);
    assert.equal(actions.length, 1, JSON.stringify(actions, null, 2));
    const action = actions[0] as CodeAction;
    assert.equal(action.title, 'Add `#[repr(C)]` to `Config`');
    assert.equal(action.kind, CodeActionKind.QuickFix);
    assert.equal(action.isPreferred, true);
    assert.equal(action.command, undefined);
    assert.deepEqual(action.diagnostics?.map((d) => [d.code, d.range]), [[diagnostic.code, diagnostic.range]]);
    assert.deepEqual(editedUris(action.edit), [configUri]);

    const before = readFileSync(configFile, 'utf8');
    const after = applyTextEdits(before, editsFor(action.edit, configUri));
    assert.equal(after, '#[repr(C)]\npub struct Config { pub a: u32 }\n');

    // The user saves config.rs (not open in the editor): the client's file watcher reports the change.
    writeFileSync(configFile, after);
    await client.didChangeWatchedFiles([{ uri: configUri, type: 2 }]);
    const clean = await client.waitForDiagnostics(libUri, (d) => d.length === 0, 10_000, 'an empty list after config.rs changed on disk');
    assert.deepEqual(clean, []);

    // Nothing left to fix: the same request now returns no actions.
    const none = await client.codeActions({ textDocument: { uri: libUri }, range: diagnostic.range, context: { diagnostics: [], only: [CodeActionKind.QuickFix] } });
    assert.deepEqual(none ?? [], []);
    assert.deepEqual(client.errorLogs, []);
  });

  test('the quick fix keeps the indentation of an indented struct', async (t) => {
    const lib = 'mod inner {\n    /// Settings.\n    pub struct Config { pub a: u32 }\n}\n\n#[no_mangle]\npub extern "C" fn plugin_init(cfg: inner::Config) -> i32 { 0 }\n';
    const root = writeTempTree({ 'Cargo.toml': CDYLIB_MANIFEST('2021'), 'src/lib.rs': lib });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), lib);
    const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length === 1, 10_000, 'one diagnostic');
    assert.deepEqual(diagnostic.range, rangeOf(lib, 'inner::Config'));
    const actions = (await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] } })) as CodeAction[];
    assert.equal(actions.length, 1);
    const fixed = applyTextEdits(lib, editsFor(actions[0].edit, uri));
    assert.equal(fixed, lib.replace('    pub struct Config', '    #[repr(C)]\n    pub struct Config'));
    await client.didChange(uri, [{ text: fixed }]);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'an empty list after the fix'), []);
  });

  test('edition 2024: a by-value parameter of a `safe fn` in an `unsafe extern` block', async (t) => {
    const lib = 'pub struct Level { v: u8 }\n\nunsafe extern "C" {\n    pub safe fn host_log(level: Level);\n}\n';
    const root = writeTempTree({ 'Cargo.toml': CDYLIB_MANIFEST('2024'), 'src/lib.rs': lib });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), lib);
    const diagnostics = await client.waitForDiagnostics(uri, () => true, 10_000, 'any publication');
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics, null, 2));
    const [d] = diagnostics;
    assert.equal(d.code, 'missing-repr-c');
    const expected = rangeOf(lib, 'Level', 1);
    assert.deepEqual(expected, { start: { line: 3, character: 32 }, end: { line: 3, character: 37 } });
    assert.deepEqual(d.range, expected);
    assert.ok(messageText(d).includes('`Level` crosses the C boundary in `host_log`'), messageText(d));
    assert.deepEqual(d.relatedInformation?.map((r) => [r.location.uri, r.location.range]), [[uri, rangeOf(lib, 'Level')]]);
    assert.deepEqual(client.errorLogs, []);
  });
});
