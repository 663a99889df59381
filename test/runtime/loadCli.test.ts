// `rust-plugin-guard load` as a user runs it: dist/cli.js (run `npm run build` first) on fixture crates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { tempDir } from '../support/engine';
import { buildFixture, FIXTURES, fixtureTargetDir } from './fixturePlugins';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function run(args: string[], targetDir = fixtureTargetDir()) {
  const result = spawnSync(process.execPath, [CLI, 'load', ...args], { encoding: 'utf8', env: { ...process.env, CARGO_TARGET_DIR: targetDir } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cli load', () => {
  test('a crate folder: finds its debug library with cargo metadata, text report, exit 0', () => {
    buildFixture('healthy');
    const { code, stdout, stderr } = run([path.join(FIXTURES, 'healthy')]);
    assert.equal(code, 0, stderr);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'load report: ok');
    assert.equal(lines[1], `library: ${path.join(fixtureTargetDir(), 'debug', 'libhealthy.so')}`);
    assert.ok(lines.includes('probe ok: config_free'));
    assert.ok(lines.some((l) => /^probe ok: plugin_abi_version = 3 \(\d+\.\d+ ms\)$/.test(l)));
    assert.match(lines[lines.length - 1], /^summary: 7 probes ok, 0 failed, 0 leaks, 0 missing; \d+(\.\d+)? ms$/);
  });

  test('--format json on a leaking plugin: the documented report, exit 1', () => {
    buildFixture('leaks');
    const { code, stdout } = run([path.join(FIXTURES, 'leaks', 'Cargo.toml'), '--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.version, 1);
    assert.equal(report.status, 'failed');
    assert.deepEqual(report.crate.name, 'leaks');
    assert.deepEqual(report.leaks.map((l: { constructor: string; verdict: string }) => [l.constructor, l.verdict]), [['session_new', 'leak'], ['buffer_new', 'leak']]);
  });

  test('--release --timeout-ms: a crash and a timeout exit 1', () => {
    buildFixture('null_deref', 'release');
    const crashed = run([path.join(FIXTURES, 'null_deref'), '--release']);
    assert.equal(crashed.code, 1);
    assert.match(crashed.stdout, /^crash: SIGSEGV during call config_new$/m);
    buildFixture('infinite_loop');
    const looped = run([path.join(FIXTURES, 'infinite_loop'), '--timeout-ms', '1000']);
    assert.equal(looped.code, 1);
    assert.match(looped.stdout, /^crash: timed out after 1 s in call plugin_init_status; the process was killed$/m);
  });

  test('--build builds a crate that was never built; without it the missing library is an input error', () => {
    const crate = path.join(tempDir(), 'fresh crate');
    cpSync(path.join(FIXTURES, 'frees'), crate, { recursive: true });
    const target = path.join(tempDir(), 'target');
    const unbuilt = run([crate], target);
    assert.equal(unbuilt.code, 2);
    assert.match(unbuilt.stderr, /libfrees\.so: no such file \(build the crate first, or pass --build\)\n$/);
    const built = run([crate, '--build'], target);
    assert.equal(built.code, 0, built.stderr);
    assert.match(built.stderr, /Compiling frees/);
    assert.match(built.stdout, /^probe ok: parser_version = "1\.2\.0" \(freed with parser_string_free\)/m);
  });

  test('a bare library is only loaded; usage errors exit 2', () => {
    const library = buildFixture('healthy');
    const bare = run([library]);
    assert.equal(bare.code, 0, bare.stderr);
    assert.match(bare.stdout, /^note: no crate given: nothing is known about its signatures, so the library is only loaded/m);
    assert.match(bare.stdout, /^exports: 9 symbols: config_free, config_new, plugin_abi_version, plugin_add, /m);
    assert.doesNotMatch(bare.stdout, /^probe/m);
    assert.equal(run([]).code, 2);
    const badTimeout = run([library, '--timeout-ms', 'soon']);
    assert.equal(badTimeout.code, 2);
    assert.match(badTimeout.stderr, /--timeout-ms takes a positive whole number of milliseconds \(got `soon`\)/);
    assert.equal(run([path.join(tempDir(), 'none.so')]).code, 2);
  });

  test('preflight refuses a text file and a truncated library before any process loads them', () => {
    const dir = tempDir();
    const text = path.join(dir, 'libnotes.so');
    writeFileSync(text, 'These are notes, not a library.\n'.repeat(20));
    const refusedText = run([text]);
    assert.equal(refusedText.code, 1);
    assert.match(refusedText.stdout, /^load report: refused\nlibrary: .*\nrefused: not loaded: .*libnotes\.so: is not a shared library: it looks like a text file/);
    const truncated = path.join(dir, 'libtruncated.so');
    writeFileSync(truncated, readFileSync(buildFixture('healthy')).subarray(0, 4096));
    const refusedTruncated = run([truncated, '--format', 'json']);
    assert.equal(refusedTruncated.code, 1);
    const report = JSON.parse(refusedTruncated.stdout);
    assert.equal(report.status, 'refused');
    assert.match(report.refusal, /truncated/);
    assert.equal(report.childPid, undefined, 'no child process was started');
  });

  test('a library for another architecture (e_machine patched to AArch64) is refused without loading', () => {
    const bytes = Buffer.from(readFileSync(buildFixture('healthy')));
    bytes.writeUInt16LE(183, 18);
    const foreign = path.join(tempDir(), 'libforeign.so');
    writeFileSync(foreign, bytes);
    const { code, stdout } = run([foreign, '--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.status, 'refused');
    assert.match(report.refusal, /arm64|AArch64|architecture/i);
    assert.equal(report.childPid, undefined);
  });
});
