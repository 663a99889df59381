// Runtime truth for leaked-ownership and panic-across-ffi: the fixture plugins are built with cargo and
// called through koffi in a child process; then the engine's own fix is applied to a copy and rebuilt.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding, TextEdit } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { tempDir, testEngine } from '../support/engine';
import { runMallinfoChild } from '../support/mallinfoChild';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plugins', 'ownership');
const targetDir = tempDir('rpg-ownership-target-');

/** A copy of a fixture crate in a temp folder (fixes are applied there, never to the tracked files). */
function copyFixture(name: string): string {
  const dir = path.join(tempDir('rpg-ownership-'), name);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

function build(crateDir: string, name: string): string {
  const result = spawnSync('cargo', ['build', '--lib', '--quiet', '--manifest-path', path.join(crateDir, 'Cargo.toml'), '--target-dir', path.join(targetDir, path.basename(path.dirname(crateDir)))], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cargo build of ${crateDir} failed:\n${result.stderr}`);
  return path.join(targetDir, path.basename(path.dirname(crateDir)), 'debug', `lib${name}.so`);
}

async function findingsOf(crateDir: string, rule: string): Promise<Finding[]> {
  const { findings } = await (await testEngine()).analyzeFile(path.join(crateDir, 'src', 'lib.rs'));
  return findings.filter((f) => f.rule === rule);
}

/** Writes the fix into the copy and tells the engine's file cache that the file changed. */
async function applyEdits(edits: readonly TextEdit[]): Promise<void> {
  for (const file of new Set(edits.map((e) => e.file))) {
    let text = readFileSync(file, 'utf8');
    const lines = new LineIndex(text);
    const sorted = edits.filter((e) => e.file === file).map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
    for (const edit of sorted) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    writeFileSync(file, text);
    (await testEngine()).files.invalidate(file);
  }
}

/** Runs `body` in a child node process with `lib` (koffi) and `inUse()` (glibc mallinfo2 bytes in use). */
function runChild(library: string, body: string) {
  return runMallinfoChild(library, body, 20_000);
}

const LEAK_LOOP = (withFree: boolean) => `
const configNew = lib.func('config_new', 'void *', ['uint32_t']);
const configId = lib.func('config_id', 'uint32_t', ['void *']);
${withFree ? "const configFree = lib.func('config_free', 'void', ['void *']);" : ''}
const round = (n) => { for (let i = 0; i < n; i++) { const p = configNew(i); if (configId(p) !== i) throw new Error('bad id'); ${withFree ? 'configFree(p);' : ''} } };
round(1000);
// A leak costs the same on every call; Node's own allocations come in bursts. The quietest of three rounds
// keeps the leak and drops the bursts.
const perRound = [0, 1, 2].map(() => { const before = inUse(); round(20000); return (inUse() - before) / 20000; });
console.log(JSON.stringify({ perCall: Math.min(...perRound), perRound }));
`;

describe('runtime truth: leaked-ownership', () => {
  test('the leaky constructor loses memory on every call; with the generated destructor it does not', async () => {
    const crateDir = copyFixture('leaky');
    const [finding, ...rest] = await findingsOf(crateDir, 'leaked-ownership');
    assert.equal(rest.length, 0);
    assert.ok(finding, 'the rule reports the fixture');

    const leaky = runChild(build(crateDir, 'leaky'), LEAK_LOOP(false));
    assert.equal(leaky.status, 0, leaky.stderr);
    // A Config is 40 bytes: a 48-byte malloc chunk per call.
    assert.ok(JSON.parse(leaky.stdout).perCall >= 40, leaky.stdout);

    await applyEdits(finding.fixes[0].edits);
    assert.deepEqual(await findingsOf(crateDir, 'leaked-ownership'), [], 'the fixed crate is silent');
    const fixed = runChild(build(crateDir, 'leaky'), LEAK_LOOP(true));
    assert.equal(fixed.status, 0, fixed.stderr);
    // Node and koffi allocate a little per call (~2 B/call measured); a leaked Config is a 48-byte chunk.
    assert.ok(JSON.parse(fixed.stdout).perCall < 8, fixed.stdout);
  });
});

describe('runtime truth: panic-across-ffi', () => {
  test('the panicking export aborts the caller; with the catch_unwind fix it returns the error value', async () => {
    const crateDir = copyFixture('panicky');
    const [finding] = await findingsOf(crateDir, 'panic-across-ffi');
    assert.ok(finding, 'the rule reports the fixture');
    const call = "const parse = lib.func('parse_digit', 'int32_t', ['uint8_t']); console.log(parse(55)); console.log(parse(120));";

    const aborted = runChild(build(crateDir, 'panicky'), call);
    assert.equal(aborted.signal, 'SIGABRT', `status ${aborted.status}, stderr: ${aborted.stderr}`);
    assert.equal(aborted.stdout.trim(), '7', 'the valid call returned before the panic');

    await applyEdits(finding.fixes[0].edits);
    assert.deepEqual(await findingsOf(crateDir, 'panic-across-ffi'), [], 'the fixed crate is silent');
    const caught = runChild(build(crateDir, 'panicky'), call);
    assert.equal(caught.status, 0, caught.stderr);
    assert.deepEqual(caught.stdout.trim().split('\n'), ['7', '-1']);
  });
});
