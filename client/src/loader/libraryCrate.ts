// The crate that built a library found in a cargo target directory: `load target/release/libfoo.so` probes
// like `load` on the crate folder. A target directory is recognised by the CACHEDIR.TAG cargo writes into it;
// the library sits in `<target>/<profile>/` (or its `deps/`) or `<target>/<triple>/<profile>/`. The workspace
// is the target directory's parent (the default `<workspace>/target`) or, with `CARGO_TARGET_DIR` or a
// `build.target-dir` elsewhere, the cargo workspace of the current directory: whichever cargo says builds
// into that target directory. Its package whose cdylib has the library's name is the crate.
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { cargoMetadata, CargoError, findCrateLibrary, libraryFileName, type CrateLibrary, type Metadata } from './cargoLibrary';

const PROFILES: Record<string, CrateLibrary['profile']> = { debug: 'debug', release: 'release' };

/** `libfoo.so` → `foo` (and `.dylib`, `foo.dll`); undefined for another file name. */
export function libNameOf(file: string): string | undefined {
  const base = path.basename(file);
  const match = /^lib(.+)\.(?:so|dylib)$/.exec(base) ?? /^(.+)\.dll$/.exec(base);
  return match?.[1];
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

const isTargetDir = (dir: string) => existsSync(path.join(dir, 'CACHEDIR.TAG')) || existsSync(path.join(dir, '.rustc_info.json'));

/** The target directory and profile of a library path inside one. */
export function targetDirOf(library: string): { targetDir: string; profile: CrateLibrary['profile'] } | undefined {
  let dir = path.dirname(real(library));
  if (path.basename(dir) === 'deps') dir = path.dirname(dir);
  const profile = PROFILES[path.basename(dir)];
  if (!profile) return undefined;
  const parent = path.dirname(dir);
  // `<target>/<triple>/<profile>/` first: cargo tags the triple folder as a cache directory too.
  const grandparent = path.dirname(parent);
  if (isTargetDir(grandparent)) return { targetDir: grandparent, profile };
  if (isTargetDir(parent)) return { targetDir: parent, profile };
  return undefined;
}

function manifestAbove(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'Cargo.toml');
    if (existsSync(manifest)) return manifest;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The crate whose cdylib `library` is, when the library is in a cargo target directory; undefined otherwise. */
export async function crateOfLibrary(library: string, cwd: string = process.cwd()): Promise<CrateLibrary | undefined> {
  const libName = libNameOf(library);
  const found = targetDirOf(library);
  if (!libName || !found) return undefined;
  const candidates = [...new Set([path.join(path.dirname(found.targetDir), 'Cargo.toml'), manifestAbove(cwd)].filter((m): m is string => !!m && existsSync(m)))];
  for (const manifest of candidates) {
    let metadata: Metadata;
    try {
      metadata = await cargoMetadata(manifest);
    } catch (error) {
      if (error instanceof CargoError) continue;
      throw error;
    }
    if (real(metadata.target_directory) !== found.targetDir) continue;
    for (const pkg of metadata.packages) {
      const target = pkg.targets.find((t) => t.crate_types.includes('cdylib') && libraryFileName(t.name) === libraryFileName(libName));
      if (target) return { name: pkg.name, manifest: pkg.manifest_path, rootFile: target.src_path, profile: found.profile, library: path.resolve(library), workspaceRoot: metadata.workspace_root };
    }
  }
  return undefined;
}

/** `--crate DIR` for a library anywhere: that crate's cdylib, loaded from the given path (a note when the names differ). */
export async function givenCrateOfLibrary(library: string, manifest: string): Promise<{ crate: CrateLibrary; notes: string[] }> {
  const profile = targetDirOf(library)?.profile ?? 'debug';
  const crate = await findCrateLibrary(manifest, profile);
  const notes: string[] = [];
  const expected = path.basename(crate.library);
  if (path.basename(library) !== expected) notes.push(`${path.basename(library)} is not the file name \`${crate.name}\` builds (${expected}): its signatures are assumed to be that crate's`);
  return { crate: { ...crate, library: path.resolve(library) }, notes };
}
