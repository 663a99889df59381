// The Plugins view as plain data: the server's `rustPluginGuard/plugins` result (plus the client's last load
// reports) turned into tree nodes with a label, description, tooltip, icon, command and children. Pure (no vscode),
// so each node kind, tooltip and load state is unit-tested; pluginsProvider.ts only maps nodes to TreeItems.
import type { LoadReport } from '../loader/report';
import { kindLeaf, worldNode } from './worldNode';
import { OPEN_DECLARATION_COMMAND } from '../../../server/src/protocol/interface';
import type { HostView, PluginView, PluginsResult, SourceLink } from '../../../server/src/protocol/plugins';

/** Runs "Load plugin" on a plugin item (arguments `[{ manifest }]`), then refreshes the view. */
export const PLUGINS_BUILD_COMMAND = 'rustPluginGuard.pluginsView.build';
export const PLUGINS_LOAD_COMMAND = 'rustPluginGuard.pluginsView.load';
/** Opens the last load's report (registered by loadCommand.ts; argument: the manifest path). */
export const SHOW_LAST_LOAD_COMMAND = 'rustPluginGuard.showLastLoad';

export interface NodeCommand {
  command: string;
  title: string;
  arguments: unknown[];
}

export interface TreeNode {
  /** Stable across refreshes (the tree keeps what is expanded). */
  id: string;
  label: string;
  description?: string;
  /** What the state means and what to do. */
  tooltip: string;
  /** A codicon id (`pass`, `error`, `warning`, …). */
  icon: string;
  /** `plugin` items get the inline "Load plugin" action (trusted workspaces only, see package.json). */
  contextValue?: string;
  /** For a plugin item: its Cargo.toml path, which "Load plugin" takes. */
  manifestPath?: string;
  command?: NodeCommand;
  children: TreeNode[];
  /** Shown expanded at first. */
  expanded?: boolean;
}

/** The last load of each plugin, by its Cargo.toml path. */
export type LastLoads = (manifestPath: string) => LoadReport | undefined;

export function pluginsTree(result: PluginsResult, lastLoad: LastLoads): TreeNode[] {
  const nodes = result.plugins.map((p) => pluginNode(p, lastLoad(p.manifestPath)));
  nodes.push(...result.hosts.map(hostNode));
  for (const [i, error] of result.errors.entries()) nodes.push(leaf(`error:${i}`, 'Cargo.toml not read', error, 'error', { tooltip: `${error}\n\nIts package is left out of the view until the file parses.` }));
  return nodes;
}

/** Problems a plugin has that the view shows as errors: required symbols missing, a version that disagrees, a crash. */
export function pluginProblems(plugin: PluginView, report: LoadReport | undefined): number {
  const missing = plugin.missing.filter((m) => m.required).length;
  const version = plugin.versionFunction?.agrees === false ? 1 : 0;
  const load = report && (report.status === 'crashed' || report.status === 'failed' || report.status === 'refused') ? 1 : 0;
  return missing + version + load;
}

/** The status bar item: plugin count, problems, last load result; clicking it opens the view. */
export function statusSummary(result: PluginsResult, lastLoad: LastLoads): { text: string; tooltip: string; visible: boolean } {
  const count = result.plugins.length;
  const problems = result.plugins.reduce((n, p) => n + pluginProblems(p, lastLoad(p.manifestPath)), 0);
  const loads = result.plugins.flatMap((p) => {
    const report = lastLoad(p.manifestPath);
    return report ? [{ name: p.name, status: report.status }] : [];
  });
  const bad = loads.filter((l) => l.status !== 'ok');
  // The report has no time, so the item sums up the last load of each plugin.
  const loadText = loads.length === 0 ? '' : bad.length === 0 ? ' · loads ok' : ` · ${plural(bad.length, 'load')} ${bad.length === 1 ? bad[0].status : 'not ok'}`;
  const text = `$(plug) ${count}${problems > 0 ? ` $(error) ${problems}` : ''}${loadText}`;
  const tooltip = [
    `${plural(count, 'plugin')} (cdylib crates) in this workspace.`,
    problems > 0 ? `${plural(problems, 'problem')}: required symbols missing, versions that disagree with the host, failed loads. Open the Plugins view to see where.` : 'No missing symbol, version mismatch or failed load.',
    loads.length > 0 ? `Last loads: ${loads.map((l) => `${l.name} ${l.status}`).join(', ')}.` : 'No plugin loaded yet: "Load plugin" on a plugin runs it in a separate process.',
  ].join('\n');
  return { text, tooltip, visible: count > 0 };
}

function pluginNode(plugin: PluginView, report: LoadReport | undefined): TreeNode {
  const id = `plugin:${plugin.manifestPath}`;
  const problems = pluginProblems(plugin, report);
  const children = [
    kindLeaf(id, plugin),
    leaf(`${id}:crate`, 'crate', `${plugin.name}@${plugin.version ?? '?'}`, 'package', { tooltip: `Package \`${plugin.name}\`${plugin.version ? `, version ${plugin.version}` : ' (no version in Cargo.toml)'}. Click to open Cargo.toml.`, command: open({ uri: plugin.manifest, range: zero(), label: 'Cargo.toml' }) }),
    leaf(`${id}:edition`, 'edition', plugin.edition, 'calendar', { tooltip: plugin.edition === '2024' ? 'Edition 2024: `#[unsafe(no_mangle)]` and `unsafe extern` blocks are required.' : `Edition ${plugin.edition}. Edition 2024 would require \`#[unsafe(no_mangle)]\` and \`unsafe extern\` blocks.` }),
    leaf(`${id}:types`, 'crate types', plugin.crateTypes.join(', '), 'library', { tooltip: 'The `[lib] crate-type` list: `cdylib` is what a host loads at run time.' }),
  ];
  const world = worldNode(id, plugin);
  if (world) children.push(world);
  if (plugin.versionFunction) children.push(versionNode(id, plugin));
  children.push(exportsNode(id, plugin), pairsNode(id, plugin), importsNode(id, plugin), sourcesNode(id, plugin), buildNode(id, plugin), lastLoadNode(id, plugin, report));
  const description = [plugin.version ? `${plugin.version}` : undefined, problems > 0 ? plural(problems, 'problem') : undefined, report ? `last load: ${report.status}` : undefined].filter(Boolean).join(' · ');
  return {
    id,
    label: plugin.name,
    description,
    tooltip: `Plugin \`${plugin.name}\` (${plugin.manifestPath}).\n${problems > 0 ? `${plural(problems, 'problem')}: expand it to see which, each item says what to do.` : 'Nothing the host declares is missing and no load failed.'}\n"Load plugin" (trusted workspaces only) builds it if asked and runs it in a separate process.`,
    icon: problems > 0 ? 'error' : 'plug',
    // Both have "Load plugin" (package.json): a component guest is loaded through jco (loader/wasm/), not dlopen.
    contextValue: plugin.kind === 'wasm-component' ? 'wasmPlugin' : 'plugin',
    manifestPath: plugin.manifestPath,
    command: open(plugin.root),
    children,
    expanded: true,
  };
}

function versionNode(parent: string, plugin: PluginView): TreeNode {
  const v = plugin.versionFunction!;
  const id = `${parent}:version`;
  const value = v.returns !== undefined ? ` returns ${v.returns}` : '';
  const what = `${v.field ? `field \`${v.field}\` of ` : ''}\`${v.symbol}\``;
  if (!v.expected) {
    const description = v.field ? `field ${v.field}, no declared version` : value.trim() || 'no declared version';
    return leaf(id, `version: ${v.symbol}`, description, 'versions', { tooltip: `${what} carries a version, but no interface of this plugin declares a version constant to compare it with (\`*_ABI_VERSION\` in a header or host crate). Declare one so a mismatch is caught before the host refuses the plugin.`, command: open(v.at) });
  }
  if (v.agrees === true) return leaf(id, `version: ${v.symbol}`, `${v.returns} = ${v.expected.constant}`, 'pass', { tooltip: `${what} returns ${v.returns}, the value of \`${v.expected.constant}\` at ${v.expected.at.label}: the host accepts it.`, command: open(v.at) });
  if (v.agrees === false) return leaf(id, `version: ${v.symbol}`, `${v.returns} ≠ ${v.expected.constant} (${v.expected.value})`, 'error', { tooltip: `${what} returns ${v.returns}, but the host expects \`${v.expected.constant}\` = ${v.expected.value} (${v.expected.at.label}): a host that checks refuses the plugin. Return ${v.expected.value}, or update the declaration.`, command: open(v.at) });
  return leaf(id, `version: ${v.symbol}`, `expects ${v.expected.constant} = ${v.expected.value}`, 'question', { tooltip: `The host expects ${what} to give \`${v.expected.constant}\` = ${v.expected.value} (${v.expected.at.label}); its value is computed at run time, so "Load plugin" checks it.`, command: open(v.at) });
}

function exportsNode(parent: string, plugin: PluginView): TreeNode {
  const id = `${parent}:exports`;
  const declared = plugin.exports.filter((e) => e.declaredBy.length > 0);
  const undeclared = plugin.exports.filter((e) => e.declaredBy.length === 0);
  const required = plugin.missing.filter((m) => m.required);
  const noInterface = plugin.sources.every((s) => !s.applies);
  const children: TreeNode[] = [
    ...declared.map((e) => leaf(`${id}:${e.symbol}`, e.symbol, `implements ${e.declaredBy[0].label}`, 'pass', { tooltip: `\`${e.symbol}\` is exported and declared at ${e.declaredBy.map((d) => d.label).join(', ')}: the host finds it. Click to open the declaration.`, command: open(e.declaredBy[0]) })),
    ...plugin.missing.map((m) =>
      m.required
        ? leaf(`${id}:${m.symbol}`, m.symbol, `missing (${m.declaredAt.label})`, 'error', { tooltip: `${m.declaredAt.label} requires \`${m.symbol}\`, but the plugin does not export it: the host's lookup fails. Add it (the \`missing-export\` quick fix writes a stub). Click to open the declaration.`, command: open(m.declaredAt) })
        : leaf(`${id}:${m.symbol}`, m.symbol, `optional, not exported (${m.declaredAt.label})`, 'circle-outline', { tooltip: `${m.declaredAt.label} declares \`${m.symbol}\` as optional: the host copes without it. Nothing to do unless you want the feature.`, command: open(m.declaredAt) }),
    ),
    ...undeclared.map((e) =>
      leaf(`${id}:${e.symbol}`, e.symbol, 'not declared', noInterface ? 'circle-outline' : 'warning', {
        tooltip: noInterface ? `\`${e.symbol}\` is exported; this plugin has no declared interface to compare it with (no header, no host crate). Add one to \`rustPluginGuard.interfaces\` to have exports checked.` : `\`${e.symbol}\` is exported but no interface of this plugin declares it: a host cannot call it by a declared prototype. Declare it, or stop exporting it.`,
        command: open(e.at),
      }),
    ),
  ];
  const summary = [`${declared.length + undeclared.length} exported`, required.length > 0 ? `${required.length} missing` : undefined, undeclared.length > 0 && !noInterface ? `${undeclared.length} undeclared` : undefined].filter(Boolean).join(', ');
  return { id, label: 'exports', description: summary, tooltip: 'Exported symbols against the declared interfaces: implemented (✓), required but missing (error), declared by nothing (warning).', icon: required.length > 0 ? 'error' : 'symbol-method', children };
}

function pairsNode(parent: string, plugin: PluginView): TreeNode {
  const id = `${parent}:pairs`;
  const children = plugin.pairs.map((p) =>
    leaf(`${id}:${p.constructor.symbol}`, `${p.constructor.symbol} → ${p.destructor?.symbol ?? '?'}`, p.type, p.destructor ? 'arrow-swap' : 'warning', {
      tooltip: p.destructor
        ? `\`${p.constructor.symbol}\` hands out a \`${p.type}\` and \`${p.destructor.symbol}\` takes it back (${p.matchedBy === 'ownership' ? 'confirmed by the ownership analysis' : 'matched by signature only'}). "Load plugin" runs the pair in a loop and checks for leaks.`
        : `\`${p.constructor.symbol}\` hands out a \`${p.type}\` and no export takes it back: every host call leaks it. Export a \`${p.constructor.symbol.replace(/_(new|create)$/, '')}_free\` (the \`leaked-ownership\` quick fix generates one).`,
      ...(p.constructor.at ? { command: open(p.constructor.at) } : {}),
    }),
  );
  return { id, label: 'constructor/destructor pairs', description: String(plugin.pairs.length), tooltip: 'Exports that hand out a pointer and the export that frees it, as the loader pairs them for its leak check.', icon: 'arrow-swap', children };
}

function importsNode(parent: string, plugin: PluginView): TreeNode {
  const id = `${parent}:imports`;
  const children = plugin.hostImports.map((i) => {
    const provided = i.providedBy.length > 0;
    const stub = i.stubProblem ? ` The loader cannot stub it (${i.stubProblem}), so "Load plugin" may fail to resolve it.` : ' "Load plugin" stubs it so the plugin loads alone.';
    return leaf(`${id}:${i.symbol}`, i.symbol, provided ? `provided by ${i.providedBy.map((p) => p.host).join(', ')}` : 'no host crate provides it', provided ? 'pass' : 'warning', {
      tooltip: provided
        ? `The plugin imports \`${i.symbol}\` from its host (${i.at.label}); ${i.providedBy.map((p) => `\`${p.host}\` defines it at ${p.at.label}`).join(', ')}. Click to open the definition.${stub}`
        : `The plugin imports \`${i.symbol}\` from its host (${i.at.label}), and no host crate of this workspace defines it (\`#[no_mangle] pub extern "C" fn ${i.symbol}\`): loading fails with an undefined symbol unless the host program exports it.${stub}`,
      command: open(provided ? i.providedBy[0].at : i.at),
    });
  });
  const missing = plugin.hostImports.filter((i) => i.providedBy.length === 0).length;
  return { id, label: 'host imports', description: missing > 0 ? `${plugin.hostImports.length}, ${missing} not provided` : String(plugin.hostImports.length), tooltip: 'Functions the plugin calls in the program that loads it (`extern "C"` blocks without `#[link]`).', icon: 'references', children };
}

const REASONS: Record<PluginView['sources'][number]['reason'], string> = {
  'in-crate': 'a header inside the crate',
  cbindgen: 'the header build.rs has cbindgen write',
  configured: 'configured in rustPluginGuard.interfaces',
  'host-crate': 'a host crate of the workspace that loads the plugin',
};

function sourcesNode(parent: string, plugin: PluginView): TreeNode {
  const id = `${parent}:sources`;
  const children = plugin.sources.map((s) => {
    const icon = s.errors.length > 0 ? 'warning' : s.applies ? (s.source === 'c-header' ? 'file-code' : 'file-submodule') : 'circle-slash';
    const state = s.errors.length > 0 ? `Problems reading it: ${s.errors.join('; ')}. Fix them so every declaration is compared.` : s.applies ? `It declares ${plural(s.declares, 'symbol')} this plugin is checked against.` : 'The plugin implements none of it, so it is not counted as its interface (a vendored or host-only header).';
    return leaf(`${id}:${s.uri}`, s.label, s.applies ? `${s.declares} declared` : 'does not apply', icon, { tooltip: `${s.label}: ${REASONS[s.reason]}. ${state}`, command: open(s.at ?? { uri: s.uri, range: zero(), label: s.label }) });
  });
  const none = children.length === 0;
  return { id, label: 'interface sources', description: none ? 'none found' : String(children.length), tooltip: none ? 'No header or host crate declares what this plugin must export: nothing to compare its exports with. Add a header to the crate or configure `rustPluginGuard.interfaces`.' : 'The headers and host crates that declare what the plugin must export.', icon: none ? 'circle-outline' : 'file-code', children };
}

function buildNode(parent: string, plugin: PluginView): TreeNode {
  const { build } = plugin;
  const id = `${parent}:build`;
  // The inline "Build" action (trusted workspaces: a build runs build scripts) runs `cargo build --lib` as a task.
  const action = { contextValue: 'build', manifestPath: plugin.manifestPath };
  if (!build.built) return { ...leaf(id, 'build', 'not built', 'circle-outline', { tooltip: `${build.library} does not exist: "Build" runs \`cargo build --lib\` (or choose "Build first" in "Load plugin").` }), ...action };
  if (build.stale) return { ...leaf(id, 'build', 'stale', 'warning', { tooltip: `${build.library} is older than ${build.newerSource ?? 'a source file'}: a load would run old code. "Build" rebuilds it (or choose "Build first" in "Load plugin").` }), ...action };
  const which = [build.target, build.profile].filter(Boolean).join(' ');
  return { ...leaf(id, 'build', which ? `up to date (${which})` : 'up to date', 'pass', { tooltip: `${build.library} is newer than every source file and Cargo.toml.` }), ...action };
}

function lastLoadNode(parent: string, plugin: PluginView, report: LoadReport | undefined): TreeNode {
  const id = `${parent}:load`;
  if (!report) return leaf(id, 'last load', 'never loaded', 'circle-outline', { tooltip: '"Load plugin" (trusted workspaces only) loads it in a separate process, calls its argument-free exports and checks its constructor/destructor pairs for leaks.' });
  const ok = report.probes.filter((p) => p.status === 'ok').length;
  const failed = report.probes.filter((p) => p.status === 'failed' || p.status === 'crashed' || p.status === 'suspicious').length;
  const leaks = report.leaks.filter((l) => l.verdict === 'leak').length;
  const show = { command: SHOW_LAST_LOAD_COMMAND, title: 'Show last load', arguments: [plugin.manifestPath] };
  const children: TreeNode[] = [
    leaf(`${id}:probes`, 'probes', `${ok} ok, ${failed} failed`, failed > 0 ? 'error' : 'pass', { tooltip: failed > 0 ? `${plural(failed, 'probed export')} returned an error, a suspicious value or crashed: open the report for which and why.` : `Every probed export (${ok}) returned a plausible value.`, command: show }),
    leaf(`${id}:leaks`, 'leaks', leaks > 0 ? plural(leaks, 'leak') : 'none', leaks > 0 ? 'warning' : 'pass', { tooltip: leaks > 0 ? `${plural(leaks, 'constructor/destructor pair')} grew memory on every iteration: the destructor does not free what the constructor allocates.` : 'No constructor/destructor pair grew memory.', command: show }),
  ];
  if (report.crash) children.push(leaf(`${id}:crash`, 'crash', report.crash.message, 'error', { tooltip: `The loader process died: ${report.crash.message}${report.crash.panic ? ` (${report.crash.panic})` : ''}. The step names the export to look at; diagnostics were put on it.`, command: show }));
  if (report.refusal) children.push(leaf(`${id}:refusal`, 'refused', report.refusal, 'error', { tooltip: `The library was not loaded: ${report.refusal}`, command: show }));
  const icon = report.status === 'ok' ? 'pass' : 'error';
  const meaning = {
    ok: 'it loaded and every probe passed',
    failed: 'it loaded but a probe failed or a leak was found',
    crashed: 'the loader process crashed',
    refused: 'it was not loaded (see why)',
  }[report.status];
  return { id, label: 'last load', description: report.status, tooltip: `Last load: ${meaning}. Click to open its report; "Load plugin" runs it again.`, icon, command: show, children };
}

function hostNode(host: HostView): TreeNode {
  const id = `host:${host.manifestPath}`;
  const children: TreeNode[] = [
    ...host.loads.map((l) => leaf(`${id}:loads:${l.plugin}:${l.at.uri}`, `loads ${l.plugin}`, l.at.label, 'plug', { tooltip: `${l.at.label} declares what \`${l.plugin}\` must export (dlopen2 struct, libloading or dlsym lookups, or a vtable): the plugin is checked against it.`, command: open(l.at) })),
    ...host.provides.map((p) => leaf(`${id}:provides:${p.symbol}`, `provides ${p.symbol}`, `to ${p.plugins.join(', ')}`, 'references', { tooltip: `\`${host.name}\` defines \`${p.symbol}\` (${p.at.label}), which ${p.plugins.join(', ')} import${p.plugins.length === 1 ? 's' : ''}. The binary must export it (\`-rdynamic\` / \`-C link-args=-Wl,--export-dynamic\`) for the plugin to resolve it.`, command: open(p.at) })),
  ];
  const plugins = new Set(host.loads.map((l) => l.plugin));
  return { id, label: host.name, description: `host · loads ${plural(plugins.size, 'plugin')}`, tooltip: `Host crate \`${host.name}\` (${host.manifestPath}): the program that loads plugins of this workspace. Its declarations are what the plugins are checked against.`, icon: 'server-process', command: open({ uri: host.manifest, range: zero(), label: 'Cargo.toml' }), children, expanded: true };
}

function leaf(id: string, label: string, description: string, icon: string, extra: { tooltip: string; command?: NodeCommand }): TreeNode {
  return { id, label, description, icon, tooltip: extra.tooltip, ...(extra.command ? { command: extra.command } : {}), children: [] };
}

function open(link: SourceLink): NodeCommand {
  return { command: OPEN_DECLARATION_COMMAND, title: `Open ${link.label}`, arguments: [link.uri, link.range] };
}

function zero(): SourceLink['range'] {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
