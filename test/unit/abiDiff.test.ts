// `abi-diff`: the crate's C ABI in the working tree against a git ref of the same repository, through the built
// CLI (run `npm run build` first) on a real git repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/engine';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const MANIFEST = '[package]\nname = "diffed"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';
const V1 = 'pub const PLUGIN_ABI_VERSION: u32 = 1;\n#[repr(C)]\npub struct Point { pub x: i32, pub y: i32 }\n#[no_mangle]\npub extern "C" fn plugin_move(p: *mut Point, dx: i32) {}\n#[no_mangle]\npub extern "C" fn plugin_gone() {}\n';

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

function diff(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'abi-diff', ...args], { cwd, encoding: 'utf8' });
}

test('abi-diff against the latest tag: breaking changes are errors (exit 1) until the version is bumped', () => {
  const root = writeTree({ 'plugin/Cargo.toml': MANIFEST, 'plugin/src/lib.rs': V1 });
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'v1');
  git(root, 'tag', 'v1.0.0');
  const plugin = path.join(root, 'plugin');
  const same = diff(plugin);
  assert.equal(same.status, 0, same.stderr);
  assert.equal(same.stdout, 'no ABI change since v1.0.0\n');
  const broken = V1.replace('pub x: i32, pub y: i32', 'pub x: i64, pub y: i32').replace('#[no_mangle]\npub extern "C" fn plugin_gone() {}\n', '').replace('dx: i32', 'dx: i64');
  writeFileSync(path.join(plugin, 'src', 'lib.rs'), broken);
  const changed = diff(plugin);
  assert.equal(changed.status, 1, changed.stderr);
  const lines = changed.stdout.split('\n').filter((l) => l.startsWith('error[abi-break]'));
  assert.deepEqual(lines, [
    'error[abi-break]: `plugin_gone` is no longer exported (it was `void (void)`) since v1.0.0, and `PLUGIN_ABI_VERSION` is still 1: a host built against it calls the plugin with the old ABI.',
    'error[abi-break]: `Point` field `x` is now `int64_t`, it was `int32_t` since v1.0.0, and `PLUGIN_ABI_VERSION` is still 1: a host built against it calls the plugin with the old ABI.',
    'error[abi-break]: `plugin_move` is now `void (struct Point *, int64_t)`, it was `void (struct Point *, int32_t)` since v1.0.0, and `PLUGIN_ABI_VERSION` is still 1: a host built against it calls the plugin with the old ABI.',
  ]);
  const sarif = JSON.parse(diff(plugin, '--format', 'sarif').stdout) as { runs: { results: { ruleId: string; level: string }[] }[] };
  assert.deepEqual(sarif.runs[0].results.map((r) => [r.ruleId, r.level]), [['abi-break', 'error'], ['abi-break', 'error'], ['abi-break', 'error']]);
  writeFileSync(path.join(plugin, 'src', 'lib.rs'), broken.replace('PLUGIN_ABI_VERSION: u32 = 1', 'PLUGIN_ABI_VERSION: u32 = 2'));
  const bumped = diff(plugin);
  assert.equal(bumped.status, 0, bumped.stdout);
  assert.match(bumped.stdout, /^information\[abi-break\]: `Point` field `x` is now `int64_t`, it was `int32_t` since v1\.0\.0, and `PLUGIN_ABI_VERSION` went from 1 to 2\.$/m);
  git(root, 'commit', '-q', '-am', 'v2');
  assert.equal(diff(plugin, '--against', 'HEAD').stdout, 'no ABI change since HEAD\n');
});

test('abi-diff without a tag, or with a ref that does not exist, says what to give (exit 2)', () => {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': V1 });
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'first');
  const untagged = diff(root);
  assert.equal(untagged.status, 2);
  assert.match(untagged.stderr, /no tag to compare with: give the ref with --against/);
  const missing = diff(root, '--against', 'v9');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^rust-plugin-guard: abi-diff: /);
});
