// Builds the host stubs (hostStubSource.ts) into a cdylib with rustc, once per signature set: the library is
// cached under the user's cache folder by the hash of its source, so later loads reuse it without rustc.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { HostImport } from '../../../server/src/protocol/loader';
import { hostStubSource } from './hostStubSource';

/** Overrides the cache folder (tests; a machine without a writable home). */
export const STUB_CACHE_ENV = 'RUST_PLUGIN_GUARD_STUB_CACHE';
const RUSTC_TIMEOUT_MS = 60_000;

export type StubBuild = { library: string; built: boolean } | { error: string };

export function stubCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[STUB_CACHE_ENV]) return env[STUB_CACHE_ENV];
  const base = env.XDG_CACHE_HOME || (process.platform === 'darwin' ? path.join(homedir(), 'Library', 'Caches') : path.join(homedir(), '.cache'));
  return path.join(base, 'rust-plugin-guard', 'stubs');
}

function libraryName(hash: string): string {
  if (process.platform === 'win32') return `${hash}.dll`;
  return process.platform === 'darwin' ? `${hash}.dylib` : `${hash}.so`;
}

/** The cached stub library for these imports, built with `rustc` (RUSTC, else on PATH) when not cached yet. */
export async function hostStubLibrary(imports: readonly HostImport[], env: NodeJS.ProcessEnv = process.env): Promise<StubBuild> {
  const source = hostStubSource(imports);
  const hash = createHash('sha256').update(`${process.platform}-${process.arch}\n${source}`).digest('hex').slice(0, 24);
  const dir = stubCacheDir(env);
  const library = path.join(dir, libraryName(hash));
  if (existsSync(library)) return { library, built: false };
  let work: string;
  try {
    mkdirSync(dir, { recursive: true });
    work = mkdtempSync(path.join(dir, 'build-'));
  } catch (error) {
    return { error: `cannot create the stub cache ${dir} (${message(error)}); set ${STUB_CACHE_ENV} to a writable folder` };
  }
  try {
    const file = path.join(work, 'stubs.rs');
    writeFileSync(file, source);
    const out = path.join(work, libraryName(hash));
    const rustc = rustcOf(env);
    const failure = await new Promise<string | undefined>((resolve) => {
      execFile(rustc, ['--crate-type', 'cdylib', '--crate-name', 'rpg_host_stubs', '--edition', '2021', '-O', '-C', 'strip=debuginfo', '-o', out, file], { timeout: RUSTC_TIMEOUT_MS, env }, (error, _stdout, stderr) => {
        if (!error) return resolve(undefined);
        const code = (error as NodeJS.ErrnoException).code;
        resolve(code === 'ENOENT' ? `\`${rustc}\` was not found: install Rust (rustup) or set RUSTC` : `\`${rustc}\` failed: ${stderr.trim().split('\n').slice(0, 3).join(' ') || error.message}`);
      });
    });
    if (failure) return { error: failure };
    // Atomic: a concurrent load sees the whole library or none.
    renameSync(out, library);
    return { library, built: true };
  } catch (error) {
    return { error: `cannot build the host stubs in ${work} (${message(error)})` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** RUSTC, else `rustc` on PATH, else rustup's (an editor started from the desktop may not have ~/.cargo/bin on PATH). */
function rustcOf(env: NodeJS.ProcessEnv): string {
  if (env.RUSTC) return env.RUSTC;
  const exe = process.platform === 'win32' ? 'rustc.exe' : 'rustc';
  const onPath = (env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, exe)));
  const rustup = path.join(env.CARGO_HOME || path.join(homedir(), '.cargo'), 'bin', exe);
  return !onPath && existsSync(rustup) ? rustup : 'rustc';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
