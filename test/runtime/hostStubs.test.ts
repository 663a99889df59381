// Host stubs on real cargo-built plugins: a plugin importing functions of its host loads alone, its probes
// run, the report lists the host calls with their arguments, and the stub library is built once and reused.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { requestFromPlan } from '../../client/src/loader/planRequest';
import { runLoad } from '../../client/src/loader/runLoad';
import { formatReportText } from '../../client/src/loader/formatText';
import { STUB_CACHE_ENV } from '../../client/src/loader/hostStubBuild';
import type { LoadReport } from '../../client/src/loader/report';
import { tempDir } from '../support/engine';
import { buildFixture, fixturePlan, isAlive } from './fixturePlugins';

const saved = { cache: process.env[STUB_CACHE_ENV], rustc: process.env.RUSTC };
let counterFile = '';

/** `RUSTC` is a wrapper that counts its invocations, so a test can tell a cache hit from a build. */
function useCountingRustc(dir: string): void {
  counterFile = path.join(dir, 'rustc-calls');
  const wrapper = path.join(dir, 'rustc-counting.sh');
  writeFileSync(wrapper, `#!/bin/sh\necho x >> '${counterFile}'\nexec rustc "$@"\n`);
  chmodSync(wrapper, 0o755);
  process.env.RUSTC = wrapper;
}

function rustcCalls(): number {
  return existsSync(counterFile) ? readFileSync(counterFile, 'utf8').split('\n').filter(Boolean).length : 0;
}

/** Cargo reads RUSTC too: the fixture is built with the real one, the stubs with the test's. */
function build(name: string): string {
  const stubRustc = process.env.RUSTC;
  if (saved.rustc === undefined) delete process.env.RUSTC;
  else process.env.RUSTC = saved.rustc;
  try {
    return buildFixture(name);
  } finally {
    process.env.RUSTC = stubRustc;
  }
}

async function load(name: string): Promise<LoadReport> {
  const library = build(name);
  const report = await runLoad({ library, ...requestFromPlan(await fixturePlan(name)) });
  assert.equal(isAlive(report.childPid!), false, 'no child left');
  return report;
}

describe('host stubs', () => {
  before(() => {
    const dir = tempDir('rpg-stub-cache-');
    process.env[STUB_CACHE_ENV] = path.join(dir, 'stubs');
    useCountingRustc(dir);
  });
  after(() => {
    for (const [key, value] of [[STUB_CACHE_ENV, saved.cache], ['RUSTC', saved.rustc]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test('a plugin importing two host functions loads, its probes run and the report shows the calls', async () => {
    const report = await load('host_calls');
    assert.equal(report.status, 'ok', JSON.stringify(report, null, 1));
    assert.equal(report.refusal, undefined);
    assert.deepEqual(report.probes.map((p) => [p.name, p.status, p.value ?? null]).filter(([n]) => n !== 'session_new'), [
      ['plugin_name_length', 'ok', 10], // libc's strlen, not a stub
      ['plugin_init', 'ok', 0],
      ['plugin_tick', 'ok', 7], // the stub's zero plus 7
      ['session_free', 'ok', null],
    ]);
    assert.deepEqual(report.hostStubs?.functions.map((f) => f.symbol), ['host_log', 'host_counter_add'], 'strlen and printf are libc\'s');
    assert.ok(!report.notes.some((n) => n.includes('printf')), JSON.stringify(report.notes));
    const calls = Object.fromEntries((report.hostStubs?.functions ?? []).map((f) => [f.symbol, f]));
    assert.deepEqual(calls.host_log.arguments, [['2', '"plugin starting"'], ['1', '"tab\\there"']]);
    assert.equal(calls.host_log.calls, 2);
    assert.equal(calls.host_log.declaredAt, 'src/lib.rs:6');
    // plugin_tick once, session_new once alone and then in every leak-check iteration: all counted, 20 kept.
    const iterations = report.leaks[0].iterations;
    assert.ok(calls.host_counter_add.calls > 1000 + 2 * iterations, `host_counter_add counted ${calls.host_counter_add.calls}`);
    assert.equal(calls.host_counter_add.atLeast, undefined);
    assert.equal(calls.host_counter_add.arguments.length, 20);
    assert.deepEqual(calls.host_counter_add.arguments.slice(0, 2), [['5'], ['1']]);
    const text = formatReportText(report);
    assert.match(text, /^host: host_log \(src\/lib\.rs:6\) called 2 times: \(2, "plugin starting"\), \(1, "tab\\there"\)$/m);
    assert.match(text, /^host: host_counter_add \(src\/lib\.rs:7\) called \d+ times: \(5\), \(1\), \(1\)/m);
  });

  test('the stub library is built once per signature set and reused', async () => {
    const before = rustcCalls();
    const first = await load('host_calls');
    const library = first.hostStubs!.library;
    const mtime = statSync(library).mtimeMs;
    const second = await load('host_calls');
    assert.equal(second.hostStubs!.library, library);
    assert.equal(statSync(library).mtimeMs, mtime);
    assert.equal(rustcCalls(), before, 'no rustc run once the stubs are cached');
    // Another signature set (host_import's `host_log(i32)`) is another library, built once.
    const other = await load('host_import');
    assert.equal(other.status, 'ok', JSON.stringify(other, null, 1));
    assert.notEqual(other.hostStubs!.library, library);
    assert.equal(rustcCalls(), before + 1);
    assert.deepEqual(other.hostStubs!.functions.map((f) => [f.symbol, f.calls, f.arguments]), [['host_log', 1, [['1']]]]);
  });

  test('host calls of a process killed by a probe and of the fresh one after it are all reported', async () => {
    const report = await load('host_crash');
    assert.equal(report.status, 'crashed');
    assert.deepEqual(report.probes.map((p) => [p.name, p.status]), [['plugin_first', 'ok'], ['plugin_crash', 'crashed'], ['plugin_after', 'ok']]);
    assert.equal(report.childPids?.length, 2);
    const [log] = report.hostStubs!.functions;
    assert.deepEqual([log.symbol, log.calls, log.atLeast], ['host_log', 3, undefined]);
    assert.deepEqual(log.arguments, [['1', '"before the crash"'], ['2', '"crashing"'], ['3', '"after"']]);
  });

  test('a damaged cached stub library is named in the refusal, with what to do', async () => {
    const good = await load('host_import');
    const library = good.hostStubs!.library;
    writeFileSync(library, 'not a library');
    const report = await load('host_import');
    assert.equal(report.status, 'refused');
    assert.ok(report.refusal?.includes(`the host stubs ${library} (delete it to have it rebuilt)`), report.refusal);
    rmSync(library);
    assert.equal((await load('host_import')).status, 'ok', 'rebuilt once deleted');
  });

  test('without rustc the plugin is refused as before, and the report says why', async () => {
    process.env[STUB_CACHE_ENV] = path.join(tempDir('rpg-stub-cache-'), 'stubs');
    process.env.RUSTC = path.join(tempDir('rpg-no-rustc-'), 'rustc');
    const report = await load('host_calls');
    assert.equal(report.status, 'refused');
    assert.match(report.refusal ?? '', /undefined symbol: host_(log|counter_add)/);
    assert.equal(report.hostStubs, undefined);
    assert.ok(report.notes.some((n) => /^the host functions host_log, host_counter_add were not stubbed: `.*rustc` was not found: install Rust/.test(n)), JSON.stringify(report.notes));
  });
});
