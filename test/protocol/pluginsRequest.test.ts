// The Plugins view's request over real LSP: `rustPluginGuard/plugins` on copies of examples/ and the interface
// fixtures (exports present, missing and undeclared; the version function against the header; host imports and the
// host crate that provides them; interface sources; host crates and the plugins they load; build state), and the
// `rustPluginGuard/pluginsChanged` notification after an edit that changes the answer. Run `npm run build` first.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { PLUGINS_CHANGED_NOTIFICATION, PLUGINS_REQUEST, type PluginsChangedParams, type PluginsResult, type PluginView } from '../../server/src/protocol/plugins';
import { fileUri, rangeOf, startForTest, writeTempTree, type LspClient } from '../support/lspClient';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'interfaces');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const UNDECLARED = '\n#[no_mangle]\npub extern "C" fn plugin_debug_dump() {}\n';

function filesOf(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name === 'target') continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(files, filesOf(full, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return files;
}

async function plugins(client: LspClient, folder?: string): Promise<PluginsResult> {
  return client.connection.sendRequest<PluginsResult>(PLUGINS_REQUEST, folder ? { folder: fileUri(folder) } : {});
}

function plugin(result: PluginsResult, name: string): PluginView {
  const found = result.plugins.find((p) => p.name === name);
  assert.ok(found, `no plugin ${name} in ${JSON.stringify(result.plugins.map((p) => p.name))}`);
  return found;
}

/**
 * Every `pluginsChanged` the server sends from now on (one handler: vscode-jsonrpc keeps one per method), and
 * `next(manifest)`, which resolves with the first one for `manifest` sent after the call.
 */
function changes(client: LspClient): { received: PluginsChangedParams[]; next: (manifest: string, timeoutMs?: number) => Promise<PluginsChangedParams> } {
  const received: PluginsChangedParams[] = [];
  const waiters: { uri: string; resolve: (p: PluginsChangedParams) => void }[] = [];
  client.connection.onNotification(PLUGINS_CHANGED_NOTIFICATION, (params: PluginsChangedParams) => {
    received.push(params);
    for (const w of waiters.filter((w) => w.uri === params.manifest)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(params);
    }
  });
  const next = (manifest: string, timeoutMs = 10_000) =>
    new Promise<PluginsChangedParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${PLUGINS_CHANGED_NOTIFICATION} for ${manifest} within ${timeoutMs} ms; received ${JSON.stringify(received)}`)), timeoutMs);
      waiters.push({ uri: fileUri(manifest), resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  return { received, next };
}

describe('protocol: rustPluginGuard/plugins', () => {
  test('a header plugin: declared, missing and undeclared exports, the version against the header, its source; an edit that adds the missing export is notified', async (t) => {
    const files = filesOf(path.join(FIXTURES, 'mismatch'));
    files['src/lib.rs'] += UNDECLARED;
    const root = writeTempTree(files, 'rpg-plugins-');
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const header = files['include/plugin.h'];
    const line = (needle: string) => rangeOf(header, needle).start.line + 1;
    const view = plugin(await plugins(client), 'mismatch-plugin');
    assert.deepEqual([view.version, view.edition, view.crateTypes, view.manifestPath], ['0.1.0', '2021', ['cdylib'], path.join(root, 'Cargo.toml')]);
    const scale = view.exports.find((e) => e.symbol === 'plugin_scale')!;
    assert.deepEqual(scale.declaredBy.map((d) => [d.uri, d.label]), [[fileUri(path.join(root, 'include', 'plugin.h')), `plugin.h:${line('int plugin_scale')}`]]);
    assert.deepEqual(scale.at.range, rangeOf(files['src/lib.rs'], 'plugin_scale'));
    assert.deepEqual(view.exports.filter((e) => e.declaredBy.length === 0).map((e) => e.symbol), ['plugin_debug_dump']);
    assert.deepEqual(view.missing.map((m) => [m.symbol, m.required, m.declaredAt.label]), [['plugin_shutdown', true, `plugin.h:${line('void plugin_shutdown')}`]]);
    // The fixture returns 2 where the header says 3 (abi-version-mismatch).
    assert.deepEqual(view.versionFunction && [view.versionFunction.symbol, view.versionFunction.returns, view.versionFunction.expected?.constant, view.versionFunction.expected?.value, view.versionFunction.expected?.at.label, view.versionFunction.agrees], ['plugin_abi_version', '2', 'PLUGIN_ABI_VERSION', '3', `plugin.h:${line('#define PLUGIN_ABI_VERSION')}`, false]);
    assert.deepEqual(view.sources.map((s) => [s.label, s.source, s.reason, s.applies]), [['plugin.h', 'c-header', 'in-crate', true]]);
    // A click on the source opens its first declaration.
    assert.equal(view.sources[0].at?.label, `plugin.h:${line('uint32_t plugin_abi_version')}`);
    assert.deepEqual(view.hostImports, []);
    assert.deepEqual((await plugins(client)).hosts, []);

    const lib = path.join(root, 'src', 'lib.rs');
    const notified = changes(client);
    const uri = await client.didOpen(lib, files['src/lib.rs']);
    const manifest = path.join(root, 'Cargo.toml');
    const eof = rangeOf(files['src/lib.rs'], UNDECLARED).end;
    // An edit the view does not show (a body that can now panic: a finding, no change of exports or lines) is
    // analysed, and not notified.
    const body = rangeOf(files['src/lib.rs'], 'plugin_debug_dump() {}').end;
    const inBody = { line: body.line, character: body.character - 1 };
    await client.didChange(uri, [{ range: { start: inBody, end: inBody }, text: ' let _ = Some(1).unwrap(); ' }]);
    await client.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'panic-across-ffi' && d.range.start.line === body.line), undefined, 'panic-across-ffi in plugin_debug_dump after the body edit');
    const changed = notified.next(manifest);
    await client.didChange(uri, [{ range: { start: eof, end: eof }, text: '\n#[no_mangle]\npub extern "C" fn plugin_shutdown() {}\n' }]);
    await client.waitForDiagnostics(uri, (list) => !list.some((d) => d.code === 'missing-export'), undefined, 'missing-export gone once plugin_shutdown is exported');
    await changed;
    // A barrier: analyses run one at a time and each sends its notification before the next one publishes, so once
    // the analysis of a later edit (a line added at the top) has published, every earlier notification has arrived.
    await client.didChange(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    await client.waitForDiagnostics(uri, (list) => list.some((d) => d.code === 'panic-across-ffi' && d.range.start.line === body.line + 1), undefined, 'the findings one line down');
    // The export added was notified; the body edit before it was not.
    assert.equal(notified.received.length, 1, JSON.stringify(notified.received));
    const after = plugin(await plugins(client), 'mismatch-plugin');
    assert.deepEqual(after.missing, []);
    assert.equal(after.exports.find((e) => e.symbol === 'plugin_shutdown')?.declaredBy[0]?.label, `plugin.h:${line('void plugin_shutdown')}`);
  });

  test('build state: not built, stale against a source, up to date (the library where cargo puts it)', async (t) => {
    const root = writeTempTree(filesOf(path.join(FIXTURES, 'mismatch')), 'rpg-plugins-build-');
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const library = path.join(root, 'target', 'debug', process.platform === 'win32' ? 'mismatch_plugin.dll' : process.platform === 'darwin' ? 'libmismatch_plugin.dylib' : 'libmismatch_plugin.so');
    assert.deepEqual(plugin(await plugins(client), 'mismatch-plugin').build, { library, built: false, stale: false });
    mkdirSync(path.dirname(library), { recursive: true });
    writeFileSync(library, 'not a real library: only its time is read');
    const lib = path.join(root, 'src', 'lib.rs');
    const past = new Date(Date.now() - 60_000);
    utimesSync(library, past, past);
    assert.deepEqual(plugin(await plugins(client), 'mismatch-plugin').build, { library, built: true, stale: true, newerSource: lib, profile: 'debug' });
    const future = new Date(Date.now() + 60_000);
    utimesSync(library, future, future);
    assert.deepEqual(plugin(await plugins(client), 'mismatch-plugin').build, { library, built: true, stale: false, profile: 'debug' });
    // A newer release build, and a newer cross build: the newest is the one a load would pick.
    const release = path.join(root, 'target', 'release', path.basename(library));
    mkdirSync(path.dirname(release), { recursive: true });
    writeFileSync(release, 'release');
    const later = new Date(Date.now() + 120_000);
    utimesSync(release, later, later);
    assert.deepEqual(plugin(await plugins(client), 'mismatch-plugin').build, { library: release, built: true, stale: false, profile: 'release' });
    const cross = path.join(root, 'target', 'aarch64-unknown-linux-gnu', 'debug', path.basename(library));
    mkdirSync(path.dirname(cross), { recursive: true });
    writeFileSync(cross, 'cross');
    const latest = new Date(Date.now() + 180_000);
    utimesSync(cross, latest, latest);
    assert.deepEqual(plugin(await plugins(client), 'mismatch-plugin').build, { library: cross, built: true, stale: false, profile: 'debug', target: 'aarch64-unknown-linux-gnu' });
    // `.cargo/config.toml` moves the target directory: nothing is built there yet.
    mkdirSync(path.join(root, '.cargo'));
    writeFileSync(path.join(root, '.cargo', 'config.toml'), '[build]\ntarget-dir = "out/cargo"\n');
    assert.deepEqual(plugin(await plugins(client), 'mismatch-plugin').build, { library: path.join(root, 'out', 'cargo', 'debug', path.basename(library)), built: false, stale: false });
  });

  test('two native plugins, a WebAssembly component guest and a host: kinds, the guest\'s world (exports, imports, WIT sources), what the host loads', async (t) => {
    const wit = 'package demo:greeter@0.1.0;\n\ninterface logging {\n  log: func(msg: string);\n}\n\ninterface greet {\n  greet: func(name: string) -> string;\n}\n\nworld greeter {\n  import logging;\n  export greet;\n  export version: func() -> u32;\n}\n';
    const root = writeTempTree({
      'Cargo.toml': '[workspace]\nmembers = ["guest", "native", "other", "host"]\nresolver = "2"\n',
      'other/Cargo.toml': '[package]\nname = "other"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n',
      'other/src/lib.rs': '#[no_mangle]\npub extern "C" fn other_run() -> i32 { 0 }\n',
      'host/Cargo.toml': '[package]\nname = "host"\nversion = "0.1.0"\nedition = "2024"\n',
      'host/src/main.rs': 'use std::ffi::{c_char, c_int, c_void};\nunsafe extern "C" {\n    fn dlopen(f: *const c_char, flags: c_int) -> *mut c_void;\n    fn dlsym(h: *mut c_void, s: *const c_char) -> *mut c_void;\n}\nfn main() {\n    let h = unsafe { dlopen(c"target/debug/libnative.so".as_ptr(), 2) };\n    let v = unsafe { dlsym(h, c"native_version".as_ptr()) };\n    let v: unsafe extern "C" fn() -> u32 = unsafe { std::mem::transmute(v) };\n    println!("{}", unsafe { v() });\n}\n',
      'guest/Cargo.toml': '[package]\nname = "guest"\nversion = "0.2.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\nwit-bindgen = "0.36"\n',
      'guest/src/lib.rs': 'wit_bindgen::generate!({\n    world: "greeter",\n    path: "wit",\n});\n\nstruct Component;\nexport!(Component);\n',
      'guest/wit/greeter.wit': wit,
      'native/Cargo.toml': '[package]\nname = "native"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n',
      'native/src/lib.rs': '#[no_mangle]\npub extern "C" fn native_version() -> u32 { 1 }\n',
    }, 'rpg-plugins-wasm-');
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const result = await plugins(client);
    assert.deepEqual(result.plugins.map((p) => [p.name, p.kind]).sort(), [['guest', 'wasm-component'], ['native', 'native'], ['other', 'native']]);
    assert.deepEqual(result.hosts.map((h) => [h.name, h.loads.map((l) => l.plugin)]), [['host', ['native']]]);
    const guest = plugin(result, 'guest');
    assert.ok(guest.world, 'the world is read');
    assert.deepEqual([guest.world.name, guest.world.at?.label, guest.world.exports, guest.world.imports, guest.world.sources.map((s) => s.label), guest.world.errors], ['greeter', 'wit/greeter.wit:11', ['demo:greeter/greet@0.1.0', 'version'], ['demo:greeter/logging@0.1.0'], ['wit/greeter.wit'], []]);
    assert.equal(plugin(result, 'native').world, undefined);
    // A wasm32 build is the guest's library.
    const wasm = path.join(root, 'target', 'wasm32-wasip1', 'debug', 'guest.wasm');
    mkdirSync(path.dirname(wasm), { recursive: true });
    writeFileSync(wasm, 'not a real component: only its time is read');
    const future = new Date(Date.now() + 60_000);
    utimesSync(wasm, future, future);
    assert.deepEqual(plugin(await plugins(client), 'guest').build, { library: wasm, built: true, stale: false, profile: 'debug', target: 'wasm32-wasip1' });
  });

  test('constructor/destructor pairs come from the probe plan; adding the destructor is notified and pairs it', async (t) => {
    const lib = 'pub struct Counter { n: u32 }\n#[no_mangle]\npub extern "C" fn counter_new() -> *mut Counter {\n    Box::into_raw(Box::new(Counter { n: 0 }))\n}\n';
    const root = writeTempTree({ 'Cargo.toml': '[package]\nname = "counter"\nversion = "2.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': lib }, 'rpg-plugins-pairs-');
    const { client } = await startForTest(t, { rootPath: root }, [root]);
    const before = plugin(await plugins(client), 'counter');
    assert.equal(before.version, '2.1.0');
    assert.deepEqual(before.pairs.map((p) => [p.type, p.constructor.symbol, p.constructor.at?.label, p.destructor?.symbol]), [['Counter', 'counter_new', 'src/lib.rs:3', undefined]]);
    const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), lib);
    const changed = changes(client).next(path.join(root, 'Cargo.toml'));
    const end = { line: lib.split('\n').length - 1, character: 0 };
    await client.didChange(uri, [{ range: { start: end, end }, text: '#[no_mangle]\npub extern "C" fn counter_free(c: *mut Counter) {\n    if !c.is_null() { drop(unsafe { Box::from_raw(c) }); }\n}\n' }]);
    await changed;
    const after = plugin(await plugins(client), 'counter');
    assert.deepEqual(after.pairs.map((p) => [p.constructor.symbol, p.destructor?.symbol, p.destructor?.at?.label, p.matchedBy]), [['counter_new', 'counter_free', 'src/lib.rs:7', 'ownership']]);
  });

  test('examples: the dlsym host declares greeter_new; the plugin imports host_log, which no host crate defines until the host does (notified on the host edit)', async (t) => {
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'rpg-plugins-examples-')));
    cpSync(EXAMPLES, root, { recursive: true, filter: (source) => path.basename(source) !== 'target' });
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const { client } = await startForTest(t, { rootPath: root });
    const before = await plugins(client);
    assert.deepEqual(before.plugins.map((p) => p.name), ['greeter-plugin']);
    const greeter = before.plugins[0];
    assert.deepEqual([greeter.version, greeter.edition], ['0.1.0', '2024']);
    const pluginLib = readFileSync(path.join(root, 'plugin', 'src', 'lib.rs'), 'utf8');
    assert.deepEqual(greeter.hostImports.map((i) => [i.symbol, i.at.label, i.at.range.start, i.providedBy]), [['host_log', 'src/lib.rs:19', rangeOf(pluginLib, 'host_log').start, []]]);
    // No header; the host looks up `greeter_new` with dlsym: that export is declared by it, nothing is missing.
    assert.deepEqual(greeter.sources.map((s) => [s.label, s.source, s.reason, s.applies]), [['host/src/main.rs', 'rust-host', 'host-crate', true]]);
    assert.deepEqual(greeter.missing, []);
    assert.deepEqual(greeter.exports.filter((e) => e.declaredBy.length > 0).map((e) => e.symbol), ['greeter_new']);
    // rustc exports nothing for the generic `greeter_identity`; `greeter_vtable` is a descriptor with a version field.
    assert.ok(!greeter.exports.some((e) => e.symbol === 'greeter_identity'));
    assert.deepEqual(greeter.versionFunction && [greeter.versionFunction.symbol, greeter.versionFunction.field, greeter.versionFunction.expected], ['greeter_vtable', 'abi_version', undefined]);
    assert.deepEqual(before.hosts.map((h) => [h.name, h.loads.map((l) => [l.plugin, l.at.label])]), [['greeter-host', [['greeter-plugin', 'host/src/main.rs:29']]]]);

    const hostMain = path.join(root, 'host', 'src', 'main.rs');
    const hostText = readFileSync(hostMain, 'utf8');
    const uri = await client.didOpen(hostMain, hostText);
    const changed = changes(client).next(path.join(root, 'host', 'Cargo.toml'));
    const provider = '\n#[unsafe(no_mangle)]\npub extern "C" fn host_log(level: c_int, message: *const c_char) {\n    let _ = (level, message);\n}\n';
    const end = { line: hostText.split('\n').length - 1, character: 0 };
    await client.didChange(uri, [{ range: { start: end, end }, text: provider }]);
    await changed;
    const after = await plugins(client);
    const imported = plugin(after, 'greeter-plugin').hostImports[0];
    const providedAt = rangeOf(hostText + provider, 'host_log');
    assert.deepEqual(imported.providedBy, [{ host: 'greeter-host', at: { uri: fileUri(hostMain), range: providedAt, label: `src/main.rs:${providedAt.start.line + 1}` } }]);
    assert.deepEqual(after.hosts.map((h) => [h.name, h.loads.map((l) => l.plugin), h.provides.map((p) => [p.symbol, p.plugins])]), [['greeter-host', ['greeter-plugin'], [['host_log', ['greeter-plugin']]]]]);
  });

  test('a Rust host workspace: host crates are nodes listing the plugins they load; required and optional missing symbols', async (t) => {
    const workspace = path.join(FIXTURES, 'rust-host-workspace');
    const { client } = await startForTest(t, { rootPath: workspace });
    const result = await plugins(client);
    assert.deepEqual(result.plugins.map((p) => p.name).sort(), ['plugin-bad', 'plugin-good']);
    const dlopen2 = fileUri(path.join(workspace, 'host-dlopen2', 'src', 'main.rs'));
    const libloading = fileUri(path.join(workspace, 'host-libloading', 'src', 'main.rs'));
    const bad = plugin(result, 'plugin-bad');
    assert.deepEqual(bad.sources.map((s) => [s.uri, s.label, s.source, s.reason, s.applies]).sort(), [[dlopen2, 'host-dlopen2/src/main.rs', 'rust-host', 'host-crate', true], [libloading, 'host-libloading/src/main.rs', 'rust-host', 'host-crate', true]]);
    assert.deepEqual(bad.missing.map((m) => [m.symbol, m.required]), [['plugin_shutdown', true], ['plugin_trace', false]]);
    assert.deepEqual(plugin(result, 'plugin-good').missing, []);
    // "loads" opens the host's first declaration the plugin is checked against.
    const dlopen2Text = readFileSync(path.join(workspace, 'host-dlopen2', 'src', 'main.rs'), 'utf8');
    const good = result.hosts.find((h) => h.name === 'host-dlopen2')?.loads.find((l) => l.plugin === 'plugin-good');
    assert.deepEqual(good?.at.range.start, rangeOf(dlopen2Text, 'plugin_init:').start);
    assert.deepEqual(
      result.hosts.map((h) => [h.name, h.loads.map((l) => [l.plugin, l.at.uri]).sort()]).sort(),
      [
        ['host-dlopen2', [['plugin-bad', dlopen2], ['plugin-good', dlopen2]]],
        ['host-libloading', [['plugin-bad', libloading], ['plugin-good', libloading]]],
      ],
    );
    // No params: every workspace folder, as with `{}`.
    assert.deepEqual((await client.connection.sendRequest<PluginsResult>(PLUGINS_REQUEST)).plugins.map((p) => p.name).sort(), ['plugin-bad', 'plugin-good']);
    // The folder parameter narrows the answer to one folder.
    const one = await plugins(client, path.join(workspace, 'plugin-good'));
    assert.deepEqual(one.plugins.map((p) => p.name), ['plugin-good']);
  });
});
