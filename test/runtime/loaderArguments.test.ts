// Calls with invented arguments and structs returned by value, on a real cargo-built fixture plugin
// (test/fixtures/plugins/loader/invented_args) loaded by koffi in the real child (dist/loaderChild.js: run
// `npm run build` first). The planning itself is test/unit/probePlanArguments.test.ts.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { formatReportJson, formatReportText } from '../../client/src/loader/formatText';
import { requestFromPlan } from '../../client/src/loader/planRequest';
import type { LoadReport } from '../../client/src/loader/report';
import { runLoad } from '../../client/src/loader/runLoad';
import { reportHtml } from '../../client/src/loadCommand/reportHtml';
import type { ProbePlan } from '../../server/src/protocol/loader';
import { buildFixture, fixturePlan, isAlive } from './fixturePlugins';

let plan: ProbePlan;
let report: LoadReport;

const probe = (name: string) => {
  const found = report.probes.find((p) => p.name === name);
  assert.ok(found, `no probe ${name} in ${report.probes.map((p) => p.name).join(', ')}`);
  return found;
};

describe('loader: calls with invented arguments and structs by value', () => {
  before(async () => {
    const library = buildFixture('invented_args');
    plan = await fixturePlan('invented_args');
    report = await runLoad({ library, ...requestFromPlan(plan) });
    for (const pid of report.childPids ?? [report.childPid ?? 0]) assert.equal(isAlive(pid), false, `child ${pid} still runs`);
  });

  test('a `#[repr(C)]` struct returned by value is read field by field: scalars, nested structs, pointers as NULL or not', () => {
    const info = probe('plugin_info');
    assert.equal(info.status, 'ok');
    assert.equal(info.declaration, 'PluginInfo plugin_info(void)');
    assert.deepEqual(info.value, {
      abi_version: 2,
      version: { major: 1, minor: 4 },
      scale: 0.5,
      enabled: true,
      name: 'non-null',
      on_event: 'non-null',
      user_data: null,
      capacity: 18446744073709551615n,
    });
    assert.deepEqual(info.declared, { field: 'abi_version', constant: 'PLUGIN_ABI_VERSION', value: '2', declaredAt: 'plugin.h:7', matches: true });
    assert.match(formatReportJson(report), /"capacity": "18446744073709551615"/);
  });

  test('scalars are called with zeros, a C string with "rpg-probe" (length 9), `Option<&T>` and checked raw pointers with NULL', () => {
    const values = (name: string) => [probe(name).status, probe(name).value, probe(name).arguments];
    assert.deepEqual(values('plugin_mix'), ['ok', 42, ['0', '0', '0.0', 'false']]);
    assert.deepEqual(values('plugin_name_len'), ['ok', 9, ['"rpg-probe"']]);
    assert.deepEqual(values('plugin_threads'), ['ok', 7, ['NULL']]);
    assert.deepEqual(values('plugin_checked'), ['ok', -1, ['NULL']]);
    assert.deepEqual(values('plugin_as_ref'), ['ok', 11, ['NULL']]);
    assert.deepEqual(values('plugin_guarded'), ['ok', -2, ['NULL']]);
    assert.deepEqual(values('plugin_callback'), ['ok', -1, ['NULL']]);
    assert.deepEqual(values('plugin_error_text'), ['ok', 'no error', ['0']]);
    assert.deepEqual(values('plugin_status'), ['ok', 3, ['NULL', '0']], 'a `repr(C)` enum is read as its int');
    assert.deepEqual(values('plugin_set_level'), ['ok', undefined, ['0']]);
    // An owned string returned with invented arguments is freed by the plugin's own free function.
    assert.deepEqual([...values('plugin_describe'), probe('plugin_describe').freedWith], ['ok', 'code 0', ['0'], 'plugin_string_free']);
    // Zero-argument probes run before any call that could change what they read (the setter stores 0).
    assert.deepEqual([probe('plugin_level').value, probe('plugin_level').arguments], [3, undefined]);
  });

  test('a raw pointer used without a null check, and names that say a call ends something or waits, are not called', () => {
    assert.equal(report.probes.find((p) => p.name === 'plugin_unchecked'), undefined);
    assert.ok(report.notes.includes('plugin_unchecked not called: takes arguments the loader cannot invent: `config: *const Config` is a raw pointer the body may use without checking it for null first, and the loader has no valid one to pass (check it with `is_null()` / `as_ref()` before use, or take `Option<&T>`)'), JSON.stringify(report.notes));
    assert.equal(report.probes.find((p) => p.name === 'plugin_close'), undefined);
    assert.ok(report.notes.some((n) => n.startsWith('plugin_close not called: takes arguments, and `close` in its name')));
    assert.ok(report.notes.some((n) => n.startsWith('plugin_wait_event not called: takes arguments, and `wait` in its name says it may wait')));
  });

  test('a call that crashes on its invented arguments is that probe\'s crash, named with them; the calls after it run in a fresh process', () => {
    assert.equal(report.status, 'crashed');
    assert.equal(probe('plugin_divide').status, 'crashed');
    assert.deepEqual(probe('plugin_divide').arguments, ['0', '0']);
    assert.deepEqual([report.crash?.signal, report.crash?.step, report.crash?.functions], ['SIGABRT', 'call plugin_divide', ['plugin_divide']]);
    assert.equal(report.crash?.message, 'SIGABRT (panic) during call plugin_divide with invented arguments (0, 0)');
    assert.match(report.crash?.panic ?? '', /attempt to divide by zero$/);
    assert.equal(report.childPids?.length, 2);
    const order = report.probes.map((p) => p.name);
    assert.ok(order.indexOf('plugin_set_level') > order.indexOf('plugin_divide'), 'a call after the crash');
    assert.deepEqual(report.probes.filter((p) => p.status !== 'ok').map((p) => p.name), ['plugin_divide']);
  });

  test('text and HTML reports show what was passed', () => {
    const lines = formatReportText(report).split('\n');
    for (const line of [
      /^probe ok: plugin_info = \{ abi_version: 2, version: \{ major: 1, minor: 4 \}, scale: 0\.5, enabled: true, name: non-null, on_event: non-null, user_data: NULL, capacity: 18446744073709551615 \} \(\d+\.\d+ ms\)$/,
      /^probe ok: plugin_name_len\("rpg-probe"\) = 9 \(\d+\.\d+ ms\)$/,
      /^probe ok: plugin_mix\(0, 0, 0\.0, false\) = 42 /,
      /^probe ok: plugin_set_level\(0\) \(\d+\.\d+ ms\)$/,
      /^probe crashed: plugin_divide\(0, 0\)$/,
      /^declared ok: plugin_info\(\)\.abi_version = 2, as PLUGIN_ABI_VERSION at plugin\.h:7$/,
      /^crash: SIGABRT \(panic\) during call plugin_divide with invented arguments \(0, 0\) \(process 1 of 2\)$/,
    ]) {
      assert.ok(lines.some((l) => line.test(l)), `${line} in\n${lines.join('\n')}`);
    }
    const page = reportHtml(report, { nonce: 'n', cspSource: 'c' });
    assert.ok(page.includes('<code>plugin_name_len(&quot;rpg-probe&quot;)</code>'));
    assert.ok(page.includes('<code>{ abi_version: 2, version: { major: 1, minor: 4 }, scale: 0.5, enabled: true, name: non-null, on_event: non-null, user_data: NULL, capacity: 18446744073709551615 }</code>'));
  });

  test('the child gets the calls (setters last), not the interface: declared values stay in the parent', () => {
    const request = requestFromPlan(plan);
    assert.ok([...request.plan!.probes, ...(request.plan!.calls ?? [])].every((p) => !('expected' in p)));
    assert.deepEqual(request.plan!.calls?.map((c) => c.symbol), ['plugin_mix', 'plugin_name_len', 'plugin_threads', 'plugin_checked', 'plugin_divide', 'plugin_error_text', 'plugin_callback', 'plugin_as_ref', 'plugin_guarded', 'plugin_status', 'plugin_describe', 'plugin_set_level']);
    assert.equal(request.expected?.plugin_info?.field, 'abi_version');
  });
});
