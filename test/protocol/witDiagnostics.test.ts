// `.wit` files over real LSP against the built server (dist/server.js; run `npm run build` first): an open file
// with a syntax error gets it at the token, fixing it clears it, and an edit of one file of a package re-checks
// the other open file that uses its names.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeAction, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { applyContentChanges, fileUri, rangeOf, startForTest, writeTempTree } from '../support/lspClient';

const BROKEN = 'package my:plugin@1.0.0;\n\ninterface guest {\n  run: func(input: ) -> string;\n}\n\nworld plugin { export guest; }\n';

describe('protocol: WIT diagnostics', () => {
  test('a syntax error at its token, gone once fixed; versions are the document versions', async (t) => {
    const root = writeTempTree({ 'wit/plugin.wit': BROKEN });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'wit', 'plugin.wit'), BROKEN, 'wit');
    const first = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'the syntax error');
    assert.deepEqual(
      first.map((d) => [d.code, d.range, d.severity, d.source]),
      [['wit-syntax', rangeOf(BROKEN, ')'), 1, 'rust-plugin-guard']],
    );
    assert.deepEqual(first[0].range, { start: { line: 3, character: 19 }, end: { line: 3, character: 20 } });
    assert.match(first[0].codeDescription?.href ?? '', /docs\/wasm\.md#rules$/);

    // Type the missing type: the diagnostic goes.
    const fix: TextDocumentContentChangeEvent[] = [{ range: { start: { line: 3, character: 19 }, end: { line: 3, character: 19 } }, text: 'list<u8>' }];
    await client.didChange(uri, fix, 2);
    const fixed = applyContentChanges(BROKEN, fix);
    assert.ok(fixed.includes('run: func(input: list<u8>) -> string;'));
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'no diagnostics after the fix'), []);

    // An unknown type, typed into the same file.
    const unknown: TextDocumentContentChangeEvent[] = [{ range: rangeOf(fixed, 'string'), text: 'reply' }];
    await client.didChange(uri, unknown, 3);
    const typed = applyContentChanges(fixed, unknown);
    const reported = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'the unknown type');
    assert.deepEqual(reported.map((d) => [d.code, d.range]), [['wit-unknown-type', rangeOf(typed, 'reply')]]);
  });

  test("a name defined in another open file of the package: defining it there clears this file's diagnostic", async (t) => {
    const types = 'package my:plugin;\ninterface types {\n}\n';
    const api = 'interface api {\n  use types.{config};\n  init: func(c: config);\n}\nworld plugin { export api; }\n';
    const root = writeTempTree({ 'wit/types.wit': types, 'wit/api.wit': api });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const typesUri = await client.didOpen(path.join(root, 'wit', 'types.wit'), types, 'wit');
    const apiUri = await client.didOpen(path.join(root, 'wit', 'api.wit'), api, 'wit');
    const missing = await client.waitForDiagnostics(apiUri, (d) => d.length > 0, 10_000, '`config` not defined in `types`');
    assert.deepEqual(missing.map((d) => [d.code, d.range]), [['wit-unknown-type', rangeOf(api, 'config')]]);
    await client.didChange(typesUri, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '  record config { name: string }\n' }], 2);
    assert.deepEqual(await client.waitForDiagnostics(apiUri, (d) => d.length === 0, 10_000, 'cleared by the edit of types.wit'), []);
  });

  test('rule settings apply: a changed severity, then `off`', async (t) => {
    const text = 'package a:b;\ninterface i { f: func(x: nope); }\n';
    const root = writeTempTree({ 'a.wit': text });
    const { client } = await startForTest(t, { rootPath: root, configuration: { rustPluginGuard: { rules: { 'wit-unknown-type': 'warning' } } } }, [root]);
    const uri = await client.didOpen(path.join(root, 'a.wit'), text, 'wit');
    const warned = await client.waitForDiagnostics(uri, (d) => d.length > 0 && d[0].severity === 2, 10_000, 'the finding as a warning');
    assert.deepEqual(warned.map((d) => [d.code, d.range]), [['wit-unknown-type', rangeOf(text, 'nope')]]);
    client.configuration = { rustPluginGuard: { rules: { 'wit-unknown-type': 'off' } } };
    await client.didChangeConfiguration({ settings: null });
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'nothing once the rule is off'), []);
  });

  test('a quick fix in a .wit file: "Change to `config`" on an unknown type, applied, clears the diagnostic', async (t) => {
    const text = 'package my:plugin;\ninterface api {\n  record config { name: string }\n  init: func(c: confg);\n}\n';
    const root = writeTempTree({ 'wit/api.wit': text });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'wit', 'api.wit'), text, 'wit');
    const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'the unknown type');
    assert.deepEqual(diagnostic.range, rangeOf(text, 'confg'));
    const actions = (await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) ?? [];
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ['Change to `config`']);
    const action = actions[0] as CodeAction;
    const edits = action.edit?.changes?.[uri] ?? action.edit?.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : [])) ?? [];
    assert.deepEqual(edits.map((e) => [e.range, 'newText' in e ? e.newText : undefined]), [[rangeOf(text, 'confg'), 'config']]);
    await client.didChange(uri, [{ range: rangeOf(text, 'confg'), text: 'config' }], 2);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'clean after the fix'), []);
    // The fixes of an older version are not offered for the new text.
    assert.deepEqual(await client.codeActions({ textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [] } }), []);
  });

  test('workspace scope: a closed .wit file is checked from disk, kept after close, cleared in openFiles scope and when fixed on disk', async (t) => {
    const text = 'package my:plugin;\ninterface api {\n  run: func() -> reply;\n}\n';
    const root = writeTempTree({ 'wit/api.wit': text, 'wit/deps/skipped/bad.wit': 'package x:y;\ninterface i { f: func(a: nope); }\n' });
    const file = path.join(root, 'wit', 'api.wit');
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = fileUri(file);
    const closed = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'the closed file’s finding');
    assert.deepEqual(closed.map((d) => [d.code, d.range]), [['wit-unknown-type', rangeOf(text, 'reply')]]);
    // Vendored packages under deps/ are read as dependencies, not checked.
    assert.equal(client.published.get(fileUri(path.join(root, 'wit', 'deps', 'skipped', 'bad.wit'))), undefined);
    await client.didOpen(file, text, 'wit');
    await client.didClose(uri);
    await client.codeLenses(uri).catch(() => null);
    assert.deepEqual((client.published.get(uri)?.at(-1) ?? []).map((d) => d.code), ['wit-unknown-type'], 'kept after close (read from disk)');
    client.configuration = { rustPluginGuard: { diagnostics: { scope: 'openFiles' } } };
    await client.didChangeConfiguration();
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'cleared in openFiles scope'), []);
    client.configuration = { rustPluginGuard: { diagnostics: { scope: 'workspace' } } };
    await client.didChangeConfiguration();
    await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'back in workspace scope');
    writeFileSync(file, text.replace('reply', 'string'));
    await client.didChangeWatchedFiles([{ uri, type: 2 }]);
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'clean once fixed on disk'), []);
  });
});
