// The interface view over real LSP (stdio): hover, definition, code lenses and `rustPluginGuard/interface` on
// a plugin drifted from its header, and header edits reaching diagnostics and the view before they are saved.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { CodeLens, Location } from 'vscode-languageserver/node';
import { INTERFACE_REQUEST, OPEN_DECLARATION_COMMAND, type InterfaceResult } from '../../server/src/protocol/interface';
import { hostTargetCfg } from '../../server/src/crate/targetCfg';
import { fileUri, messageText, rangeOf, startForTest, writeTempTree } from '../support/lspClient';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'interfaces', 'mismatch');
/** An export no header declares, appended to the fixture's lib.rs. */
const UNDECLARED = '\n#[no_mangle]\npub extern "C" fn plugin_debug_dump() {}\n';

function fixtureFiles(dir = FIXTURE, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(files, fixtureFiles(full, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return files;
}

function pluginTree(): { root: string; lib: string; header: string; libText: string; headerText: string } {
  const files = fixtureFiles();
  files['src/lib.rs'] += UNDECLARED;
  const root = writeTempTree(files, 'rpg-interface-view-');
  return { root, lib: path.join(root, 'src', 'lib.rs'), header: path.join(root, 'include', 'plugin.h'), libText: files['src/lib.rs'], headerText: files['include/plugin.h'] };
}

function hoverText(hover: Awaited<ReturnType<import('../support/lspClient').LspClient['hover']>>): string {
  assert.ok(hover, 'expected a hover');
  const { contents } = hover;
  return typeof contents === 'object' && 'kind' in contents ? contents.value : JSON.stringify(contents);
}

describe('protocol: interface view', () => {
  test('hover shows the implemented declaration (file:line, C text) or says none; nothing off an export', async (t) => {
    const { root, lib, libText, headerText } = pluginTree();
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(lib, libText);
    const scaleLine = rangeOf(headerText, 'int plugin_scale').start.line + 1;
    const scale = hoverText(await client.hover(uri, rangeOf(libText, 'plugin_scale').start));
    assert.match(scale, new RegExp(`\`plugin_scale\` implements \\[\`plugin.h:${scaleLine}\`\\]\\(file://[^)]*plugin.h#L${scaleLine}\\)`));
    assert.match(scale, /```c\nint plugin_scale\(int value, int factor\);\n```/);
    const undeclared = hoverText(await client.hover(uri, rangeOf(libText, 'plugin_debug_dump').end));
    assert.match(undeclared, /`plugin_debug_dump` is not declared by any interface of `mismatch_plugin` \(checked `plugin.h`\)/);
    assert.equal(await client.hover(uri, rangeOf(libText, 'out.calls').start), null);
  });

  test('hover on a #[repr(C)] type shows its size, alignment and field offsets for the checked target; a Rust-layout type shows none', async (t) => {
    const source = '#[repr(C)]\npub struct Event { pub kind: u8, pub time: u64, pub code: u16 }\npub struct Inner { pub a: u8 }\n#[no_mangle]\npub extern "C" fn plugin_event(e: *const Event) {}\n';
    const root = writeTempTree({ 'Cargo.toml': '[package]\nname = "layout_hover"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': source });
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), source);
    const text = hoverText(await client.hover(uri, rangeOf(source, 'Event {').start));
    // On a 64-bit target (the machines this suite runs on); the oracle test checks the numbers against rustc.
    assert.match(text, new RegExp(`^\`Event\`: size 24 bytes, alignment 8 \\(${hostTargetCfg().triple}\\)`));
    assert.match(text, /\| `kind` \| 0 \| 1 \| 1 \|\n\| `time` \| 8 \| 8 \| 8 \|\n\| `code` \| 16 \| 2 \| 2 \|/);
    assert.match(text, /13 bytes of padding\./);
    assert.equal(await client.hover(uri, rangeOf(source, 'Inner').start), null);
  });

  test('definition jumps from an export to its prototype in the header', async (t) => {
    const { root, lib, header, libText, headerText } = pluginTree();
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(lib, libText);
    const found = (await client.definition(uri, rangeOf(libText, 'plugin_level_for').start)) as Location[];
    assert.equal(found.length, 1);
    assert.equal(found[0].uri, fileUri(header));
    assert.deepEqual(found[0].range.start, rangeOf(headerText, 'Level plugin_level_for').start);
    assert.equal(await client.definition(uri, rangeOf(libText, 'plugin_debug_dump').start), null);
  });

  test('a code lens on every export names its declaration and opens it; none for a crate without a header', async (t) => {
    const { root, lib, header, libText, headerText } = pluginTree();
    const bare = writeTempTree({ 'Cargo.toml': '[package]\nname = "bare"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': '#[no_mangle]\npub extern "C" fn bare_init() {}\n' });
    const { client } = await startForTest(t, { rootPath: root }, [root, bare]);
    const uri = await client.didOpen(lib, libText);
    const lenses = (await client.codeLenses(uri)) as CodeLens[];
    const line = (needle: string) => rangeOf(headerText, needle).start.line + 1;
    assert.deepEqual(
      lenses.map((l) => [libText.split('\n')[l.range.start.line].trim(), l.command?.title]),
      [
        ['pub extern "C" fn plugin_abi_version() -> u32 {', `implements plugin.h:${line('uint32_t plugin_abi_version')}`],
        ['pub extern "C" fn plugin_scale(value: i64, factor: i32) -> i32 {', `implements plugin.h:${line('int plugin_scale')}`],
        ['pub extern "C" fn plugin_level_for(code: i32) -> Level {', `implements plugin.h:${line('Level plugin_level_for')}`],
        ['pub extern "C" fn plugin_stats(out: &mut Stats) {', `implements plugin.h:${line('void plugin_stats')}`],
        ['pub extern "C" fn plugin_describe(buffer: *mut c_char, length: usize) -> usize {', `implements plugin.h:${line('size_t plugin_describe')}`],
        ['pub extern "C" fn plugin_total(bytes: i32) -> i64 {', `implements plugin.h:${line('int64_t plugin_total')}`],
        ['pub extern "C" fn plugin_debug_dump() {}', 'not declared by any interface'],
      ],
    );
    assert.equal(lenses[1].command?.command, OPEN_DECLARATION_COMMAND);
    assert.deepEqual(lenses[1].command?.arguments, [fileUri(header), { start: rangeOf(headerText, 'int plugin_scale').start, end: rangeOf(headerText, 'int factor);').end }]);
    const bareUri = await client.didOpen(path.join(bare, 'src', 'lib.rs'), '#[no_mangle]\npub extern "C" fn bare_init() {}\n');
    assert.deepEqual(await client.codeLenses(bareUri), []);
  });

  test('rustPluginGuard/interface lists declared symbols with C signatures, required-ness and origin', async (t) => {
    const { root, lib, header, headerText } = pluginTree();
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const result = (await client.connection.sendRequest(INTERFACE_REQUEST, { uri: fileUri(root) })) as InterfaceResult;
    assert.ok('interface' in result, JSON.stringify(result));
    const view = result.interface;
    assert.equal(view.crate, 'mismatch_plugin');
    assert.deepEqual(view.sources.map((s) => [s.uri, s.source, s.reason, s.applies]), [[fileUri(header), 'c-header', 'in-crate', true]]);
    assert.deepEqual(
      view.symbols.map((s) => [s.name, s.signature, s.required, s.implementedBy?.uri]),
      [
        ['plugin_abi_version', 'uint32_t plugin_abi_version(void)', true, fileUri(lib)],
        ['plugin_scale', 'int plugin_scale(int value, int factor)', true, fileUri(lib)],
        ['plugin_level_for', 'Level plugin_level_for(int code)', true, fileUri(lib)],
        ['plugin_stats', 'void plugin_stats(Stats * out)', true, fileUri(lib)],
        ['plugin_describe', 'size_t plugin_describe(char * buffer, size_t length)', true, fileUri(lib)],
        ['plugin_shutdown', 'void plugin_shutdown(void)', true, undefined],
        ['plugin_total', 'int64_t plugin_total(int64_t bytes)', true, fileUri(lib)],
      ],
    );
    const shutdown = view.symbols.find((s) => s.name === 'plugin_shutdown')!;
    assert.equal(shutdown.text, 'void plugin_shutdown(void);');
    assert.deepEqual(shutdown.origin.range.start, rangeOf(headerText, 'void plugin_shutdown').start);
    assert.deepEqual(view.undeclaredExports, ['plugin_debug_dump']);
    const fromManifest = await client.connection.sendRequest(INTERFACE_REQUEST, { uri: fileUri(path.join(root, 'Cargo.toml')) });
    assert.deepEqual(fromManifest, result);
    const bad = (await client.connection.sendRequest(INTERFACE_REQUEST, { uri: 'untitled:Untitled-1' })) as InterfaceResult;
    assert.deepEqual(bad, { error: 'untitled:Untitled-1: not a file on disk' });
  });

  test('a header mismatch is a diagnostic; an unsaved edit of the open header clears it and updates the view', async (t) => {
    const { root, lib, header, libText, headerText } = pluginTree();
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(lib, libText);
    const valueParam = rangeOf(libText, 'i64');
    const isScaleMismatch = (d: { code?: unknown; range: { start: { line: number; character: number } } }) => d.code === 'signature-mismatch' && d.range.start.line === valueParam.start.line && d.range.start.character === valueParam.start.character;
    const before = await client.waitForDiagnostics(uri, (list) => list.some(isScaleMismatch), undefined, 'signature-mismatch on `value: i64`');
    assert.match(messageText(before.find(isScaleMismatch)!), /`i64` where `plugin.h:\d+` declares `int`/);
    const headerUri = await client.didOpen(header, headerText, 'c');
    const declared = rangeOf(headerText, 'int value');
    await client.didChange(headerUri, [{ range: declared, text: 'int64_t value' }]);
    await client.waitForDiagnostics(uri, (list) => !list.some(isScaleMismatch) && list.some((d) => d.code === 'missing-export'), undefined, 'the mismatch gone after the header edit');
    assert.match(hoverText(await client.hover(uri, rangeOf(libText, 'plugin_scale').start)), /int plugin_scale\(int64_t value, int factor\);/);
    assert.equal(readFileSync(header, 'utf8'), headerText, 'the edit stays unsaved');
  });

  test('an unsaved header edit that moves declarations asks the client to refresh the lenses, which then follow', async (t) => {
    const { root, lib, header, libText, headerText } = pluginTree();
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const uri = await client.didOpen(lib, libText);
    await client.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'missing-export'), undefined, 'the first analysis');
    const scaleLine = rangeOf(headerText, 'int plugin_scale').start.line + 1;
    const titles = async () => ((await client.codeLenses(uri)) ?? []).map((l) => l.command?.title);
    assert.ok((await titles()).includes(`implements plugin.h:${scaleLine}`));
    const refreshesBefore = client.codeLensRefreshes;
    const headerUri = await client.didOpen(header, headerText, 'c');
    await client.didChange(headerUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '/* moved */\n\n' }]);
    for (let waited = 0; client.codeLensRefreshes === refreshesBefore; waited += 20) {
      assert.ok(waited < 10_000, 'no workspace/codeLens/refresh within 10 s of the header edit');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.ok((await titles()).includes(`implements plugin.h:${scaleLine + 2}`));
  });

  test('host-side Rust declarations: hover in a rust block, definition and lens into the host crate, C signatures in the request', async (t) => {
    const workspace = path.join(__dirname, '..', 'fixtures', 'interfaces', 'rust-host-workspace');
    const lib = path.join(workspace, 'plugin-good', 'src', 'lib.rs');
    const host = path.join(workspace, 'host-dlopen2', 'src', 'main.rs');
    const libText = readFileSync(lib, 'utf8');
    const hostText = readFileSync(host, 'utf8');
    const { client } = await startForTest(t, { rootPath: workspace });
    const uri = await client.didOpen(lib, libText);
    const trace = hoverText(await client.hover(uri, rangeOf(libText, 'plugin_trace').start));
    assert.match(trace, /```rust\nplugin_trace: Option<unsafe extern "C" fn\(message: \*const c_char\)>\n```/);
    assert.match(trace, /optional/);
    const init = (await client.definition(uri, rangeOf(libText, 'plugin_init').start)) as Location[];
    assert.deepEqual(init[0], { uri: fileUri(host), range: rangeOf(hostText, 'plugin_init: unsafe extern "C" fn(config: *const Config) -> c_int') });
    const lenses = (await client.codeLenses(uri)) as CodeLens[];
    const initLine = rangeOf(hostText, 'plugin_init:').start.line + 1;
    assert.ok(lenses.some((l) => l.command?.title === `implements host-dlopen2/src/main.rs:${initLine}`), JSON.stringify(lenses.map((l) => l.command?.title)));
    const result = (await client.connection.sendRequest(INTERFACE_REQUEST, { uri: fileUri(path.join(workspace, 'plugin-good')) })) as InterfaceResult;
    assert.ok('interface' in result, JSON.stringify(result));
    // Each source file once, though the libloading host gives two interfaces (its lookups and its vtable).
    const libloadingHost = path.join(workspace, 'host-libloading', 'src', 'main.rs');
    assert.deepEqual(result.interface.sources.map((s) => s.uri).sort(), [fileUri(host), fileUri(libloadingHost)].sort());
    const fromDlopen2 = result.interface.symbols.filter((s) => s.origin.uri === fileUri(host));
    assert.deepEqual(
      fromDlopen2.map((s) => [s.name, s.kind, s.signature, s.required, s.origin.source]),
      [
        ['plugin_init', 'function', 'int32_t plugin_init(const Config *)', true, 'rust-host'],
        ['plugin_scale', 'function', 'double plugin_scale(double)', true, 'rust-host'],
        ['plugin_shutdown', 'function', 'void plugin_shutdown(void)', true, 'rust-host'],
        ['plugin_trace', 'function', 'void plugin_trace(const char *)', false, 'rust-host'],
        ['PLUGIN_ABI_VERSION', 'static', 'extern uint32_t PLUGIN_ABI_VERSION', true, 'rust-host'],
      ],
    );
  });
});
