// `rustPluginGuard/plugins`: the workspace's plugins (cdylib crates) and the host crates that load them, for the
// Plugins view. Answered from the crate models the last analyses built (kept by AnalysedCrates, rebuilt without
// rules only when a file changed since), and each plugin's part cached by its model, so a request after an
// analysis runs nothing again. `rustPluginGuard/pluginsChanged` tells the client when an analysis changed what
// the request would say about a crate.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { planProbes } from '../boundary/probePlan';
import type { CrateInfo, CrateModel } from '../crate/crateModel';
import { StaleDocumentError } from '../crate/fileStore';
import { ManifestError, type Manifest } from '../crate/manifest';
import type { Engine } from '../engine/engine';
import type { CrateExportMatches } from '../interface/exportMatches';
import { rustExports } from '../interface/rustSide';
import { PLUGINS_CHANGED_NOTIFICATION, PLUGINS_REQUEST, type BuildView, type HostView, type PluginsParams, type PluginsResult, type PluginView, type SourceLink } from '../protocol/plugins';
import { AnalysedCrates } from './analysedCrates';
import { buildState } from './buildState';
import { pathToUri, uriToPath } from './convert';
import { isPluginCrate, pluginCore, pluginSummary, type PluginCore } from './pluginModel';

/** A package of a workspace folder, with its targets. */
interface Package {
  manifest: Manifest;
  targets: CrateInfo[];
  /** The `[workspace]` manifest it belongs to (itself when it is the root, or alone). */
  workspace: string;
}

interface HostCrate {
  pkg: Package;
  /** `#[no_mangle]` functions the host defines (what a plugin's `extern "C"` block can import from it). */
  defines: Map<string, SourceLink>;
}

export class PluginsHandlers {
  /** Each model's part of the answer: a model is rebuilt when a file changes, so identity is freshness. */
  private readonly cores = new WeakMap<CrateModel, PluginCore>();
  /** What the client was last told (or an analysis last produced) per crate root: a change is notified. */
  private readonly summaries = new Map<string, string>();
  private folders: string[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly readyEngine: () => Promise<Engine | undefined>,
    /** The crate models the last analyses built, shared by the views (see AnalysedCrates). */
    private readonly crates: AnalysedCrates = new AnalysedCrates(),
  ) {
    connection.onRequest(PLUGINS_REQUEST, async (params: PluginsParams | null | undefined) => this.plugins(params ?? {}));
  }

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
  }

  changeFolders(added: readonly string[], removed: readonly string[]): void {
    this.folders = [...this.folders.filter((f) => !removed.includes(f)), ...added.filter((f) => !this.folders.includes(f))];
  }

  /** A current analysis result (an open file's, or the workspace pass's): keep its model; notify a change. */
  async analysed(crate: CrateModel): Promise<void> {
    const engine = await this.readyEngine();
    const manifest = crate.manifest;
    if (!engine || !manifest || (crate.rootFile !== manifest.libPath && !crate.crateTypes.includes('bin'))) return;
    try {
      const matches = await this.crates.record(engine, crate);
      const previous = this.summaries.get(crate.rootFile);
      const summary = this.summaryOf(crate, matches);
      if (previous === summary) return;
      this.summaries.set(crate.rootFile, summary);
      void this.connection.sendNotification(PLUGINS_CHANGED_NOTIFICATION, { manifest: pathToUri(manifest.path) });
    } catch (error) {
      // A header changed while it was read: the analysis that follows records the model again.
      if (error instanceof StaleDocumentError) return;
      this.connection.console.error(`the Plugins view could not read ${crate.rootFile}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private async plugins(params: PluginsParams): Promise<PluginsResult> {
    const engine = await this.readyEngine();
    if (!engine) return { plugins: [], hosts: [], errors: ['the Rust Plugin Guard server has not started its parser'] };
    const folder = params.folder ? uriToPath(params.folder) : undefined;
    const errors: string[] = [];
    const packages = await this.packagesOf(engine, folder ? [folder] : this.folders, errors);
    const plugins: PluginView[] = [];
    const hosts = new Map<string, HostCrate>();
    for (const pkg of packages) {
      for (const info of pkg.targets) {
        const found = await this.modelOf(engine, info.rootFile);
        if (!found) continue;
        if (isPluginCrate(found.crate)) {
          const core = this.coreOf(found.crate, found.matches);
          plugins.push({ ...core, build: await buildOf(pkg, found.crate, core.kind) });
        }
        else if (!pkg.manifest.crateTypes.includes('cdylib')) this.addHost(hosts, pkg, found.crate, found.matches);
      }
    }
    return { plugins, hosts: hostsOf(plugins, [...hosts.values()], packages), errors };
  }

  private async modelOf(engine: Engine, rootFile: string): Promise<{ crate: CrateModel; matches: CrateExportMatches } | undefined> {
    try {
      return await this.crates.matchesFor(engine, rootFile);
    } catch (error) {
      if (error instanceof ManifestError) return undefined;
      throw error;
    }
  }

  private coreOf(crate: CrateModel, matches: CrateExportMatches): PluginCore {
    let core = this.cores.get(crate);
    if (!core) {
      core = pluginCore(crate, matches, planProbes(crate));
      this.cores.set(crate, core);
      this.summaries.set(crate.rootFile, pluginSummary(crate, matches));
    }
    return core;
  }

  private summaryOf(crate: CrateModel, matches: CrateExportMatches): string {
    // The probe plan (pairs) is made only when the view asks: an analysis compares the cheap summary.
    if (isPluginCrate(crate)) return pluginSummary(crate, matches);
    // A host's part of the view: the functions it defines for plugins to import.
    return [...rustExports(crate).keys()].sort().join(',');
  }

  private addHost(hosts: Map<string, HostCrate>, pkg: Package, crate: CrateModel, matches: CrateExportMatches): void {
    const key = pkg.manifest.path;
    const host = hosts.get(key) ?? { pkg, defines: new Map() };
    hosts.set(key, host);
    for (const m of matches.exports) {
      if (m.export.item.kind !== 'function' || host.defines.has(m.export.symbol)) continue;
      const range = m.export.item.nameRange;
      const relative = path.relative(pkg.manifest.dir, m.export.module.file).split(path.sep).join('/');
      host.defines.set(m.export.symbol, { uri: pathToUri(m.export.module.file), range, label: `${relative}:${range.start.line + 1}` });
    }
    this.summaries.set(crate.rootFile, [...rustExports(crate).keys()].sort().join(','));
  }

  private async packagesOf(engine: Engine, folders: readonly string[], errors: string[]): Promise<Package[]> {
    const packages: Package[] = [];
    const seen = new Set<string>();
    for (const folder of folders) {
      for (const manifest of await engine.discovery.packagesUnder(folder, (error) => errors.push(error.message))) {
        if (seen.has(manifest.path)) continue;
        seen.add(manifest.path);
        try {
          const targets = await engine.discovery.targetsOf(manifest);
          packages.push({ manifest, targets, workspace: targets[0]?.workspaceRoot?.path ?? manifest.path });
        } catch (error) {
          if (error instanceof StaleDocumentError) continue;
          if (!(error instanceof ManifestError)) throw error;
          errors.push(error.message);
        }
      }
    }
    return packages;
  }
}

/**
 * Host crates: a package of a plugin's workspace that declares what the plugin must export (an interface source of
 * reason `host-crate`), or defines a function the plugin imports. Fills each plugin's `providedBy` on the way.
 */
function hostsOf(plugins: PluginView[], hosts: readonly HostCrate[], packages: readonly Package[]): HostView[] {
  const views = new Map<string, HostView>();
  const viewOf = (pkg: Package): HostView => {
    let view = views.get(pkg.manifest.path);
    if (!view) {
      view = { name: pkg.manifest.packageName ?? path.basename(pkg.manifest.dir), manifest: pathToUri(pkg.manifest.path), manifestPath: pkg.manifest.path, loads: [], provides: [] };
      views.set(pkg.manifest.path, view);
    }
    return view;
  };
  const workspaceOf = new Map(packages.map((p) => [p.manifest.path, p.workspace]));
  for (const plugin of plugins) {
    const workspace = workspaceOf.get(plugin.manifestPath);
    for (const source of plugin.sources) {
      if (source.reason !== 'host-crate' || !source.applies) continue;
      const file = uriToPath(source.uri);
      const owner = file ? ownerOf(file, packages) : undefined;
      if (owner) viewOf(owner).loads.push({ plugin: plugin.name, manifest: plugin.manifest, at: firstDeclarationIn(plugin, source.uri) ?? { uri: source.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, label: source.label } });
    }
    for (const imported of plugin.hostImports) {
      for (const host of hosts) {
        const at = host.defines.get(imported.symbol);
        if (!at || host.pkg.workspace !== workspace) continue;
        const view = viewOf(host.pkg);
        imported.providedBy.push({ host: view.name, at });
        const entry = view.provides.find((p) => p.symbol === imported.symbol);
        if (entry) entry.plugins.push(plugin.name);
        else view.provides.push({ symbol: imported.symbol, plugins: [plugin.name], at });
      }
    }
  }
  return [...views.values()];
}

/** The first declaration in `uri` the plugin is checked against (what "loads" opens). */
function firstDeclarationIn(plugin: PluginView, uri: string): SourceLink | undefined {
  const links = [...plugin.exports.flatMap((e) => e.declaredBy), ...plugin.missing.map((m) => m.declaredAt)].filter((l) => l.uri === uri);
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
}

/** The package whose folder holds `file` most closely. */
function ownerOf(file: string, packages: readonly Package[]): Package | undefined {
  const holding = packages.filter((p) => {
    const relative = path.relative(p.manifest.dir, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  });
  return holding.sort((a, b) => b.manifest.dir.length - a.manifest.dir.length)[0];
}

/** Where `cargo build --lib` puts the debug library, whether it is there, and whether a source is newer. */
function buildOf(pkg: Package, crate: CrateModel, kind: PluginView['kind']): Promise<BuildView> {
  return buildState({ packageDir: pkg.manifest.dir, workspaceDir: path.dirname(pkg.workspace), libName: crate.name, sources: [...crate.files.keys(), pkg.manifest.path], wasm: kind === 'wasm-component' });
}
