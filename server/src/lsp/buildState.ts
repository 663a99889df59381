// The Plugins view's build state: the newest library cargo built for a crate, in any profile (`debug`, `release`,
// custom ones) and for the host or a cross target (`target/<triple>/<profile>/`, a `.wasm` for wasm32 targets),
// in the target directory cargo uses (CARGO_TARGET_DIR, else `.cargo/config.toml`'s `[build] target-dir` from the
// package folder up, else the workspace's `target/`); stale when a source file or Cargo.toml is newer.
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { libraryFileName } from '../../../client/src/loader/cargoLibrary';
import type { BuildView } from '../protocol/plugins';

export interface BuildInputs {
  /** The package's folder and its workspace root's folder. */
  packageDir: string;
  workspaceDir: string;
  /** The crate's library name. */
  libName: string;
  /** The files whose change makes a build stale (sources and Cargo.toml). */
  sources: readonly string[];
  /** A component guest: look for `<lib>.wasm` under wasm32 targets. */
  wasm: boolean;
}

export async function buildState(inputs: BuildInputs): Promise<BuildView> {
  const targetDir = await targetDirectory(inputs.packageDir, inputs.workspaceDir);
  const native = libraryFileName(inputs.libName);
  const wasm = `${inputs.libName.replace(/-/g, '_')}.wasm`;
  const candidates: { file: string; profile: string; target?: string; mtime: number }[] = [];
  const consider = async (dir: string, profile: string, target?: string) => {
    for (const file of inputs.wasm && target?.startsWith('wasm32') ? [wasm] : [native]) {
      const built = await stat(path.join(dir, file)).catch(() => undefined);
      if (built?.isFile()) candidates.push({ file: path.join(dir, file), profile, ...(target ? { target } : {}), mtime: built.mtimeMs });
    }
  };
  for (const entry of await subfolders(targetDir)) {
    if (isTriple(entry)) for (const profile of await subfolders(path.join(targetDir, entry))) await consider(path.join(targetDir, entry, profile), profile, entry);
    else if (entry !== 'doc' && entry !== 'package' && entry !== 'tmp') await consider(path.join(targetDir, entry), entry);
  }
  const newestBuild = candidates.sort((a, b) => b.mtime - a.mtime)[0];
  if (!newestBuild) return { library: path.join(targetDir, 'debug', native), built: false, stale: false };
  let newest: { file: string; mtime: number } | undefined;
  for (const file of inputs.sources) {
    const source = await stat(file).catch(() => undefined);
    if (source && source.mtimeMs > (newest?.mtime ?? -Infinity)) newest = { file, mtime: source.mtimeMs };
  }
  const stale = newest !== undefined && newest.mtime > newestBuild.mtime;
  return {
    library: newestBuild.file,
    built: true,
    stale,
    profile: newestBuild.profile,
    ...(newestBuild.target ? { target: newestBuild.target } : {}),
    ...(stale && newest ? { newerSource: newest.file } : {}),
  };
}

/** `x86_64-unknown-linux-gnu`, `wasm32-wasip1`: a folder of a cross build (profiles inside). */
function isTriple(name: string): boolean {
  return /^[a-z0-9_]+-[a-z0-9_]+(?:-[a-z0-9_.]+)*$/.test(name) && (name.split('-').length >= 3 || name.startsWith('wasm32-'));
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** The target directory cargo uses for a package (what `cargo metadata` reports, without running cargo). */
export async function targetDirectory(packageDir: string, workspaceDir: string): Promise<string> {
  if (process.env.CARGO_TARGET_DIR) return path.resolve(workspaceDir, process.env.CARGO_TARGET_DIR);
  // `.cargo/config.toml` (or `.cargo/config`) from the package folder up; a relative target-dir is relative to
  // the folder that holds `.cargo/`.
  for (let dir = packageDir; ; dir = path.dirname(dir)) {
    for (const name of ['config.toml', 'config']) {
      const text = await readFile(path.join(dir, '.cargo', name), 'utf8').catch(() => undefined);
      if (text === undefined) continue;
      try {
        const build = (parseToml(text) as { build?: { 'target-dir'?: unknown } }).build;
        if (typeof build?.['target-dir'] === 'string') return path.resolve(dir, build['target-dir']);
      } catch {
        // An invalid config: cargo would refuse to build; the default stands.
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  return path.join(workspaceDir, 'target');
}
