import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';

export type Edition = '2015' | '2018' | '2021' | '2024';

/** What the engine needs from one `Cargo.toml`. */
export interface Manifest {
  path: string;
  dir: string;
  /** The file's text, for findings and fixes placed in it. */
  text: string;
  packageName: string | undefined;
  /** `undefined` when the manifest says `edition.workspace = true` and the workspace root is not read yet. */
  edition: Edition | undefined;
  crateTypes: string[];
  /** Absolute path of the library root, when the package has a library target. */
  libPath: string | undefined;
  binPaths: string[];
  /** `[lib] name`, when the library's crate name differs from the package name. */
  libName: string | undefined;
  /** Dependencies on local packages (`path = ...`, or `workspace = true`), which the engine can read. */
  localDependencies: LocalDependency[];
  workspace: { members: string[]; exclude: string[]; edition: Edition | undefined; dependencyPaths: Map<string, string> } | undefined;
  /** `[features]`: feature → what it enables (`"other"`, `"dep:x"`, `"x/feat"`). */
  features: Map<string, string[]>;
  /**
   * Built by cargo-c, which sets the crate types itself (`cargo cbuild`/`cinstall`): a `[package.metadata.capi]`
   * table, or the `capi` feature that cargo-c's convention gates the C API behind.
   */
  cargoC: boolean;
}

/** A `[dependencies]` entry that names a package on disk (directly or through `[workspace.dependencies]`). */
export interface LocalDependency {
  /** The table key: the name the code uses (with `-` read as `_`). */
  key: string;
  /** Absolute folder, or undefined when it comes from the workspace root (`workspace = true`). */
  dir: string | undefined;
  /** What the dependent turns on: `features = [..]` and `default-features` (true unless `false`). */
  features: string[];
  defaultFeatures: boolean;
}

export class ManifestError extends Error {}

const EDITIONS = new Set(['2015', '2018', '2021', '2024']);

/** Parses a Cargo.toml text. `exists` tells which conventional target files are present. */
export function parseManifest(manifestPath: string, text: string, exists: (file: string) => boolean): Manifest {
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ManifestError(`${manifestPath}: invalid TOML (${reason}); fix the file so Cargo can read it`);
  }
  const dir = path.dirname(manifestPath);
  const pkg = table(toml.package);
  const lib = table(toml.lib);
  const workspaceTable = table(toml.workspace);
  const editionValue = pkg?.edition;
  const editionFromWorkspace = table(editionValue)?.workspace === true;
  const edition = typeof editionValue === 'string' && EDITIONS.has(editionValue) ? (editionValue as Edition) : pkg && !editionFromWorkspace ? '2015' : undefined;

  let libPath: string | undefined;
  if (pkg) {
    const explicit = typeof lib?.path === 'string' ? path.resolve(dir, lib.path) : undefined;
    const conventional = path.join(dir, 'src', 'lib.rs');
    libPath = explicit ?? (lib || exists(conventional) ? conventional : undefined);
  }
  const binPaths: string[] = [];
  if (pkg) {
    for (const bin of Array.isArray(toml.bin) ? toml.bin : []) {
      const binTable = table(bin);
      if (typeof binTable?.path === 'string') binPaths.push(path.resolve(dir, binTable.path));
    }
    const main = path.join(dir, 'src', 'main.rs');
    if (exists(main)) binPaths.push(main);
  }
  const crateTypes = Array.isArray(lib?.['crate-type']) ? lib['crate-type'].filter((t): t is string => typeof t === 'string') : libPath ? ['lib'] : [];
  const workspacePackage = table(workspaceTable?.package);
  const workspaceDependencyPaths = new Map<string, string>();
  for (const [key, spec] of Object.entries(table(workspaceTable?.dependencies) ?? {})) {
    const pathValue = table(spec)?.path;
    if (typeof pathValue === 'string') workspaceDependencyPaths.set(key, path.resolve(dir, pathValue));
  }
  return {
    path: manifestPath,
    dir,
    text,
    packageName: typeof pkg?.name === 'string' ? pkg.name : undefined,
    edition,
    crateTypes,
    libPath,
    binPaths,
    libName: typeof lib?.name === 'string' ? lib.name : undefined,
    localDependencies: localDependencies(toml, dir),
    features: new Map(Object.entries(table(toml.features) ?? {}).map(([name, enables]) => [name, stringList(enables)])),
    cargoC: table(table(pkg?.metadata)?.capi) !== undefined || table(toml.features)?.capi !== undefined,
    workspace: workspaceTable
      ? {
          members: stringList(workspaceTable.members),
          exclude: stringList(workspaceTable.exclude),
          edition: typeof workspacePackage?.edition === 'string' && EDITIONS.has(workspacePackage.edition) ? (workspacePackage.edition as Edition) : undefined,
          dependencyPaths: workspaceDependencyPaths,
        }
      : undefined,
  };
}

/** `[dependencies]` and `[target.'cfg(..)'.dependencies]` entries with a path (dev- and build-dependencies never reach the library's signatures). */
function localDependencies(toml: Record<string, unknown>, dir: string): LocalDependency[] {
  const tables = [table(toml.dependencies), ...Object.values(table(toml.target) ?? {}).map((t) => table(table(t)?.dependencies))];
  const found: LocalDependency[] = [];
  for (const deps of tables) {
    for (const [key, spec] of Object.entries(deps ?? {})) {
      const specTable = table(spec);
      const features = { features: stringList(specTable?.features), defaultFeatures: specTable?.['default-features'] !== false && specTable?.default_features !== false };
      if (typeof specTable?.path === 'string') found.push({ key, dir: path.resolve(dir, specTable.path), ...features });
      else if (specTable?.workspace === true) found.push({ key, dir: undefined, ...features });
    }
  }
  return found;
}

/** The features a plain `cargo build` enables (`roots`: `default`) and what they enable, transitively (`dep:x` and `x/feat` name dependencies). */
export function defaultFeatures(manifest: Pick<Manifest, 'features'>, roots: readonly string[] = ['default']): Set<string> {
  const enabled = new Set<string>();
  const pending = roots.filter((name) => name !== 'default' || manifest.features.has('default'));
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (enabled.has(name) || name.startsWith('dep:')) continue;
    // `x/feat` also turns on an optional dependency `x` (its implicit feature); `x?/feat` does not.
    if (name.includes('/')) {
      if (!/^[^/]*\?\//.test(name)) pending.push(name.slice(0, name.indexOf('/')));
      continue;
    }
    enabled.add(name);
    pending.push(...(manifest.features.get(name) ?? []));
  }
  return enabled;
}

function table(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
