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
  test('Box<Large>::from_raw on a Box<Small>, CString::from_raw on a boxed slice: invalid reads; the matching reclaims run clean', async () => {
    const crateDir = copyFixture('frees');
    const lib = path.join(crateDir, 'src', 'lib.rs');
    const found = await findingsOf(crateDir, 'mismatched-free');
    assert.deepEqual(found.map((f) => f.severity), ['error', 'error']);
    const [box, cstring] = found;
    assert.match(box.message, /`Box::<Large>::from_raw`.*`Box<Small>`/);
    assert.match(cstring.message, /`CString::from_raw`.*boxed slice/);

    const library = build(crateDir, 'dangling_frees');
    for (const mode of ['free', 'bytes']) {
      const run = underValgrind(library, mode);
      assert.equal(run.status, VALGRIND_ERROR, `valgrind should flag the mismatched free (${mode}):\n${run.stderr}`);
      assert.match(run.stderr, /Invalid read/);
    }

    // The help says how to match them: reclaim the type that was handed out, the way it was handed out.
    assert.match(box.help ?? '', /`Box::<Small>::from_raw`/);
    assert.match(cstring.help ?? '', /slice_from_raw_parts_mut/);
    const matchedText = readFileSync(lib, 'utf8')
      .replace('p as *mut Large', 'p as *mut Small')
      .replace('let _ = len;\n    drop(unsafe { CString::from_raw(p) });', 'drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(p, len)) });');
    await rewrite(lib, matchedText);
    assert.deepEqual(await findingsOf(crateDir, 'mismatched-free'), [], 'the matched crate is silent');
    const matched = build(crateDir, 'dangling_frees');
    const small = underValgrind(matched, 'free');
    assert.equal(small.status, 0, small.stderr);
    assert.equal(small.stdout.trim(), '42');
    const bytes = underValgrind(matched, 'bytes');
    assert.equal(bytes.status, 0, bytes.stderr);
    assert.equal(bytes.stdout.trim(), 'a');
  });
});
