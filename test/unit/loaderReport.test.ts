// Report formatting (the text format documented in docs/loader.md), status rules, panic extraction, load args.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatReportJson, formatReportText } from '../../client/src/loader/formatText';
import { checkDeclared } from '../../client/src/loader/declaredValues';
import { statusOf, type LoadReport, type ProbeResult } from '../../client/src/loader/report';
import { panicOf } from '../../client/src/loader/runLoad';
import { parseArgs, UsageError } from '../../server/src/cli/args';

function report(overrides: Partial<LoadReport>): LoadReport {
  const base: Omit<LoadReport, 'status'> = { version: 1, library: '/t/libp.so', missingSymbols: [], staleSymbols: [], probes: [], leaks: [], notes: [], stderr: '', totalMs: 412.3, ...overrides };
  return { ...base, status: statusOf(base) };
}

describe('load report', () => {
  test('text report of a crash: one fact per line, in the documented order', () => {
    const r = report({
      crate: { name: 'p', manifest: '/t/Cargo.toml', profile: 'release' },
      loadMs: 0.951,
      probes: [
        { name: 'plugin_name', declaration: 'const char * plugin_name(void)', status: 'ok', value: 'p "1"', ms: 0.02 },
        { name: 'config_new', declaration: 'void * config_new(void)', status: 'crashed' },
        { name: 'config_free', declaration: 'void config_free(void *)', status: 'not-run' },
      ],
      leaks: [{ constructor: 'buf_new', measure: 'mallinfo2', verdict: 'leak', iterations: 200, roundBytesPerIteration: [4100, 4096, 4096.5], bytesPerIteration: 4096 }],
      crash: { kind: 'signal', signal: 'SIGSEGV', step: 'call config_new', functions: ['config_new'], message: 'SIGSEGV during call config_new' },
      notes: ['add not called: takes arguments the loader cannot invent'],
    });
    assert.equal(r.status, 'crashed');
    assert.equal(
      formatReportText(r),
      [
        'load report: crashed',
        'library: /t/libp.so',
        'crate: p (release) /t/Cargo.toml',
        'loaded: in 0.95 ms',
        'probe ok: plugin_name = "p \\"1\\"" (0.02 ms)',
        'probe crashed: config_new',
        'probe not-run: config_free',
        'growth leak: buf_new (no destructor): 4096 B/iteration (mallinfo2; rounds 4100, 4096, 4096.5 B/iteration, 200 iterations each, round 1 ignored)',
        'crash: SIGSEGV during call config_new',
        'note: add not called: takes arguments the loader cannot invent',
        'summary: 1 probe ok, 1 failed, 1 leak, 0 missing, crashed; 412 ms',
      ].join('\n'),
    );
  });

  test('status: a leak or a missing symbol fails, a refusal is refused, nothing wrong is ok', () => {
    assert.equal(report({}).status, 'ok');
    assert.equal(report({ missingSymbols: [{ name: 'x', message: 'm' }] }).status, 'failed');
    assert.equal(report({ leaks: [{ constructor: 'a', destructor: 'b', measure: 'rss', verdict: 'leak', iterations: 1, roundBytesPerIteration: [], bytesPerIteration: 99 }] }).status, 'failed');
    assert.equal(report({ refusal: 'not a library' }).status, 'refused');
    const refused = formatReportText(report({ refusal: 'koffi.load failed: invalid ELF header' }));
    assert.match(refused, /^refused: koffi.load failed: invalid ELF header$/m);
  });

  test('declared version constants: compared with what the probe returned (number or bigint); a mismatch fails and gets its own line', () => {
    const probes: ProbeResult[] = [
      { name: 'plugin_abi_version', declaration: 'uint32_t plugin_abi_version(void)', status: 'ok', value: 2, ms: 0.01 },
      { name: 'plugin_api_version', declaration: 'uint64_t plugin_api_version(void)', status: 'ok', value: 9007199254740993n, ms: 0.01 },
      { name: 'plugin_iface_version', declaration: 'uint32_t plugin_iface_version(void)', status: 'crashed' },
    ];
    checkDeclared(probes, {
      plugin_abi_version: { constant: 'PLUGIN_ABI_VERSION', value: '3', declaredAt: 'plugin.h:8' },
      plugin_api_version: { constant: 'PLUGIN_API_VERSION', value: '9007199254740993', declaredAt: 'plugin.h:9' },
      plugin_iface_version: { constant: 'IFACE_VERSION', value: '1', declaredAt: 'plugin.h:10' },
    });
    assert.deepEqual(probes.map((p) => p.declared?.matches), [false, true, undefined], 'a probe that did not return is not compared');
    const r = report({ probes: probes.slice(0, 2) });
    assert.equal(r.status, 'failed');
    const lines = formatReportText(r).split('\n');
    assert.deepEqual(lines.slice(2, 6), [
      'probe ok: plugin_abi_version = 2 (0.01 ms)',
      'probe ok: plugin_api_version = 9007199254740993 (0.01 ms)',
      'declared mismatch: plugin_abi_version = 2, but PLUGIN_ABI_VERSION is 3 at plugin.h:8: a host that checks the version refuses the plugin; return 3 or update the declaration',
      'declared ok: plugin_api_version = 9007199254740993, as PLUGIN_API_VERSION at plugin.h:9',
    ]);
    assert.equal(lines[lines.length - 1], 'summary: 2 probes ok, 0 failed, 1 declared mismatch, 0 leaks, 0 missing; 412 ms');
    assert.equal(report({ probes: probes.slice(1, 2) }).status, 'ok');
  });

  test('JSON writes 64-bit values above 2^53 as decimal strings', () => {
    const json = JSON.parse(formatReportJson(report({ probes: [{ name: 'big', declaration: 'uint64_t big(void)', status: 'ok', value: 2n ** 60n }] })));
    assert.equal(json.probes[0].value, '1152921504606846976');
  });

  test('the panic message is taken from Rust stderr', () => {
    const stderr = "\nthread '<unnamed>' (4242) panicked at src/lib.rs:12:9:\nno ABI version registered\nnote: run with `RUST_BACKTRACE=1`\nthread '<unnamed>' (4242) panicked at library/core/src/panicking.rs:225:5:\npanic in a function that cannot unwind\n";
    assert.equal(panicOf(stderr), 'panicked at src/lib.rs:12:9: no ABI version registered');
    assert.equal(panicOf('Segmentation fault\n'), undefined);
  });

  test('load arguments', () => {
    assert.deepEqual(parseArgs(['load', 'crate', '--format=json', '--build', '--release', '--timeout-ms', '2500']), { kind: 'load', target: 'crate', format: 'json', build: true, release: true, timeoutMs: 2500, interfaces: [] });
    assert.deepEqual(parseArgs(['load', 'lib.so', '--crate', 'c', '--interfaces', 'a.h', '--interfaces=b.h']), { kind: 'load', target: 'lib.so', format: 'text', build: false, release: false, timeoutMs: undefined, crate: 'c', interfaces: ['a.h', 'b.h'] });
    assert.equal((parseArgs(['load', '--help']) as { help?: boolean }).help, true, '`load --help` needs no target');
    assert.throws(() => parseArgs(['load', 'lib.so', '--crate']), /--crate takes the folder/);
    assert.throws(() => parseArgs(['load']), UsageError);
    assert.throws(() => parseArgs(['load', 'a', '--format', 'sarif']), /--format takes text or json for load/);
    assert.throws(() => parseArgs(['load', 'a', '--timeout-ms', '0']), /positive whole number/);
    assert.throws(() => parseArgs(['load', 'a', '--quick']), /unknown option `--quick` for load/);
  });
});
