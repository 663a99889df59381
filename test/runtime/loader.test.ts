// Real fixture plugins, built with cargo, loaded by koffi in a real child process (dist/loaderChild.js:
// run `npm run build` first). Every case must give the right report, leave the test process running and
// leave no child process behind.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { attachFindings, findingsOnExports, type ExportFinding } from '../../client/src/loader/exportFindings';
import { requestFromPlan } from '../../client/src/loader/planRequest';
import { planProbes } from '../../server/src/boundary/probePlan';
import { runPreflightForPlan } from '../../client/src/loader/preflightStep';
import { runLoad, LoadInputError, type LoadRequest } from '../../client/src/loader/runLoad';
import { formatReportText } from '../../client/src/loader/formatText';
import type { LoadReport, ProbeResult } from '../../client/src/loader/report';
import { tempDir, testEngine } from '../support/engine';
import { buildFixture, FIXTURES, fixturePlan, isAlive } from './fixturePlugins';

async function load(name: string, overrides: Partial<LoadRequest> = {}, profile: 'debug' | 'release' = 'debug', cargoArgs: string[] = []): Promise<LoadReport> {
  const library = buildFixture(name, profile, cargoArgs);
  const plan = await fixturePlan(name);
  const report = await runLoad({ library, ...requestFromPlan(plan), ...overrides });
  assertNoChildLeft(report);
  return report;
}

function assertNoChildLeft(report: LoadReport): void {
  assert.ok(report.childPid !== undefined && report.childPid > 0, 'the report names the child pid');
  assert.equal(isAlive(report.childPid!), false, `child ${report.childPid} is still running`);
}

function probe(report: LoadReport, name: string) {
  const found = report.probes.find((p) => p.name === name);
  assert.ok(found, `no probe ${name} in ${JSON.stringify(report.probes)}`);
  return found;
}

describe('loader on fixture plugins', () => {
  test('healthy plugin: every probe value, the owned string freed by the plugin, no leak', async () => {
    const report = await load('healthy');
    assert.equal(report.status, 'ok', JSON.stringify(report, null, 1));
    assert.equal(report.crash, undefined);
    assert.ok(report.loadMs !== undefined && report.loadMs > 0);
    assert.equal(probe(report, 'plugin_abi_version').value, 3);
    assert.equal(probe(report, 'plugin_scale').value, 1.5);
    assert.equal(probe(report, 'plugin_enabled').value, true);
    assert.equal(probe(report, 'plugin_name').value, 'healthy');
    const description = probe(report, 'plugin_description');
    assert.deepEqual([description.value, description.freedWith], ['a plugin that behaves', 'plugin_string_free']);
    assert.equal(report.leaks.length, 1);
    assert.deepEqual([report.leaks[0].constructor, report.leaks[0].destructor, report.leaks[0].verdict], ['config_new', 'config_free', 'ok']);
    assert.ok(report.leaks[0].bytesPerIteration < 4, `healthy pair measured ${report.leaks[0].bytesPerIteration} B/iteration`);
    // Called with invented arguments, after the pair (test/runtime/loaderArguments.test.ts).
    const add = probe(report, 'plugin_add');
    assert.deepEqual([add.status, add.value, add.arguments], ['ok', 0, ['0', '0']]);
    assert.equal(report.probes[report.probes.length - 1], add);
    assert.ok(!report.notes.some((n) => n.startsWith('plugin_add')), JSON.stringify(report.notes));
  });

  test('a plugin that imports a function of its host is refused when it is not stubbed, and the report says why', async () => {
    // Stubbed (test/runtime/hostStubs.test.ts) it loads; without the plan's host imports dlopen refuses it.
    const report = await load('host_import', { hostImports: undefined });
    assert.equal(report.status, 'refused', JSON.stringify(report, null, 1));
    assert.match(report.refusal ?? '', /undefined symbol: host_log/);
    assert.ok(report.notes.some((n) => n === 'the library needs `host_log` from the program that loads it: only that host can load it'), JSON.stringify(report.notes));
  });

  test('frees correctly: constructor/destructor pair and owned string, no leak', async () => {
    const report = await load('frees');
    assert.equal(report.status, 'ok', JSON.stringify(report, null, 1));
    assert.equal(probe(report, 'parser_version').value, '1.2.0');
    assert.equal(report.leaks[0].verdict, 'ok');
  });

  test('a symbol of the source that the build left out is missing; with newer sources it is stale', async () => {
    // The source is analysed with default features (`reset` on); the library is built without them.
    const report = await load('missing_symbol', {}, 'debug', ['--no-default-features']);
    assert.equal(report.status, 'failed');
    assert.deepEqual(report.missingSymbols.map((m) => m.name), ['plugin_reset']);
    assert.equal(probe(report, 'plugin_abi_version').value, 3);
    const stale = await load('missing_symbol', { sourceMtimeMs: Date.now() + 60_000 }, 'debug', ['--no-default-features']);
    assert.deepEqual(stale.staleSymbols.map((m) => m.name), ['plugin_reset']);
    assert.match(stale.staleSymbols[0].message, /in the source but not in the library.*rebuild/);
    assert.deepEqual(stale.missingSymbols, []);
  });

  test('as the extension runs it (preflight from the probe plan): a symbol the header requires is missing, a wrong ABI version fails', async () => {
    const plan = await fixturePlan('interface_gap');
    const request = requestFromPlan(plan);
    assert.ok(request.plan!.probes.every((p) => !('expected' in p)), 'the child gets the probe list, not the interface');
    const report = await load('interface_gap', { preflight: (file) => runPreflightForPlan(file, plan) });
    assert.equal(report.status, 'failed');
    assert.deepEqual(report.missingSymbols.map((m) => [m.name, m.requiredBy]), [['plugin_reset', 'plugin.h:14']]);
    assert.match(report.missingSymbols[0].message, /^`plugin_reset` is required by `plugin\.h:14` but not exported by the library/);
    assert.deepEqual(probe(report, 'plugin_abi_version').declared, { constant: 'PLUGIN_ABI_VERSION', value: '3', declaredAt: 'plugin.h:8', matches: false });
    assert.equal(probe(report, 'plugin_api_version').declared?.matches, true);
    assert.deepEqual([probe(report, 'plugin_name').value, probe(report, 'plugin_tag').value], ['interface_gap', 'tag']);
  });

  test('C strings that are not text (invalid UTF-8, control characters) are suspicious; tabs and newlines are text', async () => {
    const report = await load('bad_strings');
    assert.equal(report.status, 'failed');
    const notUtf8 = probe(report, 'plugin_not_utf8');
    assert.deepEqual([notUtf8.status, notUtf8.value, notUtf8.error], ['suspicious', 'pl\uFFFD\uFFFDg', 'the returned C string is not valid UTF-8: it may point into freed or unrelated memory']);
    const control = probe(report, 'plugin_control');
    assert.deepEqual([control.status, control.value], ['suspicious', 'ok\u0007\u001b!']);
    assert.match(control.error ?? '', /holds the control character U\+0007/);
    assert.deepEqual([probe(report, 'plugin_text').status, probe(report, 'plugin_text').value], ['ok', 'tab\tand newline\n are text']);
    assert.equal(notUtf8.finding, undefined, 'no static finding on a static buffer');
  });

  test('a suspicious string names the dangling-pointer finding the analysis reports on that export', async () => {
    const engine = await testEngine();
    const crate = await engine.crateOf(path.join(FIXTURES, 'bad_strings', 'src', 'lib.rs'));
    assert.ok(crate);
    const plan = planProbes(crate);
    const onExports = findingsOnExports(engine.analyzeCrate(crate), plan.exports, path.join(FIXTURES, 'bad_strings'));
    assert.deepEqual(onExports.map((f) => [f.symbol, f.rule]), [['plugin_label', 'dangling-pointer']]);
    assert.match(onExports[0].at, /^src\/lib\.rs:\d+:\d+$/);
    const label: ProbeResult = { name: 'plugin_label', declaration: 'const char * plugin_label(void)', status: 'suspicious', value: '\uFFFD', error: 'the returned C string is not valid UTF-8' };
    attachFindings([label], onExports);
    assert.deepEqual(label.finding, { rule: 'dangling-pointer', at: onExports[0].at });
    // Through runLoad: asked for only because a probe is suspicious; put only on the export it is about.
    let asked = 0;
    const report = await load('bad_strings', { findings: (): ExportFinding[] => (asked++, onExports) });
    assert.equal(asked, 1);
    assert.equal(probe(report, 'plugin_not_utf8').finding, undefined);
    for (const p of report.probes) assert.equal(p.finding === undefined, p.name !== 'plugin_label' || p.status !== 'suspicious');
  });

  test('a probe that panics: SIGABRT during its call, with the panic message', async () => {
    const report = await load('probe_panics');
    assert.equal(report.status, 'crashed');
    assert.equal(report.crash?.signal, 'SIGABRT');
    assert.equal(report.crash?.step, 'call plugin_abi_version');
    assert.deepEqual(report.crash?.functions, ['plugin_abi_version']);
    assert.match(report.crash?.panic ?? '', /^panicked at src\/lib\.rs:\d+:\d+: no ABI version registered$/);
    assert.equal(probe(report, 'plugin_name_len').value, 7);
    assert.equal(probe(report, 'plugin_abi_version').status, 'crashed');
  });

  test('after a crash the rest of the plan runs in a fresh process: every other export is probed, each crash named with its process', async () => {
    const report = await load('crash_midway');
    assert.equal(report.status, 'crashed');
    assert.deepEqual(report.probes.map((p) => [p.name, p.status, p.value]), [
      ['plugin_first', 'ok', 1],
      ['plugin_panics', 'crashed', undefined],
      ['plugin_second', 'ok', 2],
      ['plugin_segfaults', 'crashed', undefined],
      ['plugin_third', 'ok', 3],
      ['state_new', 'ok', probe(report, 'state_new').value],
      ['state_free', 'ok', undefined],
    ]);
    assert.deepEqual(report.leaks.map((l) => [l.constructor, l.verdict]), [['state_new', 'ok']]);
    assert.equal(report.childPids?.length, 3);
    assert.equal(new Set(report.childPids).size, 3, 'three different processes');
    for (const pid of report.childPids ?? []) assert.equal(isAlive(pid), false);
    assert.deepEqual(report.crashes?.map((c) => [c.child, c.signal, c.step]), [[1, 'SIGABRT', 'call plugin_panics'], [2, 'SIGSEGV', 'call plugin_segfaults']]);
    assert.match(report.crashes?.[0].panic ?? '', /^panicked at src\/lib\.rs:\d+:\d+: no configuration loaded$/);
    assert.equal(report.crashes?.[1].panic, undefined, "the second process's stderr holds no panic");
    assert.deepEqual(report.crash, report.crashes?.[0]);
    const text = formatReportText(report).split('\n');
    assert.ok(text.includes('crash: SIGABRT (panic) during call plugin_panics (process 1 of 3)'), text.join('\n'));
    assert.ok(text.includes('crash: SIGSEGV during call plugin_segfaults (process 2 of 3)'));
    assert.match(text[text.length - 1], /^summary: 5 probes ok, 2 failed, 0 leaks, 0 missing, crashed 2 times; /);
  });

  test('null dereference in a release build: SIGSEGV during config_new', async () => {
    const report = await load('null_deref', {}, 'release');
    assert.equal(report.status, 'crashed');
    assert.equal(report.crash?.signal, 'SIGSEGV');
    assert.equal(report.crash?.message, 'SIGSEGV during call config_new');
    assert.deepEqual(report.crash?.functions, ['config_new']);
    assert.equal(probe(report, 'config_new').status, 'crashed');
    assert.equal(probe(report, 'config_free').status, 'not-run');
  });

  test('an infinite loop is killed at the timeout and named', async () => {
    const started = Date.now();
    const report = await load('infinite_loop', { timeoutMs: 1500 });
    assert.ok(Date.now() - started < 6000, 'the timeout held');
    assert.equal(report.crash?.kind, 'timeout');
    assert.equal(report.crash?.message, 'timed out after 1.5 s in call plugin_init_status; the process was killed');
  });

  test('leaks: a destructor that does not free, and a constructor with no destructor', async () => {
    const report = await load('leaks');
    assert.equal(report.status, 'failed');
    const session = report.leaks.find((l) => l.constructor === 'session_new');
    const buffer = report.leaks.find((l) => l.constructor === 'buffer_new');
    assert.equal(session?.destructor, 'session_free');
    assert.equal(session?.verdict, 'leak');
    if (session?.measure === 'mallinfo2') assert.ok(Math.abs(session.bytesPerIteration - 32) < 4, `16-byte Box = 32-byte chunk, got ${session.bytesPerIteration}`);
    assert.equal(buffer?.destructor, undefined);
    assert.equal(buffer?.verdict, 'leak');
    assert.ok((buffer?.bytesPerIteration ?? 0) >= 4096, `4 KiB Vec per call, got ${buffer?.bytesPerIteration}`);
    assert.ok((buffer?.iterations ?? Infinity) <= 200, 'a constructor without destructor runs a bounded number of times');
  });

  test('a truncated library dies inside dlopen: the report says during load', async () => {
    const full = readFileSync(buildFixture('healthy'));
    const truncated = path.join(tempDir(), 'libtruncated.so');
    writeFileSync(truncated, full.subarray(0, 4096));
    const report = await runLoad({ library: truncated });
    assertNoChildLeft(report);
    assert.equal(report.status, 'crashed');
    assert.equal(report.crash?.step, 'load');
    assert.equal(report.crash?.signal, 'SIGBUS');
  });

  test('a text file is refused by koffi.load with its reason', async () => {
    const text = path.join(tempDir(), 'libnotes.so');
    writeFileSync(text, 'These are notes, not a library.\n'.repeat(20));
    const report = await runLoad({ library: text });
    assertNoChildLeft(report);
    assert.equal(report.status, 'refused');
    assert.match(report.refusal ?? '', /invalid ELF header/);
  });

  test('a library in a path with spaces loads', async () => {
    const dir = path.join(tempDir(), 'my plugins', 'build output');
    mkdirSync(dir, { recursive: true });
    const library = path.join(dir, 'libhealthy copy.so');
    copyFileSync(buildFixture('healthy'), library);
    const report = await runLoad({ library, ...requestFromPlan(await fixturePlan('healthy')) });
    assertNoChildLeft(report);
    assert.equal(report.status, 'ok');
    assert.equal(report.library, library);
  });

  test('a missing file or a folder is an input error, not a report', async () => {
    await assert.rejects(runLoad({ library: path.join(tempDir(), 'nothing.so') }), (error: unknown) => error instanceof LoadInputError && /no such file/.test(error.message));
    await assert.rejects(runLoad({ library: tempDir() }), (error: unknown) => error instanceof LoadInputError && /not a file/.test(error.message));
  });
});
