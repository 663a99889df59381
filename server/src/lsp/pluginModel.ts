// One plugin of the Plugins view, from a crate model and its export matches (analysedCrates.ts keeps both from the
// last analysis): identity, version function, exports against their declarations, constructor/destructor pairs
// (the probe plan), host imports and interface sources. Pure: no file is read here; the build state and which host
// crates provide the imports are added by pluginsRequest.ts, which sees the whole workspace.
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { interfaceFacts } from '../boundary/interfacePlan';
import { crateExports } from '../boundary/crateExports';
import { hostImports as findHostImports } from '../boundary/hostImports';
import type { CrateModel } from '../crate/crateModel';
import type { Manifest } from '../crate/manifest';
import type { Range } from '../engine/types';
import { declaredSymbols, type CrateExportMatches } from '../interface/exportMatches';
import type { DeclarationOrigin, DeclaredInterface } from '../interface/model';
import { crateConstants, returnedConstant } from '../interface/rustSide';
import { DEFAULT_VERSION_NAMES, versionNamePattern } from '../interface/versionNames';
import { userRange } from '../macros/findingMap';
import type { DeclaredValue, ProbePlan } from '../protocol/loader';
import type { ExportView, HostImportView, InterfaceSourceEntry, MissingView, PairView, PluginView, SourceLink, VersionFunctionView } from '../protocol/plugins';
import { pathToUri } from './convert';
import { guestSignals, guestWorld } from './wasmGuest';

/** A plugin as the view shows it, before the workspace-wide parts (build state, which hosts provide its imports). */
export type PluginCore = Omit<PluginView, 'build'>;

/** Whether a crate model is a plugin: the library target of a package built as a `cdylib`. */
export function isPluginCrate(crate: CrateModel): boolean {
  return crate.manifest !== undefined && crate.rootFile === crate.manifest.libPath && crate.crateTypes.includes('cdylib');
}

/**
 * The plugin's part of the view. `plan` (planProbes) gives the constructor/destructor pairs and a descriptor
 * struct's version field; without it (the cheap form an analysis compares to notify a change) there are no pairs.
 */
export function pluginCore(crate: CrateModel, matches: CrateExportMatches, plan: ProbePlan | undefined): PluginCore {
  const manifest = crate.manifest!;
  const link = (file: string, range: Range): SourceLink => ({ uri: pathToUri(file), range, label: `${labelOf(file, manifest.dir)}:${range.start.line + 1}` });
  // What the library will have: rustc exports nothing for a generic function (`generic-export` reports it).
  const built = new Set(crateExports(crate).map((e) => e.symbol));
  const exports: ExportView[] = matches.exports.filter((m) => built.has(m.export.symbol)).map((m) => ({
    symbol: m.export.symbol,
    kind: m.export.item.kind === 'function' ? 'function' : 'static',
    at: link(m.export.module.file, userRange(crate, m.export.module.file, m.export.item.nameRange)),
    declaredBy: m.declarations.map((d) => originLink(d.declaration.origin)),
  }));
  const missing: MissingView[] = [];
  const seen = new Set<string>();
  for (const declared of matches.applicable) {
    for (const declaration of declaredSymbols(declared)) {
      if (matches.bySymbol.has(declaration.name) || seen.has(declaration.name)) continue;
      seen.add(declaration.name);
      missing.push({ symbol: declaration.name, kind: declaration.kind, required: !declaration.optional, declaredAt: originLink(declaration.origin) });
    }
  }
  const at = (symbol: string) => {
    const location = plan?.locations[symbol];
    return location ? { at: link(location.file, location.range) } : {};
  };
  const pairs: PairView[] = (plan?.pairs ?? []).map((p) => ({
    type: p.type,
    constructor: { symbol: p.constructor.symbol, ...at(p.constructor.symbol) },
    ...(p.destructor ? { destructor: { symbol: p.destructor.symbol, ...at(p.destructor.symbol) } } : {}),
    matchedBy: p.matchedBy,
  }));
  const importSites = importLocations(crate);
  const hostImports: HostImportView[] = findHostImports(crate).map((i) => {
    const site = importSites.get(i.symbol);
    return { symbol: i.symbol, at: site ? link(site.file, site.range) : link(crate.rootFile, zeroRange()), providedBy: [], ...(i.reason ? { stubProblem: i.reason } : {}) };
  });
  const guest = guestSignals(crate);
  return {
    name: manifest.packageName ?? crate.name,
    kind: guest ? 'wasm-component' : 'native',
    ...optional('world', guest ? guestWorld(crate, guest) : undefined),
    ...optional('version', packageVersion(manifest, crate.workspaceRoot)),
    edition: crate.edition,
    crateTypes: [...crate.crateTypes],
    manifest: pathToUri(manifest.path),
    manifestPath: manifest.path,
    root: link(crate.rootFile, zeroRange()),
    ...optional('versionFunction', versionFunction(crate, matches, plan?.probes ?? [], link)),
    exports,
    missing,
    pairs,
    hostImports,
    sources: sourcesOf(crate.interfaces ?? [], matches.applicable),
  };
}

/** `src/lib.rs` inside the plugin; a file elsewhere (a header, a host) as `interfaceView` names it. */
function labelOf(file: string, dir: string): string {
  const relative = path.relative(dir, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? shortName(file) : relative.split(path.sep).join('/');
}

/** `plugin.h`; a host's `main.rs`/`lib.rs`/`mod.rs` with its package folder (`host-dlopen2/src/main.rs`). */
function shortName(file: string): string {
  const parts = file.split(/[\\/]/);
  const base = parts[parts.length - 1];
  return base === 'main.rs' || base === 'lib.rs' || base === 'mod.rs' ? parts.slice(-3).join('/') : base;
}

function originLink(origin: DeclarationOrigin): SourceLink {
  return { uri: pathToUri(origin.file), range: origin.range, label: `${shortName(origin.file)}:${origin.range.start.line + 1}` };
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Versions read, by manifest path, with the texts they were read from (each analysis asks again). */
const versions = new Map<string, { texts: string; version: string | undefined }>();

/** `[package] version`, or `[workspace.package] version` for `version.workspace = true`. */
function packageVersion(manifest: Manifest, workspaceRoot: Manifest | undefined): string | undefined {
  const texts = `${manifest.text}\0${workspaceRoot?.text ?? ''}`;
  const known = versions.get(manifest.path);
  if (known?.texts === texts) return known.version;
  const version = readPackageVersion(manifest, workspaceRoot);
  versions.set(manifest.path, { texts, version });
  return version;
}

function readPackageVersion(manifest: Manifest, workspaceRoot: Manifest | undefined): string | undefined {
  const read = (text: string): Record<string, unknown> => {
    try {
      return parseToml(text) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const version = (read(manifest.text).package as { version?: unknown } | undefined)?.version;
  if (typeof version === 'string') return version;
  if (typeof version === 'object' && version !== null && (version as { workspace?: unknown }).workspace === true) {
    const root = workspaceRoot ?? manifest;
    const inherited = ((read(root.text).workspace as { package?: { version?: unknown } } | undefined)?.package)?.version;
    return typeof inherited === 'string' ? inherited : undefined;
  }
  return undefined;
}

/**
 * The export the host checks the version with: a probe the plan pairs with a declared version constant (a function
 * returning it, or a struct with a version field: a descriptor), else an export named like a version.
 */
function versionFunction(crate: CrateModel, matches: CrateExportMatches, probes: ProbePlan['probes'], link: (file: string, range: Range) => SourceLink): VersionFunctionView | undefined {
  const pattern = versionNamePattern((crate.interfaces ?? []).find((i) => i.versionNames)?.versionNames ?? DEFAULT_VERSION_NAMES);
  const paired = probes.find((p) => p.expected);
  // A descriptor no interface pairs: a zero-argument export returning a struct with a version-named field.
  const descriptor = paired || !pattern ? undefined : probes.flatMap((p) => (p.struct ? p.struct.fields.filter((f) => pattern.test(f.name)).map((f) => ({ symbol: p.symbol, field: f.name })) : []))[0];
  const symbol = paired?.symbol ?? (pattern ? matches.exports.find((m) => pattern.test(m.export.symbol))?.export.symbol : undefined) ?? descriptor?.symbol;
  const exported = symbol === undefined ? undefined : matches.bySymbol.get(symbol);
  if (!exported || symbol === undefined) return undefined;
  const view: VersionFunctionView = { symbol, at: link(exported.module.file, userRange(crate, exported.module.file, exported.item.nameRange)) };
  const field = paired?.expected?.field ?? (descriptor?.symbol === symbol ? descriptor.field : undefined);
  if (field) view.field = field;
  // A probe's pairing covers a descriptor struct's version field; a version static is paired by name alone.
  const declaresVersion = pattern !== undefined && (crate.interfaces ?? []).some((i) => i.constants.some((c) => pattern.test(c.name)));
  const expected: (DeclaredValue & { field?: string }) | undefined = paired?.expected ?? (declaresVersion ? interfaceFacts(crate).expectedFor(symbol) : undefined);
  if (expected) {
    const constant = (crate.interfaces ?? []).flatMap((i) => i.constants).find((c) => c.name === expected.constant);
    view.expected = { constant: expected.constant, value: expected.value, at: constant ? originLink(constant.origin) : { uri: '', range: zeroRange(), label: expected.declaredAt }, ...optional('field', expected.field) };
  }
  if (!view.field) {
    const constants = crateConstants(crate);
    const value = exported.item.kind === 'function' ? returnedConstant(crate, exported.item, exported.module, constants)?.value : constants.get(exported.item.name);
    if (value !== undefined) view.returns = value.toString();
  }
  if (view.expected && view.returns !== undefined) view.agrees = view.expected.value === view.returns;
  return view;
}

/** Where each host import is declared (its `extern` block function), by symbol. */
function importLocations(crate: CrateModel): Map<string, { file: string; range: Range }> {
  const found = new Map<string, { file: string; range: Range }>();
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'externBlock') continue;
      for (const fn of item.functions) {
        const symbol = fn.attributes.find((a) => a.name === 'link_name' && a.value !== undefined)?.value ?? fn.name;
        if (!found.has(symbol)) found.set(symbol, { file: module.file, range: fn.nameRange });
      }
    }
  }
  return found;
}

/** One entry per file (a host file gives several interfaces: its lookups, its vtables). */
function sourcesOf(interfaces: readonly DeclaredInterface[], applicable: readonly DeclaredInterface[]): InterfaceSourceEntry[] {
  const applies = new Set(applicable);
  const byFile = new Map<string, InterfaceSourceEntry>();
  for (const d of interfaces) {
    const declares = applies.has(d) ? declaredSymbols(d).length + (d.vtables?.length ?? 0) : 0;
    const origins = [...declaredSymbols(d), ...(d.vtables ?? [])].map((x) => x.origin);
    const first = origins.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
    const known = byFile.get(d.file);
    if (!known) {
      byFile.set(d.file, { uri: pathToUri(d.file), label: shortName(d.file), source: d.source, reason: d.reason, applies: applies.has(d), errors: [...d.errors], declares, ...optional('at', first && originLink(first)) });
      continue;
    }
    if (first && (!known.at || first.range.start.line < known.at.range.start.line)) known.at = originLink(first);
    known.applies ||= applies.has(d);
    known.declares += declares;
    for (const error of d.errors) if (!known.errors.includes(error)) known.errors.push(error);
  }
  return [...byFile.values()];
}

/**
 * What an analysis compares to tell whether the view changed: the cheap core (no probe plan) and each export's
 * signature, from which the plan's pairs follow.
 */
export function pluginSummary(crate: CrateModel, matches: CrateExportMatches): string {
  const signatures = matches.exports.map((m) => (m.export.item.kind === 'function' ? `${m.export.item.params.map((p) => p.text).join(',')}->${m.export.item.returnType?.text ?? ''}` : ''));
  return JSON.stringify(pluginCore(crate, matches, undefined)) + signatures.join('|');
}
