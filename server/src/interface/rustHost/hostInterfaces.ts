// Which host-side Rust declarations apply to a plugin: every other crate of the plugin's Cargo workspace (and
// configured `.rs` files) is read for dlopen2 `WrapperApi` structs, libloading lookups and vtable structs; a
// set of symbols applies when the plugin exports one of them (a host may load several plugins), a vtable when
// the plugin writes a literal of it. Runs on every analysis of the plugin, so each host crate's declarations
// are cached by the revisions of its files and the package list by the workspace manifest's text (and until
// a watched `Cargo.toml` event).
import * as path from 'node:path';
import { buildCrateModel, type CrateInfo, type CrateModel } from '../../crate/crateModel';
import { CrateDiscovery } from '../../crate/discovery';
import type { FileStore } from '../../crate/fileStore';
import type { TargetCfg } from '../../crate/targetCfg';
import { ManifestError, type Manifest } from '../../crate/manifest';
import { emptyDeclaredInterface, type DeclaredConstant, type DeclaredEnum, type DeclaredInterface, type DeclaredRecord, type DeclaredVtable } from '../model';
import type { RustTypeContext } from '../rustCType';
import { crateConstantItems, rustExports } from '../rustSide';
import { declaredTypesOf, originIn } from './hostTypes';
import { readLibloadingLookups } from './libloading';
import { readDlsymLookups } from './dlsym';
import { libraryBaseName } from './libraryScope';
import { readVtables } from './vtables';
import { readWrapperApis } from './wrapperApi';

/** One host crate's declarations, before the plugin-specific filter. */
interface HostDeclarations {
  /** Symbol sets: one per `WrapperApi` struct and one per file with libloading lookups. */
  symbolSets: DeclaredInterface[];
  vtables: DeclaredVtable[];
  records: Map<string, DeclaredRecord>;
  enums: Map<string, DeclaredEnum>;
  /** The host's integer `const`s and `static`s: `abi-version-mismatch` picks the version ones by name. */
  constants: DeclaredConstant[];
  files: string[];
}

export class HostInterfaces {
  private readonly discovery: CrateDiscovery;
  private readonly packages = new Map<string, { text: string; manifests: Manifest[] }>();
  private readonly hosts = new Map<string, { key: string; declarations: HostDeclarations }>();
  /** A host package's folder → its example and test targets: listed once, not on every analysis (see `invalidate`). */
  private readonly exampleTargets = new Map<string, CrateInfo[]>();

  constructor(private readonly store: FileStore) {
    this.discovery = new CrateDiscovery(store);
  }

  /**
   * A file was created, changed or deleted: a `Cargo.toml` event may add or remove a package of a cached list,
   * one under `examples/` or `tests/` an example or test target.
   */
  invalidate(file: string): void {
    if (path.basename(file) === 'Cargo.toml') this.packages.clear();
    if (path.basename(file) === 'Cargo.toml' || /[\\/](?:examples|tests)(?:[\\/]|$)/.test(file)) this.exampleTargets.clear();
  }

  /** The host-side interfaces of `plugin`: from its workspace's other crates and from configured `.rs` files. */
  async of(plugin: CrateModel, configuredRustFiles: readonly string[]): Promise<DeclaredInterface[]> {
    const manifest = plugin.manifest;
    if (!manifest) return [];
    const targets: { info: CrateInfo; configured: boolean }[] = [];
    for (const host of await this.workspacePackages(manifest)) {
      if (host.dir === manifest.dir) continue;
      // Another plugin of the workspace (a cdylib) is a sibling, not a host.
      for (const info of await this.discovery.targetsOf(host)) if (!info.crateTypes.includes('cdylib')) targets.push({ info, configured: false });
      for (const info of await this.exampleAndTestTargets(host)) targets.push({ info, configured: false });
    }
    for (const file of configuredRustFiles) targets.push({ info: this.discovery.standalone(file), configured: true });
    const exported = new Set(rustExports(plugin).keys());
    const pluginLibrary = libraryBaseName(plugin.name);
    const pluginTexts = [...plugin.files.values()].map((f) => f.text);
    const interfaces: DeclaredInterface[] = [];
    const seen = new Set<string>();
    for (const { info, configured } of targets) {
      const declarations = await this.declarationsOf(info, plugin.cfg.target);
      if (!declarations) continue;
      const applying = interfaces.length;
      for (const set of declarations.symbolSets) {
        const key = `${set.file}\0${set.functions.map((f) => f.name).join()}\0${(set.statics ?? []).map((s) => s.name).join()}`;
        if (seen.has(key)) continue;
        // Lookups on a library the host opened by another name (`libc.so.6`, a sibling plugin) are not ours.
        if (set.library !== undefined && set.library !== pluginLibrary) continue;
        const names = [...set.functions.map((f) => f.name), ...(set.statics ?? []).map((s) => s.name)];
        if (!configured && !names.some((name) => exported.has(name))) continue;
        seen.add(key);
        interfaces.push({ ...set, readFiles: declarations.files });
      }
      const vtables = declarations.vtables.filter((v) => !seen.has(`${v.origin.file}\0vtable ${v.name}`) && pluginTexts.some((text) => new RegExp(`\\b${v.name}\\s*\\{`).test(text)));
      if (vtables.length > 0) {
        for (const v of vtables) seen.add(`${v.origin.file}\0vtable ${v.name}`);
        // The vtable struct is also a declared record: a plugin-side copy of it is compared field by field.
        const records = new Map(declarations.records);
        for (const v of vtables) records.set(v.name, { kind: 'struct', name: v.name, fields: v.fields, origin: v.origin });
        interfaces.push({ ...emptyHostInterface(vtables[0].origin.file, configured), vtables, records, enums: declarations.enums, readFiles: declarations.files });
      }
      // A host crate that applies also declares its version constants, once (on its first interface).
      if (interfaces.length > applying) interfaces[applying] = { ...interfaces[applying], constants: declarations.constants };
    }
    return interfaces;
  }

  /**
   * A package's examples and integration tests (`examples/x.rs`, `examples/x/main.rs`, `tests/x.rs`, as cargo
   * finds them): loader crates often load their test plugin there (dlopen2's own examples and tests).
   */
  private async exampleAndTestTargets(host: Manifest): Promise<CrateInfo[]> {
    const cached = this.exampleTargets.get(host.dir);
    if (cached) return cached;
    const found: CrateInfo[] = [];
    for (const folder of ['examples', 'tests']) {
      const dir = path.join(host.dir, folder);
      if (!this.store.fs.isDirectory(dir)) continue;
      for (const entry of await this.store.fs.readDir(dir)) {
        const root = entry.isDirectory ? path.join(dir, entry.name, 'main.rs') : entry.name.endsWith('.rs') ? path.join(dir, entry.name) : undefined;
        if (root && this.store.fs.isFile(root)) found.push({ ...this.discovery.standalone(root, host), crateTypes: ['bin'] });
      }
    }
    this.exampleTargets.set(host.dir, found);
    return found;
  }

  /** Every package under the workspace root of `manifest` (none when the plugin is not in a workspace). */
  private async workspacePackages(manifest: Manifest): Promise<Manifest[]> {
    const root = await this.workspaceRoot(manifest);
    if (!root) return [];
    const cached = this.packages.get(root.path);
    if (cached?.text === root.text) return cached.manifests;
    let manifests: Manifest[];
    try {
      manifests = await this.discovery.packagesUnder(root.dir);
    } catch (error) {
      // A half-typed Cargo.toml elsewhere in the workspace: no hosts until it parses again (not cached).
      if (error instanceof ManifestError) return [];
      throw error;
    }
    this.packages.set(root.path, { text: root.text, manifests });
    return manifests;
  }

  private async workspaceRoot(manifest: Manifest): Promise<Manifest | undefined> {
    for (let dir = manifest.dir; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'Cargo.toml');
      if (this.store.exists(candidate)) {
        try {
          const read = await this.discovery.readManifest(candidate);
          if (read?.workspace) return read;
        } catch (error) {
          if (!(error instanceof ManifestError)) throw error;
        }
      }
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  /** The host is read for the plugin's target (`--target`, `rustPluginGuard.target`): it runs where the plugin does. */
  private async declarationsOf(info: CrateInfo, target: TargetCfg): Promise<HostDeclarations | undefined> {
    const host = await buildCrateModel(this.store, info, target);
    if (!host) return undefined;
    const key = `${target.triple}|${[...host.files.values()].map((f) => `${f.path}@${f.revision}`).join('|')}`;
    const cached = this.hosts.get(info.rootFile);
    if (cached?.key === key) return cached.declarations;
    const declarations = readHost(host, info.manifest === undefined);
    this.hosts.set(info.rootFile, { key, declarations });
    return declarations;
  }
}

function readHost(host: CrateModel, configured: boolean): HostDeclarations {
  const symbolSets: DeclaredInterface[] = [];
  // Each set carries only the host types its own declarations reach, so a plugin is never compared with
  // types of another plugin the same host loads.
  for (const api of readWrapperApis(host)) symbolSets.push({ ...emptyHostInterface(api.file, configured), functions: api.functions, statics: api.statics, ...declaredTypesOf(host, api.context) });
  for (const lookups of [...readLibloadingLookups(host), ...readDlsymLookups(host)]) symbolSets.push({ ...emptyHostInterface(lookups.file, configured), functions: lookups.functions, statics: lookups.statics, ...declaredTypesOf(host, lookups.context), ...(lookups.library ? { library: lookups.library } : {}) });
  const context: RustTypeContext = { records: new Map() };
  const vtables = readVtables(host, context);
  const constants = crateConstantItems(host).map((c): DeclaredConstant => ({ kind: 'constant', name: c.name, value: c.value, origin: originIn(host, c.file, c.item.range) }));
  return { symbolSets, vtables, ...declaredTypesOf(host, context), constants, files: [...host.files.keys()] };
}

export function emptyHostInterface(file: string, configured: boolean): DeclaredInterface {
  return emptyDeclaredInterface('rust-host', file, configured ? 'configured' : 'host-crate');
}
