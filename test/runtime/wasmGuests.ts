// Builds the WebAssembly guest fixtures (test/fixtures/wasm-guests/*: canonical-ABI exports written by hand, no
// crates) with Debian's rustc, which has the wasm32 standard library (libstd-rust-dev-wasm32; .ci/run installs
// it). The rustup toolchain first on PATH has none, so the compiler is found by its path, not by PATH.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from '../support/engine';

export const WASM_GUESTS = path.join(__dirname, '..', 'fixtures', 'wasm-guests');
export const DEBIAN_RUSTC = '/usr/bin/rustc';
const TARGET = 'wasm32-unknown-unknown';

/** `wasi-command`: wasm32-wasi as rustc links a cdylib (every export runs the C constructors); `wasi-reactor`: with crt1-reactor.o. */
export type GuestBuild = 'unknown' | 'wasi-command' | 'wasi-reactor';

let checked = false;
let outDir: string | undefined;
const built = new Map<string, string>();

/** Fails (never skips) when the compiler or its wasm32 std is missing, saying what to install. */
export function requireDebianRustc(): void {
  if (checked) return;
  const sysroot = existsSync(DEBIAN_RUSTC) ? spawnSync(DEBIAN_RUSTC, ['--print', 'sysroot'], { encoding: 'utf8' }).stdout?.trim() : undefined;
  if (!sysroot || !existsSync(path.join(sysroot, 'lib', 'rustlib', TARGET, 'lib'))) {
    throw new Error(`the wasm guest fixtures need Debian's rustc with the ${TARGET} standard library at ${DEBIAN_RUSTC}: apt-get install rustc libstd-rust-dev-wasm32 lld (.ci/run installs them)`);
  }
  checked = true;
}

/** `<tmp>/<name>.wasm`, the fixture's core module (a debug build, as cargo's dev profile of the fixture makes it). */
export function buildWasmGuest(name: string, build: GuestBuild = 'unknown'): string {
  requireDebianRustc();
  const key = `${name}/${build}`;
  const cached = built.get(key);
  if (cached) return cached;
  outDir ??= tempDir('rpg-wasm-guests-');
  const out = path.join(outDir, `${name}.${build}.wasm`);
  const target = build === 'unknown' ? TARGET : 'wasm32-wasi';
  const sysroot = spawnSync(DEBIAN_RUSTC, ['--print', 'sysroot'], { encoding: 'utf8' }).stdout.trim();
  const reactor = build === 'wasi-reactor' ? ['-C', `link-arg=${path.join(sysroot, 'lib', 'rustlib', target, 'lib', 'self-contained', 'crt1-reactor.o')}`] : [];
  const args = ['--edition', '2021', '--crate-type', 'cdylib', '--crate-name', `${name}_guest`, '--target', target, '-C', 'panic=abort', '-C', 'debuginfo=0', '-C', 'strip=debuginfo', ...reactor, '-o', out, path.join(WASM_GUESTS, name, 'src', 'lib.rs')];
  const result = spawnSync(DEBIAN_RUSTC, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${DEBIAN_RUSTC} could not build the wasm guest fixture ${name}:\n${result.stderr}`);
  built.set(key, out);
  return out;
}
