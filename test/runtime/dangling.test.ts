// Runtime truth for dangling-pointer and mismatched-free: the fixture plugins are built with cargo, called by a
// C host under valgrind, and rebuilt after the engine's fix (or the matching reclaim) is applied to a copy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { tempDir, testEngine } from '../support/engine';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plugins', 'dangling');
const work = tempDir('rpg-dangling-');
/** valgrind's exit status when it saw a memory error (the host itself exits 0 or 2). */
const VALGRIND_ERROR = 99;
let host = '';

before(() => {
  host = path.join(work, 'host');
  const result = spawnSync('cc', ['-o', host, path.join(FIXTURES, 'host.c'), '-ldl'], { encoding: 'utf8' });
  assert.equal(result.status, 0, `cc failed: ${result.stderr}`);
});

function copyFixture(name: string): string {
  const dir = path.join(tempDir('rpg-dangling-crate-'), name);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function build(crateDir: string, crateName: string): string {
  const targetDir = path.join(work, 'target', crateName);
  const result = spawnSync('cargo', ['build', '--lib', '--quiet', '--offline', '--manifest-path', path.join(crateDir, 'Cargo.toml'), '--target-dir', targetDir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cargo build of ${crateDir} failed:\n${result.stderr}`);
  return path.join(targetDir, 'debug', `lib${crateName}.so`);
}

function underValgrind(library: string, mode: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('valgrind', ['--quiet', `--error-exitcode=${VALGRIND_ERROR}`, '--leak-check=full', '--errors-for-leak-kinds=definite', host, library, mode], { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`cannot run valgrind (${result.error.message})`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function findingsOf(crateDir: string, rule: string): Promise<Finding[]> {
  const { findings } = await (await testEngine()).analyzeFile(path.join(crateDir, 'src', 'lib.rs'));
  return findings.filter((f) => f.rule === rule);
}

async function rewrite(file: string, text: string): Promise<void> {
  writeFileSync(file, text);
  (await testEngine()).files.invalidate(file);
}

describe('runtime truth: dangling-pointer', () => {
  test('the host reads freed memory; with the into_raw fix and the generated free it runs clean', async () => {
    const crateDir = copyFixture('names');
    const lib = path.join(crateDir, 'src', 'lib.rs');
    const [finding, ...rest] = await findingsOf(crateDir, 'dangling-pointer');
    assert.equal(rest.length, 0);
    assert.ok(finding, 'the rule reports the fixture');

    const dangling = underValgrind(build(crateDir, 'dangling_names'), 'name');
    assert.equal(dangling.status, VALGRIND_ERROR, `valgrind should see the use after free:\n${dangling.stderr}`);
    assert.match(dangling.stderr, /Invalid read/);
    assert.match(dangling.stderr, /free/, 'valgrind names the block as freed');

    const [fix] = finding.fixes;
    assert.equal(fix.title, 'Hand ownership out with `into_raw` and generate `plugin_name_free`');
    await rewrite(lib, applyEdits(readFileSync(lib, 'utf8'), fix.edits));
    assert.deepEqual(await findingsOf(crateDir, 'dangling-pointer'), [], 'the fixed crate is silent');
    const fixed = underValgrind(build(crateDir, 'dangling_names'), 'name');
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.equal(fixed.stdout.trim(), '32 plugin-number-7-with-a-long-name');
  });
});

describe('runtime truth: mismatched-free', () => {
  test('Box<Large>::from_raw on a Box<Small> is an invalid access; the matching reclaim runs clean', async () => {
    const crateDir = copyFixture('frees');
    const lib = path.join(crateDir, 'src', 'lib.rs');
    const [finding, ...rest] = await findingsOf(crateDir, 'mismatched-free');
    assert.equal(rest.length, 0);
    assert.ok(finding, 'the rule reports the fixture');
    assert.match(finding.message, /`Box::<Large>::from_raw`.*`Box<Small>`/);

    const mismatched = underValgrind(build(crateDir, 'dangling_frees'), 'free');
    assert.equal(mismatched.status, VALGRIND_ERROR, `valgrind should flag the mismatched free:\n${mismatched.stderr}`);
    assert.match(mismatched.stderr, /Invalid read/);

    // The help says how to match it: reclaim the type that was handed out.
    assert.match(finding.help ?? '', /`Box::<Small>::from_raw`/);
    await rewrite(lib, readFileSync(lib, 'utf8').replace('p as *mut Large', 'p as *mut Small'));
    assert.deepEqual(await findingsOf(crateDir, 'mismatched-free'), [], 'the matched crate is silent');
    const matched = underValgrind(build(crateDir, 'dangling_frees'), 'free');
    assert.equal(matched.status, 0, matched.stderr);
    assert.equal(matched.stdout.trim(), '42');
  });
});
