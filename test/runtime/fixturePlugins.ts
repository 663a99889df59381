// Builds the loader fixture plugins (test/fixtures/plugins/loader/*) with cargo, once per test process.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { planProbes } from '../../server/src/boundary/probePlan';
import type { ProbePlan } from '../../server/src/protocol/loader';
import { libraryFileName } from '../../client/src/loader/cargoLibrary';
import { tempDir, testEngine } from '../support/engine';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plugins', 'loader');
let targetDir: string | undefined;

/** One cargo target folder under the OS temp dir for every fixture of this process. */
export function fixtureTargetDir(): string {
  targetDir ??= tempDir('rpg-loader-target-');
  return targetDir;
}

export function buildFixture(name: string, profile: 'debug' | 'release' = 'debug', extraArgs: readonly string[] = []): string {
  const args = ['build', '--lib', '--quiet', '--manifest-path', path.join(FIXTURES, name, 'Cargo.toml'), '--target-dir', fixtureTargetDir(), ...extraArgs];
  if (profile === 'release') args.push('--release');
  const result = spawnSync('cargo', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cargo build of fixture ${name} failed:\n${result.stderr}`);
  return path.join(fixtureTargetDir(), profile, libraryFileName(name));
}

export async function fixturePlan(name: string): Promise<ProbePlan> {
  const engine = await testEngine();
  const crate = await engine.crateOf(path.join(FIXTURES, name, 'src', 'lib.rs'));
  if (!crate) throw new Error(`no crate model for fixture ${name}`);
  return planProbes(crate);
}

/**
 * True while the process runs: it exists and is not a zombie (an orphan killed in a container whose init does
 * not reap stays a zombie, which is not running).
 */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return process.platform === 'linux' ? false : isAlive(pid);
  }
}

/** Polls until `pid` no longer runs or `ms` pass; true when it stopped. */
export async function stopsRunning(pid: number, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (isRunning(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

/** True while a process with this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
