import * as path from 'node:path';
import type { CrateInfo } from './crateModel';
import type { FileStore } from './fileStore';
import { ManifestError, parseManifest, type Edition, type Manifest } from './manifest';

/** The edition of a `.rs` file outside any Cargo package (rustc's own default is 2015; plugins are newer). */
export const STANDALONE_EDITION: Edition = '2021';
const SKIPPED_DIRS = new Set(['target', 'node_modules', '.git']);

/** Finds Cargo packages and their targets, caching parsed manifests by text. */
export class CrateDiscovery {
  private readonly manifests = new Map<string, { text: string; manifest: Manifest }>();

  constructor(private readonly store: FileStore) {}

  /** Reads a manifest; throws `ManifestError` with the file name when it is not valid TOML. */
  async readManifest(manifestPath: string): Promise<Manifest | undefined> {
    const text = await this.store.readText(manifestPath);
    if (text === undefined) return undefined;
    const cached = this.manifests.get(manifestPath);
    if (cached?.text === text) return cached.manifest;
    const manifest = parseManifest(manifestPath, text, (file) => this.store.exists(file));
    this.manifests.set(manifestPath, { text, manifest });
    return manifest;
  }

  /** The nearest `Cargo.toml` with a `[package]` above `file`. */
  async packageOf(file: string): Promise<Manifest | undefined> {
    for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'Cargo.toml');
      if (this.store.exists(candidate)) {
        const manifest = await this.readManifest(candidate);
        if (manifest?.packageName !== undefined) return manifest;
      }
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  /** The crates a package builds: its library first, then its binaries. */
  async targetsOf(manifest: Manifest): Promise<CrateInfo[]> {
    const workspaceRoot = manifest.workspace ? undefined : await this.workspaceRootOf(manifest);
    const edition = manifest.edition ?? (manifest.workspace ?? workspaceRoot?.workspace)?.edition ?? '2015';
    const crateName = (manifest.packageName ?? path.basename(manifest.dir)).replace(/-/g, '_');
    const targets: CrateInfo[] = [];
    const shared = { manifest, ...(workspaceRoot ? { workspaceRoot } : {}) };
    if (manifest.libPath) targets.push({ name: manifest.libName?.replace(/-/g, '_') ?? crateName, edition, crateTypes: manifest.crateTypes, rootFile: manifest.libPath, ...shared });
    for (const bin of manifest.binPaths) targets.push({ name: crateName, edition, crateTypes: ['bin'], rootFile: bin, ...shared });
    return targets;
  }

  standalone(file: string, manifest?: Manifest, edition?: Edition): CrateInfo {
    return {
      name: path.basename(file, '.rs').replace(/-/g, '_'),
      edition: edition ?? manifest?.edition ?? STANDALONE_EDITION,
      crateTypes: [],
      manifest,
      rootFile: path.resolve(file),
    };
  }

  /** The nearest manifest above the package's folder that has a `[workspace]` table. */
  private async workspaceRootOf(manifest: Manifest): Promise<Manifest | undefined> {
    for (let dir = path.dirname(manifest.dir); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'Cargo.toml');
      if (this.store.exists(candidate)) {
        try {
          const root = await this.readManifest(candidate);
          // A package the workspace excludes is its own root.
          if (root?.workspace) return root.workspace.exclude.some((e) => path.resolve(root.dir, e) === manifest.dir) ? undefined : root;
        } catch (error) {
          if (!(error instanceof ManifestError)) throw error;
        }
      }
      if (path.dirname(dir) === dir) return undefined;
    }
  }

  /**
   * The library targets of the package's local dependencies, by the name the code uses for them
   * (`shared-types` is `shared_types`). A dependency whose manifest is missing or invalid is left out: its
   * types then count as unknown, as before.
   */
  async localDependenciesOf(manifest: Manifest): Promise<Map<string, CrateInfo>> {
    const found = new Map<string, CrateInfo>();
    if (manifest.localDependencies.length === 0) return found;
    const workspace = manifest.localDependencies.some((d) => d.dir === undefined) ? await this.workspaceRootOf(manifest) : undefined;
    for (const dependency of manifest.localDependencies) {
      const dir = dependency.dir ?? workspace?.workspace?.dependencyPaths.get(dependency.key);
      if (!dir) continue;
      let depManifest;
      try {
        depManifest = await this.readManifest(path.join(dir, 'Cargo.toml'));
      } catch (error) {
        if (!(error instanceof ManifestError)) throw error;
        continue;
      }
      if (!depManifest?.libPath) continue;
      const [library] = await this.targetsOf(depManifest);
      // Cargo names the extern crate after the key, unless the key is the package's own name and `[lib] name` renames it.
      const name = (dependency.key === depManifest.packageName && depManifest.libName ? depManifest.libName : dependency.key).replace(/-/g, '_');
      found.set(name, { ...library, name, requestedFeatures: { features: dependency.features, defaultFeatures: dependency.defaultFeatures } });
    }
    return found;
  }

  /**
   * Every `Cargo.toml` with a `[package]` under `folder` (build output and dependencies skipped). An invalid
   * one throws, unless `skipInvalid` takes it (the language server's workspace pass goes on with the others).
   */
  async packagesUnder(folder: string, skipInvalid?: (error: ManifestError) => void): Promise<Manifest[]> {
    const found: Manifest[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 8) return;
      const entries = await this.store.fs.readDir(dir);
      if (entries.some((e) => e.name === 'Cargo.toml' && !e.isDirectory)) {
        let manifest;
        try {
          manifest = await this.readManifest(path.join(dir, 'Cargo.toml'));
        } catch (error) {
          if (!skipInvalid || !(error instanceof ManifestError)) throw error;
          skipInvalid(error);
        }
        if (manifest?.packageName !== undefined) found.push(manifest);
      }
      for (const entry of entries) {
        if (entry.isDirectory && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(path.join(dir, entry.name), depth + 1);
      }
    };
    await walk(path.resolve(folder), 0);
    return found;
  }

  /** `.rs` files under `folder`, for folders that hold no Cargo package. */
  async rustFilesUnder(folder: string): Promise<string[]> {
    const files: string[] = [];
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > 8) return;
      for (const entry of await this.store.fs.readDir(dir)) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory) {
          if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(full, depth + 1);
        } else if (entry.name.endsWith('.rs')) files.push(full);
      }
    };
    await walk(path.resolve(folder), 0);
    return files.sort();
  }
}
