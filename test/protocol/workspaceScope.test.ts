// `rustPluginGuard.diagnostics.scope`: in `workspace` scope (the default) the findings of crates with no open
// file are published after start-up, survive open + close and follow changes on disk; `openFiles` publishes only
// for crates with an open file, as before. Also the output channel's log lines. Run `npm run build` first.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileUri, messageText, startForTest, writeTempTree, type LspClient } from '../support/lspClient';

const HOST = [
  'pub struct HostConfig {',
  '    pub level: u32,',
  '}',
  '',
  'type PluginNew = unsafe extern "C" fn(config: HostConfig) -> u32;',
  '',
  'fn main() {',
  '    let _f: Option<PluginNew> = None;',
  '}',
  '',
].join('\n');
const HOST_FIXED = HOST.replace('pub struct HostConfig', '#[repr(C)]\npub struct HostConfig');
const PLUGIN = '#[unsafe(no_mangle)]\npub extern "C" fn plugin_name(name: &str) -> u32 {\n    name.len() as u32\n}\n';

function workspace(): { root: string; hostMain: string; pluginLib: string } {
  const root = writeTempTree({
    'Cargo.toml': '[workspace]\nmembers = ["host", "plugin"]\nresolver = "2"\n',
    'host/Cargo.toml': '[package]\nname = "demo-host"\nversion = "0.1.0"\nedition = "2024"\n',
    'host/src/main.rs': HOST,
    'plugin/Cargo.toml': '[package]\nname = "demo-plugin"\nversion = "0.1.0"\nedition = "2024"\n\n[lib]\ncrate-type = ["cdylib"]\n',
    'plugin/src/lib.rs': PLUGIN,
  });
  return { root, hostMain: path.join(root, 'host', 'src', 'main.rs'), pluginLib: path.join(root, 'plugin', 'src', 'lib.rs') };
}

/** Polls the server's log messages until one matches (with a deadline; the server logs asynchronously). */
async function waitForLog(client: LspClient, pattern: RegExp, from = 0, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = client.logs.slice(from).find((l) => pattern.test(l.message));
    if (found) return found.message;
    if (Date.now() > deadline) throw new Error(`no log line matching ${pattern} in ${timeoutMs} ms; logs:\n${client.logs.map((l) => l.message).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const hasHostFinding = (d: { code?: unknown; message: unknown }[]) => d.some((x) => x.code === 'missing-repr-c' && messageText(x as never).startsWith('`HostConfig` crosses the C boundary'));

test('workspace scope: a closed host crate’s findings are published without opening a file, with progress and log lines', async (t) => {
  const { root, hostMain, pluginLib } = workspace();
  const { client, initializeResult } = await startForTest(t, { rootPath: root, workDoneProgress: true }, [root]);
  assert.match(initializeResult.serverInfo?.version ?? '', /^\d+\.\d+\.\d+/);
  await client.waitForDiagnostics(fileUri(hostMain), hasHostFinding, 10_000, 'missing-repr-c on HostConfig');
  const plugin = await client.waitForDiagnostics(fileUri(pluginLib), (d) => d.some((x) => x.code === 'ffi-unsafe-type'), 10_000, 'ffi-unsafe-type on &str');
  assert.equal(plugin.length, 1, JSON.stringify(plugin));

  // Progress: begin, then end once the first pass is through, on one token.
  await waitForLog(client, /^workspace: 2 crates without an open file checked in \d+ ms$/);
  const deadline = Date.now() + 5000;
  while (!client.progress.some((p) => p.value.kind === 'end') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const kinds = client.progress.map((p) => p.value.kind);
  assert.equal(kinds[0], 'begin', JSON.stringify(client.progress));
  assert.equal(kinds.at(-1), 'end', JSON.stringify(client.progress));
  assert.equal(new Set(client.progress.map((p) => p.token)).size, 1);
  assert.equal(client.progress[0].value.title, 'Rust Plugin Guard');
  assert.match(client.progress[0].value.message ?? '', /checking 2 crates of the workspace/);

  // The output channel: version, crates found, one short line per analysis.
  const messages = client.logs.map((l) => l.message);
  assert.ok(messages.some((m) => /^Rust Plugin Guard \d+\.\d+\.\d+\S* \(server, Node\.js v\d+\S*\), diagnostics\.scope: workspace$/.test(m)), messages.join('\n'));
  assert.ok(messages.includes('found 2 crates: demo-host (bin, host/), demo-plugin (cdylib, plugin/)'), messages.join('\n'));
  assert.ok(messages.some((m) => /^checked demo-host \(bin\), 1 file, in \d+ ms: 1 error$/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /^checked demo-plugin \(cdylib\), 1 file, in \d+ ms: 1 warning$/.test(m)), messages.join('\n'));
  for (const m of messages) assert.ok(m.length < 100 && !m.includes('\n'), `a log line should be short and single: ${m}`);
  assert.deepEqual(client.errorLogs, []);
});

test('workspace scope: findings stay after open + close, and follow the file on disk', async (t) => {
  const { root, hostMain } = workspace();
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const uri = fileUri(hostMain);
  await client.waitForDiagnostics(uri, hasHostFinding, 10_000, 'the host finding from the workspace pass');
  await waitForLog(client, /^workspace: 2 crates/);

  await client.didOpen(hostMain, HOST);
  await client.waitForDiagnostics(uri, hasHostFinding, 10_000, 'the host finding once open');
  const publishedBefore = client.published.get(uri)!.length;
  const logsBefore = client.logs.length;
  await client.didClose(uri);
  // The pass that the close starts re-checks the host from disk (1 crate: the plugin's is unchanged too, so 2).
  await waitForLog(client, /^workspace: 2 crates/, logsBefore);
  const after = client.published.get(uri)!.slice(publishedBefore);
  assert.ok(after.every(hasHostFinding), `closing must not clear the host's findings: ${JSON.stringify(after)}`);
  assert.ok(hasHostFinding(client.latestDiagnostics(uri)!));

  // Fixed by another tool while closed: the watched-file event brings the pass that clears it.
  writeFileSync(hostMain, HOST_FIXED);
  await client.didChangeWatchedFiles([{ uri, type: 2 }]);
  assert.deepEqual(await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'an empty list after the fix on disk'), []);
  assert.deepEqual(client.errorLogs, []);
});

test('openFiles scope: nothing for crates without an open file; closing clears, as before', async (t) => {
  const { root, hostMain, pluginLib } = workspace();
  const { client } = await startForTest(t, { rootPath: root, configuration: { rustPluginGuard: { diagnostics: { scope: 'openFiles' } } } }, [root]);
  const pluginUri = await client.didOpen(pluginLib, PLUGIN);
  await client.waitForDiagnostics(pluginUri, (d) => d.some((x) => x.code === 'ffi-unsafe-type'), 10_000, 'the open plugin’s finding');
  // A request as a barrier: by now a start-up pass would have listed the crates.
  await client.codeLenses(pluginUri);
  assert.equal(client.published.get(fileUri(hostMain)), undefined, 'the closed host crate must not be published');
  assert.ok(!client.logs.some((l) => /^(found \d+ crate|workspace:)/.test(l.message)), client.logs.map((l) => l.message).join('\n'));
  assert.ok(client.logs.some((l) => /diagnostics\.scope: openFiles$/.test(l.message)));
  await client.didClose(pluginUri);
  assert.deepEqual(await client.waitForDiagnostics(pluginUri, (d) => d.length === 0, 10_000, 'cleared on close'), []);
});

test('switching the scope: openFiles clears closed crates, workspace brings them back', async (t) => {
  const { root, hostMain } = workspace();
  const { client } = await startForTest(t, { rootPath: root, configuration: { rustPluginGuard: {} } }, [root]);
  const uri = fileUri(hostMain);
  await client.waitForDiagnostics(uri, hasHostFinding, 10_000, 'the host finding in workspace scope');
  client.configuration = { rustPluginGuard: { diagnostics: { scope: 'openFiles' } } };
  await client.didChangeConfiguration();
  await client.waitForDiagnostics(uri, (d) => d.length === 0, 10_000, 'cleared in openFiles scope');
  client.configuration = { rustPluginGuard: { diagnostics: { scope: 'workspace' } } };
  await client.didChangeConfiguration();
  await client.waitForDiagnostics(uri, hasHostFinding, 10_000, 'back in workspace scope');
});

test('workspace scope: an edit stops the pass under way, which starts over and completes', async (t) => {
  const files: Record<string, string> = { 'Cargo.toml': `[workspace]\nmembers = [${Array.from({ length: 60 }, (_, i) => `"c${i}"`).join(', ')}]\n` };
  for (let i = 0; i < 60; i++) {
    files[`c${i}/Cargo.toml`] = `[package]\nname = "c${i}"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n`;
    files[`c${i}/src/lib.rs`] = `pub struct S${i} { pub x: u32 }\n\n#[no_mangle]\npub extern "C" fn f${i}(s: S${i}) -> u32 { s.x }\n`;
  }
  const root = writeTempTree(files);
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const edited = path.join(root, 'c0', 'src', 'lib.rs');
  const uri = await client.didOpen(edited, files['c0/src/lib.rs']);
  await waitForLog(client, /^found 60 crates: /);
  // Typing while the pass runs: each edit is answered; the pass stops and waits for typing to pause.
  let text = files['c0/src/lib.rs'];
  for (let i = 0; i < 10; i++) {
    text += `// ${i}\n`;
    await client.didChange(uri, [{ text }]);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  await waitForLog(client, /^workspace check stopped by an edit/);
  const done = await waitForLog(client, /^workspace: \d+ crates without an open file/, 0, 30_000);
  assert.equal(done.split(' ')[1], '59', done);
  const last = fileUri(path.join(root, 'c59', 'src', 'lib.rs'));
  await client.waitForDiagnostics(last, (d) => d.some((x) => x.code === 'missing-repr-c'), 10_000, 'the last crate checked');
  assert.deepEqual(client.errorLogs, []);
});

test('workspace scope: a half-typed Cargo.toml is logged with its file; the other crates are still checked', async (t) => {
  const { root, hostMain, pluginLib } = workspace();
  writeFileSync(path.join(root, 'plugin', 'Cargo.toml'), '[package\nname = "demo-plugin"\n');
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  await client.waitForDiagnostics(fileUri(hostMain), hasHostFinding, 10_000, 'the host finding despite the broken plugin manifest');
  await waitForLog(client, /^workspace: 1 crate without an open file checked/);
  assert.ok(client.errorLogs.some((m) => m.startsWith('reading the workspace: ') && m.includes(path.join(root, 'plugin', 'Cargo.toml'))), client.errorLogs.join('\n'));
  // Its files are not checked as lone files meanwhile (that would report what its manifest may allow).
  assert.equal(client.published.get(fileUri(pluginLib)), undefined);
});

test('workspace scope: a folder added to the workspace is checked; a removed one takes its findings along', async (t) => {
  const first = workspace();
  const second = writeTempTree({ 'Cargo.toml': '[package]\nname = "late"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': PLUGIN.replace('#[unsafe(no_mangle)]', '#[no_mangle]') });
  const { client } = await startForTest(t, { rootPath: first.root, workspaceFolders: true }, [first.root, second]);
  await client.waitForDiagnostics(fileUri(first.hostMain), hasHostFinding, 10_000, 'the first folder’s host finding');
  const lateUri = fileUri(path.join(second, 'src', 'lib.rs'));
  await client.didChangeWorkspaceFolders([second], []);
  await client.waitForDiagnostics(lateUri, (d) => d.some((x) => x.code === 'ffi-unsafe-type'), 10_000, 'the added folder’s finding');
  await client.didChangeWorkspaceFolders([], [first.root]);
  assert.deepEqual(await client.waitForDiagnostics(fileUri(first.hostMain), (d) => d.length === 0, 10_000, 'the removed folder’s findings cleared'), []);
  assert.ok(client.latestDiagnostics(lateUri)?.some((x) => x.code === 'ffi-unsafe-type'), 'the remaining folder keeps its findings');
});
