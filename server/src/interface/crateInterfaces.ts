// Which declared interfaces apply to a crate, read through the engine's FileStore (so unsaved header edits
// count): headers inside the crate, the header `build.rs` tells cbindgen to write, and configured globs.
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { CrateModel } from '../crate/crateModel';
import type { FileStore } from '../crate/fileStore';
import type { ParserAssets } from '../parsing/treeSitter';
import { DEFAULT_CBINDGEN_CONFIG, parseCbindgenConfig, type CbindgenConfig } from './cbindgenConfig';
import { loadCParser, parseHeader } from './cHeader/parseHeader';
import { targetMacros } from './cHeader/preprocessor';
import { hostTargetCfg } from '../crate/targetCfg';
import type { HeaderDeclarations } from './cHeader/declarations';
import { emptyDeclaredInterface, type DeclaredInterface } from './model';
import { DEFAULT_VERSION_NAMES } from './versionNames';
import { HostInterfaces } from './rustHost/hostInterfaces';

/** `rustPluginGuard.interfaces`: package name (or `*`) → globs of headers and host `.rs` files, relative to the crate folder. */
export type InterfaceGlobs = Readonly<Record<string, readonly string[]>>;

const SKIPPED_DIRS = new Set(['target', 'node_modules', '.git']);
const MAX_DEPTH = 5;
const HEADER = /\.h$/i;

export class CrateInterfaces {
  private readonly parsed = new Map<string, { text: string; triple: string; declarations: HeaderDeclarations & { timedOut?: true } }>();
  /** `cbindgen.toml` by file, parsed again only when its text changed (it is read on every analysis). */
  private readonly cbindgenConfigs = new Map<string, { text: string; config: CbindgenConfig }>();
  /** Folder → every file under it: discovery runs on each analysis, the walk only when a watched file changed. */
  private readonly walks = new Map<string, Promise<string[]>>();
  private globs: InterfaceGlobs = {};
  private versionNames: readonly string[] = DEFAULT_VERSION_NAMES;
  private readonly hosts: HostInterfaces;

  constructor(
    private readonly store: FileStore,
    private readonly assets: ParserAssets,
  ) {
    this.hosts = new HostInterfaces(store);
  }

  configure(globs: InterfaceGlobs, versionNames: readonly string[] = DEFAULT_VERSION_NAMES): void {
    this.globs = globs;
    this.versionNames = versionNames;
  }

  /** A file or folder was created, changed or deleted: forget the walks that may have seen it (or missed it). */
  invalidate(file: string): void {
    const changed = path.resolve(file);
    this.hosts.invalidate(changed);
    for (const dir of this.walks.keys()) {
      if (isWithin(changed, dir) || isWithin(dir, changed)) this.walks.delete(dir);
    }
  }

  /** The interfaces declared for `crate`; the C grammar is loaded only when a header is found. */
  async of(crate: CrateModel): Promise<DeclaredInterface[]> {
    const manifest = crate.manifest;
    // A lone `.rs` file (the CLI's single-file mode) gets the globs configured for every plugin (`--interfaces`).
    if (!manifest) return this.headers(crate, path.dirname(crate.rootFile), new Map((await this.configured(path.dirname(crate.rootFile), undefined)).filter((f) => !f.endsWith('.rs')).map((f) => [f, 'configured'])));
    const found = new Map<string, DeclaredInterface['reason']>();
    // `*` globs (and `--interfaces`) are for plugins: a cdylib or staticlib, not every member of a workspace.
    const packageName = manifest.packageName ?? crate.name;
    const configured = await this.configured(manifest.dir, packageName, isPluginCrate(crate) || this.globs[packageName] !== undefined);
    // Host-side Rust: the workspace's other crates and configured `.rs` files.
    const hostInterfaces = (await this.hosts.of(crate, configured.filter((file) => file.endsWith('.rs')))).map((declared) => ({ ...declared, versionNames: this.versionNames }));
    for (const file of configured) if (!file.endsWith('.rs')) found.set(file, 'configured');
    for (const file of await this.namedByBuildScript(manifest.dir)) if (!found.has(file)) found.set(file, 'cbindgen');
    for (const file of await this.filesUnder(manifest.dir, (name) => HEADER.test(name))) if (!found.has(file)) found.set(file, 'in-crate');
    if (found.size === 0) return hostInterfaces;
    return [...(await this.headers(crate, manifest.dir, found)), ...hostInterfaces];
  }

  /** The declared interfaces of the headers `found`, with the `cbindgen.toml` of `dir`. */
  private async headers(crate: CrateModel, dir: string, found: ReadonlyMap<string, DeclaredInterface['reason']>): Promise<DeclaredInterface[]> {
    if (found.size === 0) return [];
    const cbindgen = await this.cbindgenConfig(dir);
    const interfaces: DeclaredInterface[] = [];
    for (const [file, reason] of found) {
      const text = await this.store.readText(file);
      if (text === undefined) {
        if (reason !== 'in-crate') interfaces.push(emptyInterface(file, reason, cbindgen, `${file}: cannot read this header`));
        continue;
      }
      // The header's `#if` branches for the build being checked (`rustPluginGuard.target`, `--target`).
      const target = crate.cfg?.target ?? hostTargetCfg();
      let cached = this.parsed.get(file);
      if (cached?.text !== text || cached.triple !== target.triple) {
        let parser;
        try {
          parser = await loadCParser(this.assets);
        } catch (error) {
          interfaces.push(emptyInterface(file, reason, cbindgen, error instanceof Error ? error.message : String(error)));
          continue;
        }
        cached = { text, triple: target.triple, declarations: parseHeader(parser, file, text, targetMacros(target)) };
        this.parsed.set(file, cached);
      }
      if (cached.declarations.timedOut) {
        interfaces.push(emptyInterface(file, reason, cbindgen, `${file}: this header could not be analysed in time (parsing it took longer than its budget), so nothing is compared against it`));
        continue;
      }
      interfaces.push({ ...emptyInterface(file, reason, cbindgen, cbindgen.error), ...cached.declarations, versionNames: this.versionNames, sourceText: text });
    }
    return interfaces;
  }

  private async cbindgenConfig(dir: string): Promise<CbindgenConfig> {
    const file = path.join(dir, 'cbindgen.toml');
    const text = await this.store.readText(file);
    if (text === undefined) return DEFAULT_CBINDGEN_CONFIG;
    let cached = this.cbindgenConfigs.get(file);
    if (cached?.text !== text) {
      cached = { text, config: parseCbindgenConfig(file, text) };
      this.cbindgenConfigs.set(file, cached);
    }
    return cached.config;
  }

  /** `cbindgen::generate(..).write_to_file("include/plugin.h")` (or `Builder…write_to_file`) in `build.rs`. */
  private async namedByBuildScript(dir: string): Promise<string[]> {
    const text = await this.store.readText(path.join(dir, 'build.rs'));
    if (!text?.includes('cbindgen')) return [];
    return [...text.matchAll(/write_to_file\s*\(\s*&?\s*"([^"]+)"/g)].map((m) => path.resolve(dir, m[1]));
  }

  private async configured(dir: string, packageName: string | undefined, everyPlugin = true): Promise<string[]> {
    const patterns = [...(packageName !== undefined ? (this.globs[packageName] ?? []) : []), ...(everyPlugin ? (this.globs['*'] ?? []) : [])];
    const files: string[] = [];
    for (const pattern of patterns) {
      const absolute = path.resolve(dir, pattern).split(path.sep).join('/');
      const base = staticBase(absolute);
      if (this.store.fs.isFile(base)) {
        files.push(path.resolve(base));
        continue;
      }
      const matches = await this.filesUnder(base, () => true);
      files.push(...matches.filter((file) => minimatch(file.split(path.sep).join('/'), absolute, { dot: true })));
    }
    return files;
  }

  private async filesUnder(dir: string, accept: (name: string) => boolean): Promise<string[]> {
    const key = path.resolve(dir);
    let walk = this.walks.get(key);
    if (!walk) {
      walk = this.walk(key);
      this.walks.set(key, walk);
    }
    return (await walk).filter((file) => accept(path.basename(file)));
  }

  private async walk(dir: string): Promise<string[]> {
    const files: string[] = [];
    const walk = async (current: string, depth: number): Promise<void> => {
      for (const entry of await this.store.fs.readDir(current)) {
        const full = path.join(current, entry.name);
        if (entry.isDirectory) {
          if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(full, depth + 1);
        } else files.push(full);
      }
    };
    await walk(dir, 0);
    return files.sort();
  }
}

/** A library a host links or loads through a C interface. */
function isPluginCrate(crate: CrateModel): boolean {
  return crate.crateTypes.includes('cdylib') || crate.crateTypes.includes('staticlib');
}

function isWithin(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** The folder part of a glob before its first wildcard. */
function staticBase(glob: string): string {
  const parts = glob.split('/');
  const firstWild = parts.findIndex((part) => /[*?[\]{}!]/.test(part));
  return firstWild < 0 ? glob : parts.slice(0, firstWild).join('/') || '/';
}

function emptyInterface(file: string, reason: DeclaredInterface['reason'], cbindgen: CbindgenConfig, error: string | undefined): DeclaredInterface {
  return { ...emptyDeclaredInterface('c-header', file, reason, cbindgen.names), errors: error ? [error] : [] };
}
