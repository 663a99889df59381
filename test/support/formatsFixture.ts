// The formats fixture plugin (test/fixtures/plugins/formats), copied to a temporary folder and built with cargo
// there, so neither the build nor edits made by a test touch the tracked fixture.
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './engine';

export const FORMATS_FIXTURE = path.resolve(__dirname, '../fixtures/plugins/formats');

/** A fresh copy of the fixture crate. */
export function copyFormatsFixture(): string {
  const dir = path.join(tempDir('rpg-formats-'), 'formats');
  cpSync(FORMATS_FIXTURE, dir, { recursive: true });
  return dir;
}

/** `cargo build` of a copy of the fixture; returns the cdylib's path. */
export function cargoBuildLibrary(crateDir: string): string {
  const result = spawnSync('cargo', ['build', '--quiet', '--offline'], { cwd: crateDir, encoding: 'utf8', env: { ...process.env, CARGO_TARGET_DIR: path.join(crateDir, 'target') } });
  if (result.status !== 0) throw new Error(`cargo build failed in ${crateDir}:\n${result.stderr}`);
  const name = 'formats_fixture';
  const file = process.platform === 'win32' ? `${name}.dll` : process.platform === 'darwin' ? `lib${name}.dylib` : `lib${name}.so`;
  return path.join(crateDir, 'target', 'debug', file);
}

let built: { crateDir: string; library: string } | undefined;

/** One built copy per test process. */
export function builtFormatsFixture(): { crateDir: string; library: string } {
  if (!built) {
    const crateDir = copyFormatsFixture();
    built = { crateDir, library: cargoBuildLibrary(crateDir) };
  }
  return built;
}
