// How calls with invented arguments and structs returned by value read in the report (text, HTML), and the
// declared-value check of a struct's version field, on hand-made results.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDeclared } from '../../client/src/loader/declaredValues';
import { callText, formatReportText, formatValue } from '../../client/src/loader/formatText';
import type { LoadReport, ProbeResult } from '../../client/src/loader/report';
import { reportHtml } from '../../client/src/loadCommand/reportHtml';

const info = (abi: number | bigint): ProbeResult => ({ name: 'plugin_info', declaration: 'Info plugin_info(void)', status: 'ok', value: { abi_version: abi, inner: { on: true, data: 'non-null' }, next: null } });
const EXPECTED = { plugin_info: { constant: 'PLUGIN_ABI_VERSION', value: '3', declaredAt: 'plugin.h:2', field: 'abi_version' } };

function report(probes: ProbeResult[]): LoadReport {
  return { version: 1, status: 'ok', library: '/t/libp.so', missingSymbols: [], staleSymbols: [], probes, leaks: [], notes: [], stderr: '', totalMs: 1 };
}

describe('report: calls and structs', () => {
  test('a struct reads `{ field: value }`, pointers NULL or non-null, a string field quoted; a call with its arguments', () => {
    assert.equal(formatValue(info(3).value), '{ abi_version: 3, inner: { on: true, data: non-null }, next: NULL }');
    assert.equal(formatValue('non-null'), '"non-null"', 'outside a struct a string is a C string');
    assert.equal(callText({ name: 'len', arguments: ['"rpg-probe"', 'NULL'] }), 'len("rpg-probe", NULL)');
    assert.equal(callText({ name: 'version' }), 'version');
    assert.equal(callText({ name: 'reset_all', arguments: [] }), 'reset_all()');
  });

  test('a struct\'s version field is compared with the declared constant: ok, mismatch, and no check without the field', () => {
    const probes = [info(3), { ...info(2), name: 'other' }];
    checkDeclared(probes, { ...EXPECTED, other: EXPECTED.plugin_info });
    assert.deepEqual(probes.map((p) => p.declared?.matches), [true, false]);
    assert.equal(probes[0].declared?.field, 'abi_version');
    const big = [info(3n)];
    checkDeclared(big, EXPECTED);
    assert.equal(big[0].declared?.matches, true, 'a bigint field compares by value');
    const flat: ProbeResult[] = [{ name: 'plugin_info', declaration: 'uint32_t plugin_info(void)', status: 'ok', value: 3 }];
    checkDeclared(flat, EXPECTED);
    assert.equal(flat[0].declared, undefined, 'a field is expected but no struct came');
    const lines = formatReportText(report(probes)).split('\n');
    assert.ok(lines.includes('declared ok: plugin_info().abi_version = 3, as PLUGIN_ABI_VERSION at plugin.h:2'), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('declared mismatch: other().abi_version = 2, but PLUGIN_ABI_VERSION is 3 at plugin.h:2: ')));
  });

  test('text and HTML name each call with its arguments, crashed and not-run ones too; values are escaped', () => {
    const probes: ProbeResult[] = [
      { name: 'name_len', declaration: 'size_t name_len(const char *)', status: 'ok', value: 9, arguments: ['"rpg-probe"'], ms: 0.01 },
      { name: 'divide', declaration: 'int32_t divide(int32_t, int32_t)', status: 'crashed', arguments: ['0', '0'] },
      { name: 'set_level', declaration: 'void set_level(int)', status: 'not-run', arguments: ['0'] },
      { name: 'info', declaration: 'Info info(void)', status: 'ok', value: { '<b>': '<i>' } },
    ];
    const lines = formatReportText(report(probes)).split('\n');
    for (const line of ['probe ok: name_len("rpg-probe") = 9 (0.01 ms)', 'probe crashed: divide(0, 0)', 'probe not-run: set_level(0)', 'probe ok: info = { <b>: "<i>" }']) assert.ok(lines.includes(line), `${line} in\n${lines.join('\n')}`);
    const page = reportHtml(report(probes), { nonce: 'n', cspSource: 'c' });
    assert.ok(page.includes('<code>divide(0, 0)</code>'));
    assert.ok(page.includes('<code>name_len(&quot;rpg-probe&quot;)</code>'));
    assert.ok(page.includes('{ &lt;b&gt;: &quot;&lt;i&gt;&quot; }') && !page.includes('<b>'));
  });
});
