// Settings pulled with `workspace/configuration` by the built server (dist/server.js). Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { rangeOf, startForTest, writeTempTree } from '../support/lspClient';

const BAD = 'pub struct Config { a: u32 }\n\n#[no_mangle]\npub extern "C" fn plugin_init(cfg: Config) -> i32 { 0 }\n';

describe('protocol: settings', () => {
  test('rule severity follows rustPluginGuard.rules after didChangeConfiguration', async (t) => {
    const root = writeTempTree({ 'lib.rs': BAD });
    const { client } = await startForTest(t, { rootPath: root, configuration: { rustPluginGuard: { rules: {} } } }, [root]);
    const uri = await client.didOpen(path.join(root, 'lib.rs'), BAD);
    const initial = await client.waitForDiagnostics(uri, (d) => d.length > 0, 10_000, 'a diagnostic with the default severity');
    assert.equal(initial.length, 1, JSON.stringify(initial, null, 2));
    assert.equal(initial[0].severity, DiagnosticSeverity.Error);
    assert.deepEqual(initial[0].range, rangeOf(BAD, 'Config', 1));
    // The server asked for its section after `initialized`.
    assert.ok(
      client.configurationRequests.some((items) => items.some((item) => item.section === 'rustPluginGuard')),
      `configuration requests: ${JSON.stringify(client.configurationRequests)}`,
    );

    const requestsBefore = client.configurationRequests.length;
    client.configuration = { rustPluginGuard: { rules: { 'missing-repr-c': 'warning' } } };
    await client.didChangeConfiguration({ settings: null });
    const warning = await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === DiagnosticSeverity.Warning, 10_000, 'one diagnostic with severity 2 (Warning)');
    assert.equal(warning[0].severity, 2);
    assert.equal(warning[0].code, 'missing-repr-c');
    assert.deepEqual(warning[0].range, initial[0].range);
    assert.ok(client.configurationRequests.length > requestsBefore, 'didChangeConfiguration should make the server pull settings again');

    client.configuration = { rustPluginGuard: { rules: { 'missing-repr-c': 'off' } } };
    await client.didChangeConfiguration({ settings: null });
    assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'an empty list with the rule off'), []);

    client.configuration = { rustPluginGuard: { rules: { 'missing-repr-c': 'hint' } } };
    await client.didChangeConfiguration({ settings: null });
    const hint = await client.waitForDiagnostics(uri, (d) => d.length === 1, 10_000, 'one diagnostic after turning the rule back on');
    assert.equal(hint[0].severity, DiagnosticSeverity.Hint);
    assert.deepEqual(client.errorLogs, []);
  });

  test('settings already set when the server starts apply to the first diagnostics', async (t) => {
    const root = writeTempTree({ 'lib.rs': BAD });
    const { client } = await startForTest(t, { rootPath: root, configuration: { rustPluginGuard: { rules: { 'missing-repr-c': 'information' } } } }, [root]);
    const uri = await client.didOpen(path.join(root, 'lib.rs'), BAD);
    const diagnostics = await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === DiagnosticSeverity.Information, 10_000, 'one diagnostic with severity 3 (Information)');
    assert.equal(diagnostics[0].code, 'missing-repr-c');
    assert.deepEqual(client.errorLogs, []);
  });

  test('settings in initializationOptions (as the VS Code client sends them) apply to the very first publication', async (t) => {
    const root = writeTempTree({ 'lib.rs': BAD });
    const rustPluginGuard = { rules: { 'missing-repr-c': 'warning' } };
    const { client } = await startForTest(t, { rootPath: root, configuration: { rustPluginGuard }, initializationOptions: { settings: rustPluginGuard } }, [root]);
    const uri = await client.didOpen(path.join(root, 'lib.rs'), BAD);
    const first = await client.waitForDiagnostics(uri, () => true, 10_000, 'the first publication');
    assert.deepEqual(first.map((d) => d.severity), [DiagnosticSeverity.Warning]);
  });
});
