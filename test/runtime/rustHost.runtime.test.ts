// Runtime truth for host-side Rust declarations: the fixture workspace is built with cargo, and its libloading
// host loads each plugin. What the rules predict for the bad plugin is what the host sees; the good plugin works.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { tempDir, testEngine } from '../support/engine';

const WORKSPACE = path.join(__dirname, '..', 'fixtures', 'interfaces', 'rust-host-workspace');
const target = tempDir('rpg-rust-host-');
const host = path.join(target, 'debug', 'host-libloading');

before(() => {
  const result = spawnSync('cargo', ['build', '--quiet', '--offline', '--manifest-path', path.join(WORKSPACE, 'Cargo.toml'), '--target-dir', target], { encoding: 'utf8', timeout: 300_000 });
  assert.equal(result.status, 0, `cargo build of the fixture workspace failed:\n${result.stderr}`);
});

function run(plugin: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(host, [path.join(target, 'debug', `lib${plugin}.so`)], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, RUST_BACKTRACE: '0' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const line = (stdout: string, label: string) => new RegExp(`^${label.replace(/[()]/g, '\\$&')} = (.*)$`, 'm').exec(stdout)?.[1];

test('the matching plugin: the host gets the right results and shuts it down', () => {
  const { status, stdout } = run('plugin_good');
  assert.equal(status, 0, stdout);
  assert.equal(line(stdout, 'plugin_scale(2.0)'), '6');
  assert.equal(line(stdout, 'on_event(300)'), '301');
  assert.equal(line(stdout, 'abi version'), '3');
  assert.match(stdout, /^shut down$/m);
});

test('the bad plugin: each wrong result the rules predicted, then the missing required symbol stops the host', async () => {
  const engine = await testEngine();
  const { findings } = await engine.analyzeFile(path.join(WORKSPACE, 'plugin-bad', 'src', 'lib.rs'));
  const predicted = (pattern: RegExp) => findings.some((f) => pattern.test(f.message));
  assert.ok(predicted(/`plugin_scale` has `f32` where `main\.rs:15` and `main\.rs:19` declare `c_double`/));
  assert.ok(predicted(/`on_event` has `u8` where `main\.rs:11` declares `c_int`/));
  assert.ok(predicted(/the host reads `PLUGIN_ABI_VERSION` as data/));
  assert.ok(predicted(/`plugin_shutdown` is declared here and at `main\.rs:32`/));

  const { status, stdout, stderr } = run('plugin_bad');
  assert.notEqual(line(stdout, 'plugin_scale(2.0)'), '6', 'an f32 parameter reads half of the double the host passes');
  assert.notEqual(line(stdout, 'on_event(300)'), '301', 'a u8 parameter sees 300 truncated');
  assert.notEqual(line(stdout, 'abi version'), '3', 'the host reads machine code where it expects the version');
  assert.notEqual(status, 0);
  assert.match(stderr, /plugin_shutdown: .*undefined symbol: plugin_shutdown/);
  assert.doesNotMatch(stderr, /plugin_trace/, 'the optional symbol is probed, its absence is fine');
});
