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
  test('a crate folder: finds its debug library (CARGO_TARGET_DIR: from the manifest, no cargo run), text report, exit 0', () => {
    buildFixture('healthy');
    const { code, stdout, stderr } = run([path.join(FIXTURES, 'healthy')]);
    assert.equal(code, 0, stderr);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'load report: ok');
    assert.equal(lines[1], `library: ${path.join(fixtureTargetDir(), 'debug', 'libhealthy.so')}`);
    assert.ok(lines.includes('probe ok: config_free'));
    assert.ok(lines.some((l) => /^probe ok: plugin_abi_version = 3 \(\d+\.\d+ ms\)$/.test(l)));
    assert.ok(lines.some((l) => /^probe ok: plugin_add\(0, 0\) = 0 \(\d+\.\d+ ms\)$/.test(l)), 'called with invented arguments');
    assert.match(lines[lines.length - 1], /^summary: 8 probes ok, 0 failed, 0 leaks, 0 missing; \d+(\.\d+)? ms$/);
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

  test('a declared interface: a required symbol the library lacks and a wrong ABI version fail, exit 1; byte-string returns are read as C strings only when known to end in NUL', () => {
    buildFixture('interface_gap');
    const text = run([path.join(FIXTURES, 'interface_gap')]);
    assert.equal(text.code, 1, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'load report: failed');
    assert.ok(lines.includes("missing: plugin_reset: `plugin_reset` is required by `plugin.h:14` but not exported by the library: the host's lookup fails; export it with `#[no_mangle]`"), text.stdout);
    assert.ok(lines.some((l) => /^probe ok: plugin_abi_version = 2 \(\d+\.\d+ ms\)$/.test(l)), 'the probe line stays as it was');
    assert.ok(lines.includes('declared mismatch: plugin_abi_version = 2, but PLUGIN_ABI_VERSION is 3 at plugin.h:8: a host that checks the version refuses the plugin; return 3 or update the declaration'), text.stdout);
    assert.ok(lines.includes('declared ok: plugin_api_version = 7, as PLUGIN_API_VERSION at plugin.h:9'), text.stdout);
    assert.match(lines[lines.length - 1], /^summary: 4 probes ok, 0 failed, 1 declared mismatch, 0 leaks, 1 missing; /);

    const { code, stdout } = run([path.join(FIXTURES, 'interface_gap'), '--format', 'json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.version, 1);
    assert.deepEqual(report.missingSymbols.map((m: { name: string; requiredBy?: string }) => [m.name, m.requiredBy]), [['plugin_reset', 'plugin.h:14']]);
    const probes = new Map(report.probes.map((p: { name: string }) => [p.name, p]));
    assert.deepEqual(probes.get('plugin_abi_version'), { ...(probes.get('plugin_abi_version') as object), value: 2, declared: { constant: 'PLUGIN_ABI_VERSION', value: '3', declaredAt: 'plugin.h:8', matches: false } });
    // `*const u8` declared `const char *` by the header, and one returning a NUL-terminated literal: borrowed, never freed.
    for (const [name, value] of [['plugin_name', 'interface_gap'], ['plugin_tag', 'tag']]) {
      const probe = probes.get(name) as { declaration: string; value: string; freedWith?: string; status: string };
      assert.deepEqual([probe.status, probe.declaration, probe.value, probe.freedWith], ['ok', `const char * ${name}(void)`, value, undefined]);
    }
    assert.equal(probes.has('plugin_bytes'), false, 'a `*const u8` with no NUL is not read');
    assert.equal(probes.has('plugin_label'), false, '`&CStr` is a fat pointer');
    assert.ok(report.notes.some((n: string) => n.startsWith('plugin_bytes not called: returns `*const u8`, which may not end in NUL')));
    assert.ok(report.notes.some((n: string) => n.startsWith("plugin_label not called: returns `&'static CStr`, a pointer and a length, not a C string")));
  });

  test('a plugin that leaves processes running and one returning garbage strings fail, exit 1', () => {
    buildFixture('spawns');
    const spawned = run([path.join(FIXTURES, 'spawns')]);
    assert.equal(spawned.code, 1, spawned.stderr);
    assert.match(spawned.stdout, /^processes: left 2 processes running \(pids \d+, \d+\), killed: the plugin started processes that outlived the loader; a host would keep them running$/m);
    buildFixture('bad_strings');
    const strings = run([path.join(FIXTURES, 'bad_strings')]);
    assert.equal(strings.code, 1);
    assert.match(strings.stdout, /^probe suspicious: plugin_not_utf8 = "pl\uFFFD\uFFFDg": the returned C string is not valid UTF-8: it may point into freed or unrelated memory$/m);
    assert.match(strings.stdout, /^probe suspicious: plugin_control = "ok\\u0007\\u001b!": the returned C string holds the control character U\+0007: /m);
    // plugin_label reads freed memory: suspicious or not depending on what the allocator left there.
    assert.match(strings.stdout, /^summary: \d probes? ok, 0 failed, [23] suspicious, /m);
  });

  test('load --help prints the usage, exit 0', () => {
    const { code, stdout } = run(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^usage: rust-plugin-guard load <LIBRARY\|CRATE> .*\n.*--crate DIR/);
  });
});

describe('cli load finds the crate of a library in a cargo target directory', () => {
  /** The environment without CARGO_TARGET_DIR: cargo's default `target/` of each workspace. */
  function withoutTargetDir(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    delete env.CARGO_TARGET_DIR;
    return env;
  }
  /** `load` with no CARGO_TARGET_DIR unless given, from `cwd`. */
  function loadFrom(cwd: string, args: string[], env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, [CLI, 'load', ...args], { encoding: 'utf8', cwd, env: { ...withoutTargetDir(), ...env } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  function cargo(args: string[]) {
    const result = spawnSync('cargo', [...args, '--quiet'], { encoding: 'utf8', env: withoutTargetDir() });
    assert.equal(result.status, 0, result.stderr);
  }
  const HOST = /^host: (\S+)$/m.exec(spawnSync('rustc', ['-vV'], { encoding: 'utf8' }).stdout)?.[1] ?? '';

  test('target/debug/ of the crate: probed like the crate folder', () => {
    const crate = path.join(tempDir(), 'frees');
    cpSync(path.join(FIXTURES, 'frees'), crate, { recursive: true });
    cargo(['build', '--lib', '--manifest-path', path.join(crate, 'Cargo.toml')]);
    const { code, stdout, stderr } = loadFrom(tempDir(), [path.join(crate, 'target', 'debug', 'libfrees.so')]);
    assert.equal(code, 0, stderr + stdout);
    assert.ok(stdout.includes(`crate: frees (debug) ${path.join(crate, 'Cargo.toml')}`), stdout);
    assert.match(stdout, /^probe ok: parser_version = "1\.2\.0" \(freed with parser_string_free\)/m);
    assert.doesNotMatch(stdout, /no crate given/);
  });

  test('target/<triple>/debug/ of a workspace: the member whose [lib] has the name', () => {
    assert.ok(HOST, 'rustc -vV names the host triple');
    const ws = tempDir();
    for (const member of ['healthy', 'frees']) cpSync(path.join(FIXTURES, member), path.join(ws, member), { recursive: true });
    writeFileSync(path.join(ws, 'Cargo.toml'), '[workspace]\nmembers = ["healthy", "frees"]\nresolver = "2"\n');
    cargo(['build', '--lib', '--workspace', '--target', HOST, '--manifest-path', path.join(ws, 'Cargo.toml')]);
    const { code, stdout, stderr } = loadFrom(tempDir(), [path.join(ws, 'target', HOST, 'debug', 'libhealthy.so')]);
    assert.equal(code, 0, stderr + stdout);
    assert.ok(stdout.includes(`crate: healthy (debug) ${path.join(ws, 'healthy', 'Cargo.toml')}`), stdout);
    assert.match(stdout, /^probe ok: plugin_abi_version = 3 /m);
  });

  test('CARGO_TARGET_DIR elsewhere: the crate of the current directory that builds into it', () => {
    const library = buildFixture('healthy');
    const found = loadFrom(path.join(FIXTURES, 'healthy'), [library], { CARGO_TARGET_DIR: fixtureTargetDir() });
    assert.equal(found.code, 0, found.stderr + found.stdout);
    assert.match(found.stdout, /^crate: healthy \(debug\) /m);
    assert.match(found.stdout, /^probe ok: plugin_name = "healthy"/m);
    // From another crate's folder (which builds elsewhere) the library stays bare.
    const other = loadFrom(path.join(FIXTURES, 'frees'), [library]);
    assert.match(other.stdout, /^note: no crate given/m);
  });

  test('a library anywhere with --crate DIR: that crate\'s signatures; another file name gets a note', () => {
    const copy = path.join(tempDir(), 'libhealthy.so');
    cpSync(buildFixture('healthy'), copy);
    const given = loadFrom(tempDir(), [copy, '--crate', path.join(FIXTURES, 'healthy')]);
    assert.equal(given.code, 0, given.stderr + given.stdout);
    assert.match(given.stdout, /^probe ok: plugin_name = "healthy"/m);
    const renamed = path.join(tempDir(), 'libplugin.so');
    cpSync(copy, renamed);
    const noted = loadFrom(tempDir(), [renamed, '--crate', path.join(FIXTURES, 'healthy')]);
    assert.match(noted.stdout, /^note: libplugin\.so is not the file name `healthy` builds \(libhealthy\.so\): its signatures are assumed to be that crate's$/m);
    const notACrate = loadFrom(tempDir(), [copy, '--crate', tempDir()]);
    assert.equal(notACrate.code, 2);
    assert.match(notACrate.stderr, /not a crate folder or Cargo\.toml \(for --crate\)/);
  });

  test('a library anywhere with --interfaces plugin.h: the header\'s prototypes are the signatures', () => {
    const copy = path.join(tempDir(), 'libinterface_gap.so');
    cpSync(buildFixture('interface_gap'), copy);
    const { code, stdout } = loadFrom(tempDir(), [copy, '--interfaces', path.join(FIXTURES, 'interface_gap', 'include', 'plugin.h')]);
    assert.equal(code, 1, stdout);
    const lines = stdout.trimEnd().split('\n');
    assert.ok(lines.some((l) => l.startsWith('missing: plugin_reset: `plugin_reset` is required by `plugin.h:14` but not exported by the library')), stdout);
    assert.ok(lines.some((l) => /^probe ok: plugin_name = "interface_gap" \(/.test(l)), 'a `const char *` of the header is read as a borrowed C string');
    assert.ok(lines.includes('declared mismatch: plugin_abi_version = 2, but PLUGIN_ABI_VERSION is 3 at plugin.h:8: a host that checks the version refuses the plugin; return 3 or update the declaration'), stdout);
    assert.ok(lines.includes('declared ok: plugin_api_version = 7, as PLUGIN_API_VERSION at plugin.h:9'));
    assert.doesNotMatch(stdout, /no crate given|^probe \w+: plugin_tag/m, 'only what the header declares is called');
    const unreadable = loadFrom(tempDir(), [copy, '--interfaces', path.join(tempDir(), 'none.h')]);
    assert.equal(unreadable.code, 2);
    assert.match(unreadable.stderr, /none\.h: cannot be read \(for --interfaces\)/);
  });
});
