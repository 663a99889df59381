// Where `cargo build` puts a crate's cdylib, from `cargo metadata`, and running that build.
import { execFile, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

export type Profile = 'debug' | 'release';

export interface CrateLibrary {
  /** Package name. */
  name: string;
  manifest: string;
  /** The lib target's root file (src/lib.rs). */
  rootFile: string;
  profile: Profile;
  /** Where the library is (or will be after the build). */
  library: string;
  /** Cargo's workspace root: paths in its diagnostics are relative to it. */
  workspaceRoot: string;
}

export class CargoError extends Error {}

export interface Metadata {
  target_directory: string;
  workspace_root: string;
  packages: { name: string; manifest_path: string; targets: { name: string; kind: string[]; crate_types: string[]; src_path: string }[] }[];
}

/** `lib<name>.so` / `lib<name>.dylib` / `<name>.dll`: the file name rustc gives a cdylib. */
export function libraryFileName(libName: string, platform: NodeJS.Platform = process.platform): string {
  const name = libName.replace(/-/g, '_');
  if (platform === 'win32') return `${name}.dll`;
  return platform === 'darwin' ? `lib${name}.dylib` : `lib${name}.so`;
}

/** The manifest for a crate folder or a Cargo.toml path; undefined when `target` is neither. */
export function manifestOf(target: string): string | undefined {
  const absolute = path.resolve(target);
  if (path.basename(absolute) === 'Cargo.toml' && existsSync(absolute)) return absolute;
  const inside = path.join(absolute, 'Cargo.toml');
  return existsSync(absolute) && statSync(absolute).isDirectory() && existsSync(inside) ? inside : undefined;
}

export function cargoMetadata(manifest: string): Promise<Metadata> {
  return new Promise((resolve, reject) => {
    // cwd: the manifest's folder, so that its `.cargo/config.toml` (build.target-dir) applies.
    execFile('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline', '--manifest-path', manifest], { maxBuffer: 32 * 1024 * 1024, cwd: path.dirname(manifest) }, (error, stdout, stderr) => {
      if (error) {
        const detail = stderr.trim().split('\n').filter(Boolean).pop() ?? error.message;
        reject(new CargoError(`${manifest}: cargo metadata failed: ${detail}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as Metadata);
      } catch {
        reject(new CargoError(`${manifest}: cargo metadata printed something that is not JSON`));
      }
    });
  });
}

/** The cdylib of the package at `manifest` (or the only cdylib of a workspace). */
export async function findCrateLibrary(manifest: string, profile: Profile): Promise<CrateLibrary> {
  const metadata = await cargoMetadata(manifest);
  const withCdylib = metadata.packages.filter((p) => p.targets.some((t) => t.crate_types.includes('cdylib')));
  const own = metadata.packages.find((p) => path.resolve(p.manifest_path) === path.resolve(manifest));
  const pkg = own ?? (withCdylib.length === 1 ? withCdylib[0] : undefined);
  if (!pkg) {
    const names = withCdylib.map((p) => p.name).join(', ');
    throw new CargoError(`${manifest}: a workspace with ${withCdylib.length} cdylib crates${names ? ` (${names})` : ''}; pass the folder of one of them`);
  }
  const target = pkg.targets.find((t) => t.crate_types.includes('cdylib'));
  if (!target) throw new CargoError(`${pkg.manifest_path}: \`${pkg.name}\` builds no cdylib; add crate-type = ["cdylib"] to [lib]`);
  return {
    name: pkg.name,
    manifest: pkg.manifest_path,
    rootFile: target.src_path,
    profile,
    library: path.join(metadata.target_directory, profile, libraryFileName(target.name)),
    workspaceRoot: metadata.workspace_root,
  };
}

/** The target directory CARGO_TARGET_DIR names (as cargo resolves it: from the folder cargo runs in, the manifest's). */
export function targetDirFromEnv(manifest: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env.CARGO_TARGET_DIR;
  return dir ? path.resolve(path.dirname(manifest), dir) : undefined;
}

/** What `findCrateLibrary` reads from cargo metadata, as far as the manifest alone says it. */
export interface PackageManifest {
  path: string;
  packageName: string | undefined;
  libName: string | undefined;
  libPath: string | undefined;
  crateTypes: readonly string[];
}

/**
 * The cdylib of a package whose target directory is known (CARGO_TARGET_DIR overrides every config file):
 * what `findCrateLibrary` finds, without running cargo. Undefined when the manifest alone does not say it
 * (no `[package]`, no cdylib `[lib]`): then cargo metadata does, or says what is wrong.
 */
export function packageLibrary(manifest: PackageManifest, targetDir: string, profile: Profile): Omit<CrateLibrary, 'workspaceRoot'> | undefined {
  if (!manifest.packageName || !manifest.libPath || !manifest.crateTypes.includes('cdylib')) return undefined;
  return {
    name: manifest.packageName,
    manifest: manifest.path,
    rootFile: manifest.libPath,
    profile,
    library: path.join(targetDir, profile, libraryFileName(manifest.libName ?? manifest.packageName)),
  };
}

/**
 * Runs `cargo build --lib`, its human output streamed to `onOutput`; resolves with the exit code. `short`
 * prints one `file:line:col: error[code]: message` line per diagnostic (what the editor's problem matcher reads).
 */
export function cargoBuild(crate: Pick<CrateLibrary, 'manifest' | 'profile'>, onOutput: (text: string) => void, options: { signal?: AbortSignal; short?: boolean } = {}): Promise<number> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    const args = ['build', '--lib', '--manifest-path', crate.manifest, '--color', 'never'];
    if (options.short) args.push('--message-format', 'short');
    if (crate.profile === 'release') args.push('--release');
    const child = spawn('cargo', args, { cwd: path.dirname(crate.manifest), stdio: ['ignore', 'pipe', 'pipe'], signal });
    child.stdout.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => onOutput(chunk.toString('utf8')));
    child.on('error', (error) => reject(new CargoError(`could not run cargo: ${error.message}`)));
    child.on('close', (code) => resolve(code ?? 1));
  });
}
