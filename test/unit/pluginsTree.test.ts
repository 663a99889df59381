// The Plugins view's nodes (client/src/pluginsView/pluginsTree.ts), without VS Code: every node kind, what its
// tooltip says, the commands it runs, the last-load states and the status bar summary.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { PLUGINS_BUILD_COMMAND, PLUGINS_LOAD_COMMAND, SHOW_LAST_LOAD_COMMAND, pluginProblems, pluginsTree, statusSummary, type TreeNode } from '../../client/src/pluginsView/pluginsTree';
import type { LoadReport } from '../../client/src/loader/report';
import { OPEN_DECLARATION_COMMAND } from '../../server/src/protocol/interface';
import type { PluginsResult, PluginView, SourceLink } from '../../server/src/protocol/plugins';

const MANIFEST = '/ws/plugin/Cargo.toml';

function at(file: string, line: number, label = `${file.split('/').pop()}:${line + 1}`): SourceLink {
  return { uri: `file://${file}`, range: { start: { line, character: 4 }, end: { line, character: 10 } }, label };
}

function pluginView(overrides: Partial<PluginView> = {}): PluginView {
  return {
    name: 'greeter-plugin',
    kind: 'native',
    version: '0.1.0',
    edition: '2024',
    crateTypes: ['cdylib'],
    manifest: `file://${MANIFEST}`,
    manifestPath: MANIFEST,
    root: at('/ws/plugin/src/lib.rs', 0, 'src/lib.rs:1'),
    exports: [
      { symbol: 'plugin_scale', kind: 'function', at: at('/ws/plugin/src/lib.rs', 10, 'src/lib.rs:11'), declaredBy: [at('/ws/plugin/include/plugin.h', 5)] },
      { symbol: 'plugin_debug', kind: 'function', at: at('/ws/plugin/src/lib.rs', 20, 'src/lib.rs:21'), declaredBy: [] },
    ],
    missing: [
      { symbol: 'plugin_shutdown', kind: 'function', required: true, declaredAt: at('/ws/plugin/include/plugin.h', 8) },
      { symbol: 'plugin_trace', kind: 'function', required: false, declaredAt: at('/ws/plugin/include/plugin.h', 9) },
    ],
    pairs: [
      { type: 'Greeter', constructor: { symbol: 'greeter_new', at: at('/ws/plugin/src/lib.rs', 30) }, destructor: { symbol: 'greeter_free', at: at('/ws/plugin/src/lib.rs', 40) }, matchedBy: 'ownership' },
      { type: 'Cache', constructor: { symbol: 'cache_new' }, matchedBy: 'signature' },
    ],
    hostImports: [
      { symbol: 'host_log', at: at('/ws/plugin/src/lib.rs', 18, 'src/lib.rs:19'), providedBy: [{ host: 'greeter-host', at: at('/ws/host/src/main.rs', 3, 'src/main.rs:4') }] },
      { symbol: 'host_alloc', at: at('/ws/plugin/src/lib.rs', 19, 'src/lib.rs:20'), providedBy: [], stubProblem: 'it is variadic' },
    ],
    sources: [
      { uri: 'file:///ws/plugin/include/plugin.h', label: 'plugin.h', source: 'c-header', reason: 'in-crate', applies: true, errors: [], declares: 4 },
      { uri: 'file:///ws/plugin/include/vendor.h', label: 'vendor.h', source: 'c-header', reason: 'in-crate', applies: false, errors: [], declares: 0 },
    ],
    build: { library: '/ws/target/debug/libgreeter_plugin.so', built: false, stale: false },
    ...overrides,
  };
}

function result(overrides: Partial<PluginView> = {}, extra: Partial<PluginsResult> = {}): PluginsResult {
  return { plugins: [pluginView(overrides)], hosts: [], errors: [], ...extra };
}

function report(overrides: Partial<LoadReport> = {}): LoadReport {
  return { version: 1, status: 'ok', library: '/ws/target/debug/libgreeter_plugin.so', crate: { name: 'greeter-plugin', manifest: MANIFEST, profile: 'debug' }, missingSymbols: [], staleSymbols: [], probes: [], leaks: [], notes: [], stderr: '', totalMs: 10, ...overrides };
}

const noLoads = () => undefined;

function child(node: TreeNode, label: string): TreeNode {
  const found = node.children.find((c) => c.label === label);
  assert.ok(found, `no child ${label} of ${node.label}: ${node.children.map((c) => c.label).join(', ')}`);
  return found;
}

function rows(node: TreeNode): [string, string | undefined, string][] {
  return node.children.map((c) => [c.label, c.description, c.icon]);
}

describe('pluginsTree: plugin nodes', () => {
  test('a plugin item: name, problems, Load plugin context, opens the crate root; identity children', () => {
    const [node] = pluginsTree(result(), noLoads);
    assert.equal(node.label, 'greeter-plugin');
    assert.equal(node.description, '0.1.0 · 1 problem');
    assert.equal(node.icon, 'error');
    assert.equal(node.contextValue, 'plugin');
    assert.equal(node.manifestPath, MANIFEST);
    assert.deepEqual(node.command, { command: OPEN_DECLARATION_COMMAND, title: 'Open src/lib.rs:1', arguments: ['file:///ws/plugin/src/lib.rs', pluginView().root.range] });
    assert.match(node.tooltip, /1 problem: expand it/);
    assert.match(node.tooltip, /"Load plugin" \(trusted workspaces only\)/);
    assert.deepEqual(node.children.slice(0, 4).map((c) => [c.label, c.description]), [['kind', 'native cdylib'], ['crate', 'greeter-plugin@0.1.0'], ['edition', '2024'], ['crate types', 'cdylib']]);
    assert.deepEqual(child(node, 'crate').command?.arguments[0], `file://${MANIFEST}`);
    assert.match(child(node, 'edition').tooltip, /Edition 2024: `#\[unsafe\(no_mangle\)\]`/);
    assert.equal(child(node, 'crate').description, 'greeter-plugin@0.1.0');
    const noVersion = pluginsTree(result({ version: undefined, missing: [] }), noLoads)[0];
    assert.equal(child(noVersion, 'crate').description, 'greeter-plugin@?');
    assert.equal(noVersion.icon, 'plug');
    assert.match(noVersion.tooltip, /Nothing the host declares is missing/);
  });

  test('exports: implemented (opens the declaration), required missing (error), optional missing, undeclared', () => {
    const exports = child(pluginsTree(result(), noLoads)[0], 'exports');
    assert.equal(exports.description, '2 exported, 1 missing, 1 undeclared');
    assert.equal(exports.icon, 'error');
    assert.deepEqual(rows(exports), [
      ['plugin_scale', 'implements plugin.h:6', 'pass'],
      ['plugin_shutdown', 'missing (plugin.h:9)', 'error'],
      ['plugin_trace', 'optional, not exported (plugin.h:10)', 'circle-outline'],
      ['plugin_debug', 'not declared', 'warning'],
    ]);
    const [scale, shutdown, trace, debug] = exports.children;
    assert.deepEqual(scale.command?.arguments, ['file:///ws/plugin/include/plugin.h', { start: { line: 5, character: 4 }, end: { line: 5, character: 10 } }]);
    assert.match(shutdown.tooltip, /requires `plugin_shutdown`, but the plugin does not export it: the host's lookup fails\. Add it \(the `missing-export` quick fix/);
    assert.deepEqual(shutdown.command?.arguments[0], 'file:///ws/plugin/include/plugin.h');
    assert.match(trace.tooltip, /as optional: the host copes without it/);
    assert.match(debug.tooltip, /no interface of this plugin declares it/);
    assert.deepEqual(debug.command?.arguments[0], 'file:///ws/plugin/src/lib.rs');
  });

  test('exports of a plugin without any interface are not warnings, and the tooltip says how to add one', () => {
    const bare = pluginsTree(result({ sources: [], missing: [] }), noLoads)[0];
    const exports = child(bare, 'exports');
    assert.equal(exports.description, '2 exported');
    assert.equal(child(exports, 'plugin_debug').icon, 'circle-outline');
    assert.match(child(exports, 'plugin_debug').tooltip, /no declared interface to compare it with.*rustPluginGuard\.interfaces/);
    const sources = child(bare, 'interface sources');
    assert.deepEqual([sources.description, sources.icon, sources.children], ['none found', 'circle-outline', []]);
    assert.match(sources.tooltip, /nothing to compare its exports with/);
  });

  test('version function: agrees, disagrees (error), computed at run time, no declared constant', () => {
    const expected = { constant: 'PLUGIN_ABI_VERSION', value: '3', at: at('/ws/plugin/include/plugin.h', 3) };
    const version = (v: PluginView['versionFunction']) => child(pluginsTree(result({ versionFunction: v, missing: [] }), noLoads)[0], `version: plugin_abi_version`);
    const base = { symbol: 'plugin_abi_version', at: at('/ws/plugin/src/lib.rs', 2) };
    const agrees = version({ ...base, returns: '3', expected, agrees: true });
    assert.deepEqual([agrees.description, agrees.icon], ['3 = PLUGIN_ABI_VERSION', 'pass']);
    const differs = version({ ...base, returns: '2', expected, agrees: false });
    assert.deepEqual([differs.description, differs.icon], ['2 ≠ PLUGIN_ABI_VERSION (3)', 'error']);
    assert.match(differs.tooltip, /returns 2, but the host expects `PLUGIN_ABI_VERSION` = 3 \(plugin\.h:4\).*Return 3, or update the declaration/);
    assert.equal(pluginProblems(pluginView({ versionFunction: { ...base, returns: '2', expected, agrees: false }, missing: [] }), undefined), 1);
    const runtime = version({ ...base, field: 'abi_version', expected: { ...expected, field: 'abi_version' } });
    assert.deepEqual([runtime.description, runtime.icon], ['expects PLUGIN_ABI_VERSION = 3', 'question']);
    assert.match(runtime.tooltip, /field `abi_version` of `plugin_abi_version`.*"Load plugin" checks it/);
    const undeclared = version({ ...base, returns: '1' });
    assert.deepEqual([undeclared.description, undeclared.icon], ['returns 1', 'versions']);
    assert.match(undeclared.tooltip, /no interface of this plugin declares a version constant/);
    const descriptor = version({ ...base, field: 'abi_version' });
    assert.deepEqual([descriptor.description, descriptor.icon], ['field abi_version, no declared version', 'versions']);
    assert.match(descriptor.tooltip, /^field `abi_version` of `plugin_abi_version` carries a version/);
    assert.ok(!pluginsTree(result(), noLoads)[0].children.some((c) => c.label.startsWith('version')), 'no version item without a version function');
  });

  test('pairs, host imports and interface sources', () => {
    const node = pluginsTree(result(), noLoads)[0];
    const pairs = child(node, 'constructor/destructor pairs');
    assert.deepEqual(rows(pairs), [['greeter_new → greeter_free', 'Greeter', 'arrow-swap'], ['cache_new → ?', 'Cache', 'warning']]);
    assert.match(pairs.children[0].tooltip, /confirmed by the ownership analysis.*checks for leaks/);
    assert.match(pairs.children[1].tooltip, /no export takes it back: every host call leaks it\. Export a `cache_free`/);
    assert.equal(pairs.children[1].command, undefined);
    const imports = child(node, 'host imports');
    assert.equal(imports.description, '2, 1 not provided');
    assert.deepEqual(rows(imports), [['host_log', 'provided by greeter-host', 'pass'], ['host_alloc', 'no host crate provides it', 'warning']]);
    assert.deepEqual(imports.children[0].command?.arguments[0], 'file:///ws/host/src/main.rs');
    assert.match(imports.children[1].tooltip, /no host crate of this workspace defines it.*undefined symbol.*cannot stub it \(it is variadic\)/);
    assert.deepEqual(imports.children[1].command?.arguments[0], 'file:///ws/plugin/src/lib.rs');
    const sources = child(node, 'interface sources');
    assert.deepEqual(rows(sources), [['plugin.h', '4 declared', 'file-code'], ['vendor.h', 'does not apply', 'circle-slash']]);
    assert.match(sources.children[1].tooltip, /implements none of it/);
    assert.deepEqual(sources.children[1].command?.arguments, ['file:///ws/plugin/include/vendor.h', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]);
    const withFirst = child(pluginsTree(result({ sources: [{ ...pluginView().sources[0], at: at('/ws/plugin/include/plugin.h', 12) }] }), noLoads)[0], 'interface sources');
    assert.deepEqual(withFirst.children[0].command?.arguments[1], { start: { line: 12, character: 4 }, end: { line: 12, character: 10 } });
    const broken = child(pluginsTree(result({ sources: [{ ...pluginView().sources[0], errors: ['plugin.h: unreadable'] }] }), noLoads)[0], 'interface sources');
    assert.equal(broken.children[0].icon, 'warning');
    assert.match(broken.children[0].tooltip, /Problems reading it: plugin\.h: unreadable/);
  });

  test('build: not built, stale (names the newer file), up to date', () => {
    const build = (b: PluginView['build']) => child(pluginsTree(result({ build: b }), noLoads)[0], 'build');
    const library = '/ws/target/debug/libgreeter_plugin.so';
    const missing = build({ library, built: false, stale: false });
    assert.deepEqual([missing.description, missing.icon], ['not built', 'circle-outline']);
    assert.match(missing.tooltip, /does not exist: "Build" runs `cargo build --lib`/);
    const stale = build({ library, built: true, stale: true, newerSource: '/ws/plugin/src/lib.rs' });
    assert.deepEqual([stale.description, stale.icon], ['stale', 'warning']);
    assert.match(stale.tooltip, /older than \/ws\/plugin\/src\/lib\.rs: a load would run old code/);
    assert.deepEqual(build({ library, built: true, stale: false }).description, 'up to date');
    // Every state offers "Build" on the item, for this plugin's manifest.
    assert.deepEqual([missing.contextValue, missing.manifestPath, stale.contextValue], ['build', MANIFEST, 'build']);
    assert.match(missing.tooltip, /"Build" runs `cargo build --lib`/);
    assert.deepEqual(build({ library: '/ws/target/wasm32-wasip1/release/guest.wasm', built: true, stale: false, profile: 'release', target: 'wasm32-wasip1' }).description, 'up to date (wasm32-wasip1 release)');
  });

  test('a WebAssembly component guest: its kind, its world with exports, imports, sources and problems; Load plugin as its own item kind (loaded through jco)', () => {
    const world = { name: 'greeter', at: at('/ws/guest/wit/greeter.wit', 10, 'wit/greeter.wit:11'), exports: ['demo:greeter/greet@0.1.0', 'version'], imports: ['demo:greeter/logging@0.1.0'], sources: [at('/ws/guest/wit/greeter.wit', 0, 'wit/greeter.wit')], errors: [] };
    const [node] = pluginsTree(result({ kind: 'wasm-component', world, missing: [] }), noLoads);
    assert.equal(node.contextValue, 'wasmPlugin');
    assert.deepEqual([child(node, 'kind').description, child(node, 'kind').icon], ['WASM component', 'symbol-module']);
    const shown = child(node, 'world greeter');
    assert.deepEqual([shown.description, shown.icon, shown.command?.arguments[0]], ['2 exported, 1 imported', 'globe', 'file:///ws/guest/wit/greeter.wit']);
    assert.deepEqual(rows(shown).map(([label]) => label), ['exports demo:greeter/greet@0.1.0', 'exports version', 'imports demo:greeter/logging@0.1.0', 'wit/greeter.wit']);
    assert.match(child(shown, 'imports demo:greeter/logging@0.1.0').tooltip, /the host must provide it/);
    const broken = child(pluginsTree(result({ kind: 'wasm-component', world: { name: 'nope', imports: [], exports: [], sources: [], errors: ['world `nope` is not in the crate\'s WIT (greeter)'] } }), noLoads)[0], 'world nope');
    assert.deepEqual([broken.description, broken.icon], ['0 exported, 0 imported, 1 problem(s)', 'warning']);
    assert.match(broken.tooltip, /was not found in the crate's WIT/);
    assert.equal(child(pluginsTree(result(), noLoads)[0], 'kind').description, 'native cdylib');
  });
});

describe('pluginsTree: last load', () => {
  const lastLoad = (r: LoadReport) => child(pluginsTree(result({ missing: [] }), (m) => (m === MANIFEST ? r : undefined))[0], 'last load');

  test('never loaded', () => {
    const node = child(pluginsTree(result(), noLoads)[0], 'last load');
    assert.deepEqual([node.description, node.icon, node.children], ['never loaded', 'circle-outline', []]);
    assert.match(node.tooltip, /trusted workspaces only/);
  });

  test('ok: probes and leaks, each opening the report', () => {
    const node = lastLoad(report({ probes: [{ name: 'a', declaration: 'int a(void)', status: 'ok' }, { name: 'b', declaration: 'int b(void)', status: 'ok' }] }));
    assert.deepEqual([node.description, node.icon], ['ok', 'pass']);
    assert.deepEqual(node.command, { command: SHOW_LAST_LOAD_COMMAND, title: 'Show last load', arguments: [MANIFEST] });
    assert.deepEqual(rows(node), [['probes', '2 ok, 0 failed', 'pass'], ['leaks', 'none', 'pass']]);
  });

  test('failed with a leak and a suspicious probe; crashed names the step; refused says why', () => {
    const leak = { constructor: 'greeter_new', destructor: 'greeter_free', measure: 'rss' as const, verdict: 'leak' as const, iterations: 100, roundBytesPerIteration: [64, 64], bytesPerIteration: 64 };
    const failed = lastLoad(report({ status: 'failed', probes: [{ name: 'a', declaration: 'int a(void)', status: 'suspicious' }], leaks: [leak] }));
    assert.deepEqual([failed.description, failed.icon], ['failed', 'error']);
    assert.deepEqual(rows(failed), [['probes', '0 ok, 1 failed', 'error'], ['leaks', '1 leak', 'warning']]);
    assert.match(failed.children[1].tooltip, /grew memory on every iteration/);
    const crashed = lastLoad(report({ status: 'crashed', crash: { kind: 'signal', signal: 'SIGSEGV', step: 'call greeter_new', functions: ['greeter_new'], message: 'SIGSEGV during call greeter_new' } }));
    assert.deepEqual(child(crashed, 'crash').description, 'SIGSEGV during call greeter_new');
    assert.match(crashed.tooltip, /the loader process crashed/);
    const refused = lastLoad(report({ status: 'refused', refusal: 'the library is older than src/lib.rs' }));
    assert.deepEqual(child(refused, 'refused').description, 'the library is older than src/lib.rs');
    const plugin = pluginsTree(result({ missing: [] }), () => report({ status: 'crashed' }))[0];
    assert.equal(plugin.description, '0.1.0 · 1 problem · last load: crashed');
  });
});

describe('pluginsTree: hosts, errors and the status bar', () => {
  test('a host crate node lists the plugins it loads and the functions it provides, each opening the file', () => {
    const hosts: PluginsResult['hosts'] = [
      {
        name: 'host-dlopen2',
        manifest: 'file:///ws/host/Cargo.toml',
        manifestPath: '/ws/host/Cargo.toml',
        loads: [{ plugin: 'greeter-plugin', manifest: `file://${MANIFEST}`, at: at('/ws/host/src/main.rs', 0, 'host/src/main.rs') }],
        provides: [{ symbol: 'host_log', plugins: ['greeter-plugin'], at: at('/ws/host/src/main.rs', 3, 'src/main.rs:4') }],
      },
    ];
    const [, host] = pluginsTree(result({}, { hosts }), noLoads);
    assert.deepEqual([host.label, host.description, host.icon, host.contextValue], ['host-dlopen2', 'host · loads 1 plugin', 'server-process', undefined]);
    assert.deepEqual(rows(host), [['loads greeter-plugin', 'host/src/main.rs', 'plug'], ['provides host_log', 'to greeter-plugin', 'references']]);
    assert.match(host.children[1].tooltip, /must export it \(`-rdynamic`/);
    assert.deepEqual(host.children[0].command?.arguments[0], 'file:///ws/host/src/main.rs');
  });

  test('a manifest that does not parse is an error node', () => {
    const nodes = pluginsTree({ plugins: [], hosts: [], errors: ['/ws/bad/Cargo.toml: invalid TOML (x); fix the file so Cargo can read it'] }, noLoads);
    assert.deepEqual(nodes.map((n) => [n.label, n.icon]), [['Cargo.toml not read', 'error']]);
    assert.match(nodes[0].tooltip, /left out of the view until the file parses/);
  });

  test('status bar: plugin count, problems, last loads; hidden without plugins', () => {
    const two: PluginsResult = { plugins: [pluginView(), pluginView({ name: 'other', manifestPath: '/ws/other/Cargo.toml', missing: [] })], hosts: [], errors: [] };
    assert.deepEqual(statusSummary(two, noLoads).text, '$(plug) 2 $(error) 1');
    assert.match(statusSummary(two, noLoads).tooltip, /^2 plugins \(cdylib crates\).*\n1 problem: .*\nNo plugin loaded yet/);
    const loads = (m: string) => (m === MANIFEST ? report({ status: 'crashed' }) : m === '/ws/other/Cargo.toml' ? report() : undefined);
    assert.deepEqual(statusSummary(two, loads).text, '$(plug) 2 $(error) 2 · 1 load crashed');
    assert.match(statusSummary(two, loads).tooltip, /Last loads: greeter-plugin crashed, other ok\./);
    const fine: PluginsResult = { plugins: [pluginView({ missing: [] })], hosts: [], errors: [] };
    assert.deepEqual(statusSummary(fine, () => report()), { text: '$(plug) 1 · loads ok', tooltip: statusSummary(fine, () => report()).tooltip, visible: true });
    assert.equal(statusSummary({ plugins: [], hosts: [], errors: [] }, noLoads).visible, false);
    assert.equal(PLUGINS_LOAD_COMMAND, 'rustPluginGuard.pluginsView.load');
  });
});

test('package.json: the view sits in the Explorer, shown only with a cdylib; Load plugin on a plugin item only when trusted', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    contributes: { views: Record<string, { id: string; when?: string }[]>; menus: Record<string, { command: string; when?: string; group?: string }[]>; commands: { command: string; enablement?: string }[] };
  };
  assert.deepEqual(manifest.contributes.views.explorer.map((v) => [v.id, v.when]), [['rustPluginGuard.plugins', 'rustPluginGuard.hasPlugins']]);
  const inline = manifest.contributes.menus['view/item/context'].find((m) => m.group === 'inline');
  assert.deepEqual(inline, { command: PLUGINS_LOAD_COMMAND, when: 'view == rustPluginGuard.plugins && viewItem =~ /^(plugin|wasmPlugin)$/ && isWorkspaceTrusted', group: 'inline' });
  assert.equal(manifest.contributes.commands.find((c) => c.command === PLUGINS_LOAD_COMMAND)?.enablement, 'isWorkspaceTrusted');
  // "Build" runs build scripts: on the build item, trusted workspaces only.
  assert.deepEqual(manifest.contributes.menus['view/item/context'].find((m) => m.command === PLUGINS_BUILD_COMMAND), { command: PLUGINS_BUILD_COMMAND, when: 'view == rustPluginGuard.plugins && viewItem == build && isWorkspaceTrusted', group: 'inline' });
  assert.equal(manifest.contributes.commands.find((c) => c.command === PLUGINS_BUILD_COMMAND)?.enablement, 'isWorkspaceTrusted');
  // The provider sets this context key from the request's result (pluginsProvider.ts).
  assert.match(readFileSync(path.join(__dirname, '..', '..', 'client', 'src', 'pluginsView', 'pluginsProvider.ts'), 'utf8'), /HAS_PLUGINS_CONTEXT = 'rustPluginGuard\.hasPlugins'/);
});
