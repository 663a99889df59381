// The loader leaves nothing behind (issue 19): processes a plugin starts are counted and killed, an
// interrupted CLI kills its loader child and removes its copy of the library, a killed CLI's child dies with
// it (parent-death signal) and the next run removes the stale copy. Real cargo-built plugins, checked by pid.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { formatReportText } from '../../client/src/loader/formatText';
import { requestFromPlan } from '../../client/src/loader/planRequest';
import { runLoad } from '../../client/src/loader/runLoad';
import { removeStaleCopies } from '../../client/src/loader/tempCopies';
import { tempDir } from '../support/engine';
import { buildFixture, FIXTURES, fixturePlan, fixtureTargetDir, isRunning, stopsRunning } from './fixturePlugins';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

/** The loader child of `parent`: the process it started running dist/loaderChild.js. */
function loaderChildOf(parent: number): number | undefined {
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('loaderChild.js')) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** CPU time the process has used, in clock ticks (utime + stime). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A failed test must not leave a spinning child behind. */
function killIfRunning(pid: number): void {
  if (isRunning(pid)) process.kill(pid, 'SIGKILL');
}

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Starts `load` on the spinning fixture with its own temp folder; resolves once the child is in the call. */
async function cliInInfiniteLoop(tmp: string) {
  buildFixture('infinite_loop');
  const cli = spawn(process.execPath, [CLI, 'load', path.join(FIXTURES, 'infinite_loop'), '--timeout-ms', '120000'], {
    env: { ...process.env, CARGO_TARGET_DIR: fixtureTargetDir(), TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => cli.on('exit', (code, signal) => resolve({ code, signal })));
  const child = await until('the loader child', () => loaderChildOf(cli.pid!));
  // Loaded (the copy is mapped), then spinning in plugin_init_status: half a second of CPU after the load is
  // the native loop (what is left of the JS before the call takes far less), where no JS handler can run.
  await until('the library mapped in the child', () => readFileSync(`/proc/${child}/maps`, 'utf8').includes('libinfinite_loop.so'));
  const loadedAt = cpuTicks(child);
  await until('the child spinning in the call', () => cpuTicks(child) >= loadedAt + 50);
  const copies = readdirSync(tmp).filter((n) => n.startsWith(`rpg-load-${cli.pid}-`));
  assert.equal(copies.length, 1, `one copy folder of the CLI in ${tmp}: ${readdirSync(tmp).join(', ')}`);
  return { cli, child, exited, copy: path.join(tmp, copies[0]) };
}

describe('the loader leaves nothing behind', () => {
  test('processes a plugin starts (Command holding the pipes, fork) are reported and killed, by pid', async () => {
    const library = buildFixture('spawns');
    const pidFile = path.join(tempDir(), 'pids');
    process.env.RPG_SPAWN_PID_FILE = pidFile;
    let report;
    try {
      report = await runLoad({ library, ...requestFromPlan(await fixturePlan('spawns')) });
    } finally {
      delete process.env.RPG_SPAWN_PID_FILE;
    }
    const started = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number).sort((a, b) => a - b);
    assert.equal(started.length, 2, 'the plugin started a `sleep 300` and a forked copy of the child');
    // Returned long before `sleep 300` would have closed the inherited stderr pipe.
    assert.equal(report.status, 'failed', formatReportText(report));
    assert.deepEqual(report.leftRunning, started);
    assert.deepEqual(report.probes.map((p) => [p.name, p.status]), [['plugin_start_worker', 'ok'], ['plugin_fork_watcher', 'ok']]);
    for (const pid of started) assert.ok(await stopsRunning(pid), `process ${pid} the plugin started still runs`);
    assert.ok(!isRunning(report.childPid!));
    const text = formatReportText(report);
    assert.match(text, new RegExp(`^processes: left 2 processes running \\(pids ${started.join(', ')}\\), killed: `, 'm'));
    assert.match(text, /^summary: 2 probes ok, 0 failed, 0 leaks, 0 missing, 2 left running; /m);
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    test(`${signal} to the CLI during a probe kills the spinning child and removes the copy of the library`, async () => {
      const tmp = tempDir();
      const { cli, child, exited, copy } = await cliInInfiniteLoop(tmp);
      try {
        cli.kill(signal);
        const { signal: died } = await exited;
        assert.equal(died, signal, 'the CLI still dies of the signal');
        assert.ok(await stopsRunning(child), `loader child ${child} survived the CLI's ${signal}`);
        assert.equal(existsSync(copy), false, `${copy} was left in the temp folder`);
      } finally {
        killIfRunning(child);
      }
    });
  }

  test('SIGKILL to the CLI: the child dies with it (parent-death signal); the next run removes the stale copy', async () => {
    const tmp = tempDir();
    const { cli, child, exited, copy } = await cliInInfiniteLoop(tmp);
    cli.kill('SIGKILL');
    await exited;
    const died = await stopsRunning(child);
    killIfRunning(child);
    assert.ok(died, `loader child ${child} outlived the killed CLI`);
    assert.ok(existsSync(copy), 'a killed process cannot clean up: the copy is still there');
    // A folder of a live process (this test) is not stale, nor a folder that is not a loader copy.
    const live = path.join(tmp, `rpg-load-${process.ppid}-abcdef`);
    const other = path.join(tmp, 'rpg-load-notes');
    mkdirSync(live);
    mkdirSync(other);
    assert.deepEqual(removeStaleCopies(tmp), [copy]);
    assert.deepEqual([existsSync(copy), existsSync(live), existsSync(other)], [false, true, true]);
    rmSync(live, { recursive: true });
  });

  test('the CLI removes stale copies when it starts a load', async () => {
    const tmp = tempDir();
    const stale = path.join(tmp, 'rpg-load-999999999-zyxwvu');
    mkdirSync(stale);
    buildFixture('healthy');
    const cli = spawn(process.execPath, [CLI, 'load', path.join(FIXTURES, 'healthy')], { env: { ...process.env, CARGO_TARGET_DIR: fixtureTargetDir(), TMPDIR: tmp }, stdio: 'ignore' });
    const code = await new Promise((resolve) => cli.on('exit', resolve));
    assert.equal(code, 0);
    assert.equal(existsSync(stale), false, 'the copy of a process that is gone was removed');
    assert.deepEqual(readdirSync(tmp), [], 'and the run removed its own copy');
  });
});
