// A WebAssembly guest crate: whether a crate folder is one, which wasm target it builds for (its
// `.cargo/config.toml` [build] target, else the first target a toolchain here has the standard library of),
// which compiler has that target (the rustup toolchain here has no wasm32 std; Debian's /usr/bin/rustc with
// libstd-rust-dev-wasm32 does), and the build with that compiler's own cargo.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { CargoError, type Metadata, type Profile } from '../cargoLibrary';

/** Targets tried when the crate names none: one the loader can run without WASI first. */
export const WASM_TARGETS = ['wasm32-unknown-unknown', 'wasm32-wasip2', 'wasm32-wasip1', 'wasm32-wasi'] as const;

export interface Toolchain {
  rustc: string;
  cargo: string;
  target: string;
}

export interface GuestCrate {
  name: string;
  manifest: string;
  /** The `.wasm` cargo writes (or will write). */
  wasm: string;
  /** The crate's `wit/` folder, when it has one. */
  wit?: string;
  profile: Profile;
  toolchain: Toolchain;
}

/** The `[build] target` of the crate's `.cargo/config.toml` (or its parents' up to the file system root). */
export function configuredTarget(crateDir: string): string | undefined {
  for (let dir = path.resolve(crateDir); ; dir = path.dirname(dir)) {
    for (const name of ['config.toml', 'config']) {
      const file = path.join(dir, '.cargo', name);
      if (!existsSync(file)) continue;
      try {
        const build = (parse(readFileSync(file, 'utf8')) as { build?: { target?: unknown } }).build;
        const target = Array.isArray(build?.target) ? build.target[0] : build?.target;
        if (typeof target === 'string') return target;
      } catch {
        // cargo reports a broken config when it builds.
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A crate folder is a wasm guest when its cargo config targets wasm32, or it has a `wit/` folder of `.wit` files. */
export function isGuestCrate(manifest: string): boolean {
  const dir = path.dirname(manifest);
  if (configuredTarget(dir)?.startsWith('wasm32-')) return true;
  return witFolderOf(dir) !== undefined;
}

export function witFolderOf(crateDir: string): string | undefined {
  const wit = path.join(crateDir, 'wit');
  try {
    return statSync(wit).isDirectory() && existsSync(wit) ? wit : undefined;
  } catch {
    return undefined;
  }
}

function output(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => execFile(command, args, { env: env ?? process.env, maxBuffer: 32 * 1024 * 1024 }, (error, stdout) => resolve(error ? undefined : stdout.trim())));
}

/** Compilers to try: the one on PATH, then Debian's, each with the cargo beside it. */
function compilers(): { rustc: string; cargo: string }[] {
  const out = [{ rustc: 'rustc', cargo: 'cargo' }];
  if (process.platform !== 'win32' && existsSync('/usr/bin/rustc')) out.push({ rustc: '/usr/bin/rustc', cargo: '/usr/bin/cargo' });
  return out;
}

/** A compiler whose sysroot has the standard library of `wanted` (or, with none wanted, of the first of WASM_TARGETS it has). */
export async function findToolchain(wanted: string | undefined): Promise<Toolchain | undefined> {
  for (const { rustc, cargo } of compilers()) {
    const sysroot = await output(rustc, ['--print', 'sysroot']);
    if (!sysroot) continue;
    // rustc before 1.78 calls wasm32-wasip1 `wasm32-wasi`.
    for (const target of wanted ? (wanted === 'wasm32-wasip1' ? [wanted, 'wasm32-wasi'] : [wanted]) : WASM_TARGETS) {
      if (existsSync(path.join(sysroot, 'lib', 'rustlib', target, 'lib'))) return { rustc, cargo: existsSync(cargo) || cargo === 'cargo' ? cargo : 'cargo', target };
    }
  }
  return undefined;
}

export async function guestCrate(manifest: string, profile: Profile): Promise<GuestCrate> {
  const dir = path.dirname(manifest);
  const wanted = configuredTarget(dir);
  const toolchain = await findToolchain(wanted?.startsWith('wasm32-') ? wanted : undefined);
  if (!toolchain) {
    const what = wanted ? `the ${wanted} standard library` : `the standard library of any of ${WASM_TARGETS.join(', ')}`;
    throw new CargoError(`${manifest}: no Rust compiler here has ${what}; install it (rustup target add ${wanted ?? 'wasm32-unknown-unknown'}, or on Debian: apt-get install rustc libstd-rust-dev-wasm32 lld)`);
  }
  const env = { ...process.env, RUSTC: toolchain.rustc };
  const json = await output(toolchain.cargo, ['metadata', '--format-version', '1', '--no-deps', '--offline', '--manifest-path', manifest], env);
  if (!json) throw new CargoError(`${manifest}: cargo metadata failed (${toolchain.cargo}); run it to see why`);
  const metadata = JSON.parse(json) as Metadata;
  const pkg = metadata.packages.find((p) => path.resolve(p.manifest_path) === path.resolve(manifest));
  const lib = pkg?.targets.find((t) => t.crate_types.includes('cdylib'));
  if (!pkg || !lib) throw new CargoError(`${manifest}: builds no cdylib; a wasm guest needs crate-type = ["cdylib"] in [lib]`);
  // wasm32-wasi* renamed: rustc 1.63 calls wasm32-wasip1 `wasm32-wasi`; the folder is named as the target given.
  const wasm = path.join(metadata.target_directory, toolchain.target, profile, `${lib.name.replace(/-/g, '_')}.wasm`);
  return { name: pkg.name, manifest: pkg.manifest_path, wasm, wit: witFolderOf(dir), profile, toolchain };
}

/** `cargo build --lib --target …` with the toolchain's compiler; its output goes to `log`. Resolves to the exit code. */
export function buildGuest(crate: GuestCrate, log: (text: string) => void): Promise<number> {
  const args = ['build', '--lib', '--target', crate.toolchain.target, '--manifest-path', crate.manifest, '--message-format', 'short'];
  if (crate.profile === 'release') args.push('--release');
  return new Promise((resolve) => {
    const child = spawn(crate.toolchain.cargo, args, { cwd: path.dirname(crate.manifest), env: { ...process.env, RUSTC: crate.toolchain.rustc }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => log(d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => log(d.toString('utf8')));
    child.on('error', (error) => {
      log(`${crate.toolchain.cargo}: ${error.message}\n`);
      resolve(127);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
