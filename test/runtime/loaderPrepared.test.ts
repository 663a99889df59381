// The loader child started before its plan (PreparedLoad, what `load` does so that Node and koffi start while
// the crate is analysed), and `load <crate>` without cargo when CARGO_TARGET_DIR says where the library is.
// Real cargo-built fixtures, the real child (dist/loaderChild.js: run `npm run build` first) and the real CLI.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { findCrateLibrary, packageLibrary, targetDirFromEnv } from '../../client/src/loader/cargoLibrary';
import { formatReportText } from '../../client/src/loader/formatText';
import { libraryFileBytes } from '../../client/src/loader/formats';
import { runPreflight } from '../../client/src/loader/preflightStep';
import { parsePhaseLines } from '../../client/src/loader/phaseTimes';
import { requestFromPlan } from '../../client/src/loader/planRequest';
import { PreparedLoad } from '../../client/src/loader/preparedLoad';
import { defaultChildScript, runLoad } from '../../client/src/loader/runLoad';
import { unconfiguredTargetDir } from '../../client/src/loader/targetDir';
import { parseManifest } from '../../server/src/crate/manifest';
import { tempDir, testEngine } from '../support/engine';
import { buildFixture, FIXTURES, fixturePlan, fixtureTargetDir, isAlive, stopsRunning } from './fixturePlugins';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
function withoutTargetDir(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.CARGO_TARGET_DIR;
  return copy;
}
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('loader child started before its plan', () => {
  test('a crash in probe 2 still gets probe 3 run, in a fresh process; the first process is the one started early', async () => {
    const library = buildFixture('crash_midway');
    const prepared = PreparedLoad.start(defaultChildScript());
    const early = prepared.childPid;
    assert.ok(early !== undefined && isAlive(early), 'the child runs before the plan exists');
    // The plan comes later than the child's start, as in the CLI.
    const plan = await fixturePlan('crash_midway');
    await delay(200);
    const report = await runLoad({ library, ...requestFromPlan(plan), prepared });
    assert.equal(report.childPids?.[0], early, 'the waiting child ran the plan');
    assert.deepEqual(report.probes.map((p) => [p.name, p.status]), [
      ['plugin_first', 'ok'],
      ['plugin_panics', 'crashed'],
      ['plugin_second', 'ok'],
      ['plugin_segfaults', 'crashed'],
      ['plugin_third', 'ok'],
      ['state_new', 'ok'],
      ['state_free', 'ok'],
    ]);
    assert.equal(new Set(report.childPids).size, 3, 'each crash was followed by a fresh process');
    const text = formatReportText(report).split('\n');
    assert.ok(text.includes('crash: SIGABRT (panic) during call plugin_panics (process 1 of 3)'), text.join('\n'));
    assert.ok(text.includes('crash: SIGSEGV during call plugin_segfaults (process 2 of 3)'), text.join('\n'));
    for (const pid of report.childPids ?? []) assert.equal(isAlive(pid), false);
    assert.equal(existsSync(prepared.copyDir), false, 'the load folder is removed');
  });

  test('a load that stops before its run kills the waiting child and removes its folder', async () => {
    const prepared = PreparedLoad.start(defaultChildScript());
    const pid = prepared.childPid;
    assert.ok(pid !== undefined);
    await delay(300); // started and waiting for a plan that never comes
    assert.ok(isAlive(pid));
    prepared.dispose();
    assert.ok(await stopsRunning(pid), `child ${pid} still runs`);
    assert.equal(existsSync(prepared.copyDir), false);
    prepared.dispose(); // twice is harmless
  });

  test('a waiting child that died before its plan is replaced: nothing of the plugin had run in it', async () => {
    const library = buildFixture('healthy');
    const prepared = PreparedLoad.start(defaultChildScript());
    const pid = prepared.childPid;
    assert.ok(pid !== undefined);
    process.kill(-pid, 'SIGKILL');
    assert.ok(await stopsRunning(pid));
    await delay(100); // its exit is seen
    const report = await runLoad({ library, ...requestFromPlan(await fixturePlan('healthy')), prepared });
    assert.equal(report.status, 'ok', JSON.stringify(report.crash));
    assert.notEqual(report.childPid, pid);
    assert.equal(report.crash, undefined);
  });

  test('the copy the child loads is written from the bytes the preflight checked, not read again', async () => {
    const library = path.join(tempDir(), 'libhealthy.so');
    copyFileSync(buildFixture('healthy'), library);
    const bytes = libraryFileBytes(library);
    await bytes;
    // Replaced on disk after it was read (a rebuild, or worse): what was checked is still what is loaded.
    writeFileSync(library, 'not a library any more\n');
    const plan = await fixturePlan('healthy');
    const report = await runLoad({ library, ...requestFromPlan(plan), libraryBytes: bytes, preflight: (file) => runPreflight(file, undefined, undefined, bytes) });
    assert.equal(report.status, 'ok', report.refusal);
    assert.ok(report.exports?.includes('plugin_abi_version'));
    // Read now, the same path is refused before any process loads it.
    const now = await runLoad({ library, ...requestFromPlan(plan), preflight: (file) => runPreflight(file, undefined) });
    assert.equal(now.status, 'refused');
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    test(`${signal} to a process whose child waits for its plan: the child dies too${signal === 'SIGTERM' ? ', the folder is removed' : '; the folder stays for the next load to remove'}`, async () => {
      const script = path.join(tempDir(), 'waits.ts');
      const loader = path.join(__dirname, '..', '..', 'client', 'src', 'loader');
      writeFileSync(script, [
        `import { PreparedLoad } from ${JSON.stringify(path.join(loader, 'preparedLoad'))};`,
        `import { defaultChildScript } from ${JSON.stringify(path.join(loader, 'runLoad'))};`,
        'const prepared = PreparedLoad.start(defaultChildScript());',
        'process.stdout.write(`${prepared.childPid} ${prepared.copyDir}\\n`);',
        'setInterval(() => undefined, 1000);',
      ].join('\n'));
      const parent = spawn(process.execPath, ['--import', 'tsx', script], { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => parent.on('exit', (_code, died) => resolve(died)));
      const line = await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
      const [pidText, copyDir] = line.trim().split(' ');
      const child = Number(pidText);
      try {
        await delay(500); // started, waiting
        assert.ok(isAlive(child), 'the child waits for its plan');
        parent.kill(signal);
        assert.equal(await exited, signal);
        assert.ok(await stopsRunning(child), `child ${child} outlived its parent's ${signal}`);
        // A killed process cannot clean up: the next load removes its folder (removeStaleCopies).
        assert.equal(existsSync(copyDir), signal === 'SIGKILL');
      } finally {
        if (isAlive(child)) process.kill(child, 'SIGKILL');
      }
    });
  }
});

describe('load <crate> without cargo metadata', () => {
  function cli(args: string[], env: NodeJS.ProcessEnv) {
    const result = spawnSync(process.execPath, [CLI, 'load', ...args], { encoding: 'utf8', env });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  /** PATH with node but without cargo: the load must not need it. */
  function withoutCargo(): string {
    const bin = tempDir('rpg-no-cargo-');
    symlinkSync(process.execPath, path.join(bin, 'node'));
    return bin;
  }

  test('CARGO_TARGET_DIR set: the crate is loaded and probed with no cargo on PATH; crashes still isolated', () => {
    buildFixture('crash_midway');
    const env = { ...process.env, CARGO_TARGET_DIR: fixtureTargetDir(), PATH: withoutCargo() };
    const { code, stdout, stderr } = cli([path.join(FIXTURES, 'crash_midway')], env);
    assert.equal(code, 1, stderr);
    const lines = stdout.split('\n');
    assert.equal(lines[1], `library: ${path.join(fixtureTargetDir(), 'debug', 'libcrash_midway.so')}`);
    assert.ok(lines.includes('probe ok: plugin_third = 3') || lines.some((l) => /^probe ok: plugin_third = 3 /.test(l)), stdout);
    assert.ok(lines.includes('crash: SIGSEGV during call plugin_segfaults (process 2 of 3)'), stdout);
    // Without it, the crate's own target directory (nothing configures another), still without cargo.
    const without = cli([path.join(FIXTURES, 'crash_midway')], withoutTargetDir(env));
    assert.equal(without.code, 2);
    assert.equal(without.stderr, `rust-plugin-guard: ${path.join(FIXTURES, 'crash_midway', 'target', 'debug', 'libcrash_midway.so')}: no such file (build the crate first, or pass --build)\n`);
    // A package cargo must place (no cdylib in the manifest) says that cargo is missing.
    const plain = path.join(tempDir(), 'plain');
    mkdirSync(path.join(plain, 'src'), { recursive: true });
    writeFileSync(path.join(plain, 'Cargo.toml'), '[package]\nname = "plain"\nversion = "0.1.0"\n');
    writeFileSync(path.join(plain, 'src', 'lib.rs'), '');
    const noCargo = cli([plain], withoutTargetDir(env));
    assert.equal(noCargo.code, 2);
    assert.match(noCargo.stderr, /cargo metadata failed|could not run cargo|spawn cargo ENOENT/);
  });

  test('CARGO_TARGET_DIR set, but the manifest alone does not say it: cargo metadata decides, or says what is wrong', () => {
    const ws = tempDir();
    for (const member of ['healthy', 'frees']) cpSync(path.join(FIXTURES, member), path.join(ws, member), { recursive: true });
    mkdirSync(path.join(ws, 'plain', 'src'), { recursive: true });
    writeFileSync(path.join(ws, 'plain', 'Cargo.toml'), '[package]\nname = "plain"\nversion = "0.1.0"\nedition = "2021"\n');
    writeFileSync(path.join(ws, 'plain', 'src', 'lib.rs'), 'pub fn f() {}\n');
    writeFileSync(path.join(ws, 'Cargo.toml'), '[workspace]\nmembers = ["healthy", "frees", "plain"]\nresolver = "2"\n');
    const target = path.join(tempDir(), 'target');
    const env = { ...process.env, CARGO_TARGET_DIR: target };
    const plain = cli([path.join(ws, 'plain')], env);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /`plain` builds no cdylib; add crate-type = \["cdylib"\] to \[lib\]/);
    const both = cli([ws], env);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /a workspace with 2 cdylib crates \(healthy, frees\); pass the folder of one of them/);
    // One cdylib in the workspace: the root folder is that member, found by cargo metadata.
    writeFileSync(path.join(ws, 'Cargo.toml'), '[workspace]\nmembers = ["healthy", "plain"]\nresolver = "2"\n');
    const build = spawnSync('cargo', ['build', '--lib', '--quiet', '--offline', '--manifest-path', path.join(ws, 'healthy', 'Cargo.toml')], { encoding: 'utf8', env });
    assert.equal(build.status, 0, build.stderr);
    const one = cli([ws], env);
    assert.equal(one.code, 0, one.stderr + one.stdout);
    assert.ok(one.stdout.includes(`crate: healthy (debug) ${path.join(ws, 'healthy', 'Cargo.toml')}`), one.stdout);
    assert.match(one.stdout, /^probe ok: plugin_abi_version = 3 /m);
  });

  test('the manifest says what cargo metadata says (package, [lib] name and path, target directory)', async () => {
    const engine = await testEngine();
    const saved = process.env.CARGO_TARGET_DIR;
    try {
      for (const [manifest, target] of [
        [path.join(FIXTURES, 'healthy', 'Cargo.toml'), fixtureTargetDir()],
        [path.join(EXAMPLES, 'plugin', 'Cargo.toml'), 'relative-target'],
      ]) {
        process.env.CARGO_TARGET_DIR = target;
        for (const profile of ['debug', 'release'] as const) {
          const fromCargo = await findCrateLibrary(manifest, profile);
          const parsed = await engine.discovery.readManifest(manifest);
          assert.ok(parsed);
          const fromManifest = packageLibrary(parsed, targetDirFromEnv(manifest)!, profile);
          assert.deepEqual(fromManifest, { name: fromCargo.name, manifest: fromCargo.manifest, rootFile: fromCargo.rootFile, profile, library: fromCargo.library }, manifest);
        }
      }
    } finally {
      if (saved === undefined) delete process.env.CARGO_TARGET_DIR;
      else process.env.CARGO_TARGET_DIR = saved;
    }
  });

  test('the workspace layout says where cargo builds, as cargo metadata does; anything that could move it is left to cargo', async () => {
    const saved = process.env.CARGO_TARGET_DIR;
    delete process.env.CARGO_TARGET_DIR;
    const read = (manifest: string) => parseManifest(manifest, readFileSync(manifest, 'utf8'), existsSync);
    try {
      const base = tempDir();
      const alone = path.join(base, 'alone', 'healthy');
      cpSync(path.join(FIXTURES, 'healthy'), alone, { recursive: true });
      const examples = path.join(base, 'examples');
      for (const entry of ['Cargo.toml', 'host', 'plugin']) cpSync(path.join(EXAMPLES, entry), path.join(examples, entry), { recursive: true });
      const globbed = path.join(base, 'globbed');
      cpSync(path.join(FIXTURES, 'frees'), path.join(globbed, 'crates', 'frees'), { recursive: true });
      writeFileSync(path.join(globbed, 'Cargo.toml'), '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n');
      const ownRoot = path.join(base, 'own', 'healthy');
      cpSync(path.join(FIXTURES, 'healthy'), ownRoot, { recursive: true });
      writeFileSync(path.join(ownRoot, 'Cargo.toml'), `${readFileSync(path.join(ownRoot, 'Cargo.toml'), 'utf8')}\n[workspace]\n`);
      for (const dir of [alone, path.join(examples, 'plugin'), path.join(globbed, 'crates', 'frees'), ownRoot]) {
        const manifest = path.join(dir, 'Cargo.toml');
        const fromCargo = await findCrateLibrary(manifest, 'debug');
        assert.equal(unconfiguredTargetDir(read(manifest), { env: {} }), path.dirname(path.dirname(fromCargo.library)), manifest);
      }
      // Left to cargo: a config file here or above or in CARGO_HOME, CARGO_BUILD_TARGET_DIR, package.workspace,
      // a workspace that excludes something or lists its members by another pattern.
      const plugin = read(path.join(examples, 'plugin', 'Cargo.toml'));
      const home = tempDir();
      writeFileSync(path.join(home, 'config.toml'), '');
      assert.equal(unconfiguredTargetDir(plugin, { env: { CARGO_HOME: home } }), undefined);
      assert.equal(unconfiguredTargetDir(plugin, { env: { CARGO_BUILD_TARGET_DIR: 'x' } }), undefined);
      mkdirSync(path.join(examples, '.cargo'));
      writeFileSync(path.join(examples, '.cargo', 'config'), '');
      assert.equal(unconfiguredTargetDir(plugin, { env: {} }), undefined);
      const layout = (extra = '') => ({ path: path.join(base, 'p', 'a', 'Cargo.toml'), dir: path.join(base, 'p', 'a'), text: `[package]\nname = "a"\n${extra}`, workspace: undefined });
      const rootWith = (toml: string) => (file: string) => (file === path.join(base, 'p', 'Cargo.toml') ? read2(file, toml) : undefined);
      const read2 = (file: string, toml: string) => parseManifest(file, toml, () => false);
      const exists = (file: string) => file === path.join(base, 'p', 'Cargo.toml');
      assert.equal(unconfiguredTargetDir(layout(), { env: {}, exists, read: rootWith('[workspace]\nmembers = ["a"]\n') }), path.join(base, 'p', 'target'));
      assert.equal(unconfiguredTargetDir(layout(), { env: {}, exists, read: rootWith('[workspace]\nmembers = ["a"]\nexclude = ["b"]\n') }), undefined);
      assert.equal(unconfiguredTargetDir(layout(), { env: {}, exists, read: rootWith('[workspace]\nmembers = ["?"]\n') }), undefined);
      assert.equal(unconfiguredTargetDir(layout(), { env: {}, exists, read: rootWith('[workspace]\nmembers = ["b"]\n') }), undefined, 'not a member: cargo says what is wrong');
      assert.equal(unconfiguredTargetDir(layout('workspace = "../.."\n'), { env: {}, exists, read: rootWith('[workspace]\nmembers = ["a"]\n') }), undefined);
    } finally {
      if (saved !== undefined) process.env.CARGO_TARGET_DIR = saved;
    }
  });

  test('no CARGO_TARGET_DIR: a workspace member\'s library in the workspace target, without cargo; a config file hands it to cargo metadata', () => {
    const ws = path.join(tempDir(), 'examples');
    mkdirSync(ws);
    for (const entry of ['Cargo.toml', 'host', 'plugin']) cpSync(path.join(EXAMPLES, entry), path.join(ws, entry), { recursive: true });
    const env = withoutTargetDir(process.env);
    const build = spawnSync('cargo', ['build', '--lib', '--quiet', '--offline', '--manifest-path', path.join(ws, 'plugin', 'Cargo.toml')], { encoding: 'utf8', env });
    assert.equal(build.status, 0, build.stderr);
    const bare = cli([path.join(ws, 'plugin')], { ...env, PATH: withoutCargo(), RUST_PLUGIN_GUARD_LOAD_TIMES: '1' });
    assert.equal(bare.code, 0, bare.stderr + bare.stdout);
    assert.ok(bare.stdout.includes(`library: ${path.join(ws, 'target', 'debug', 'libgreeter_plugin.so')}`), bare.stdout);
    assert.equal(parsePhaseLines(bare.stderr).has('cargo metadata'), false);
    // A config file may move the target directory: cargo metadata says where.
    mkdirSync(path.join(ws, '.cargo'));
    writeFileSync(path.join(ws, '.cargo', 'config.toml'), '[build]\ntarget-dir = "elsewhere"\n');
    const moved = spawnSync('cargo', ['build', '--lib', '--quiet', '--offline', '--manifest-path', path.join(ws, 'plugin', 'Cargo.toml')], { encoding: 'utf8', env, cwd: ws });
    assert.equal(moved.status, 0, moved.stderr);
    const { code, stdout, stderr } = cli([path.join(ws, 'plugin')], { ...env, RUST_PLUGIN_GUARD_LOAD_TIMES: '1' });
    assert.equal(code, 0, stderr + stdout);
    assert.ok(stdout.includes(`library: ${path.join(ws, 'elsewhere', 'debug', 'libgreeter_plugin.so')}`), stdout);
    assert.match(stdout, /^probe ok: greeter_vtable = \{ abi_version: 1, on_event: non-null \}/m);
    // The phases, on stderr only: the child is started before the crate is analysed; cargo metadata ran this time.
    const times = parsePhaseLines(stderr);
    for (const phase of ['cli start', 'child spawned', 'engine', 'crate model', 'probe plan', 'cargo metadata', 'library located', 'child ready', 'plan sent', 'child exit', 'report', 'printed', 'exit']) assert.ok(times.has(phase), `no time for ${phase} in\n${stderr}`);
    assert.ok(times.get('child spawned')! < times.get('crate model')!);
    assert.ok(times.get('child ready')! <= times.get('plan sent')!);
    assert.doesNotMatch(stdout, /^time:/m);
  });
});
