// The pure parts of the WebAssembly guest loader (client/src/loader/wasm/): the preamble, the core module
// reader, the signature comparison against jco's dummy module (real jco), WIT values, trap text, the report lines.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatReportText } from '../../client/src/loader/formatText';
import { REPORT_VERSION, type LoadReport } from '../../client/src/loader/report';
import { readCoreModule, signatureText, wasmKind } from '../../client/src/loader/wasm/coreModule';
import { compareWithWorld, shortVersion } from '../../client/src/loader/wasm/coreSignatures';
import { demangle, trapText } from '../../client/src/loader/wasm/trapText';
import { inventValue, valueText, type WitShape } from '../../client/src/loader/wasm/witValues';

interface Jco {
  componentEmbed(opts: { witSource: string; dummy: boolean; world: string }): Promise<Uint8Array>;
}
const jco = import('@bytecodealliance/jco') as Promise<Jco>;

const WIT = `package demo:calc@1.2.0;
interface ops {
  add: func(a: s32, b: s64) -> s64;
  name: func() -> string;
}
world calc {
  import log: func(msg: string);
  export ops;
  export ready: func() -> bool;
}`;

describe('wasm loader', () => {
  test('the preamble tells a core module from a component and from anything else', () => {
    assert.equal(wasmKind(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])), 'core');
    assert.equal(wasmKind(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0])), 'component');
    assert.equal(wasmKind(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])), undefined);
    assert.equal(wasmKind(new Uint8Array([0, 0x61, 0x73])), undefined);
  });

  test("jco's dummy module of a world: its core signatures; a legacy-named module compared with it (versions shortened as the new names do)", async () => {
    const { componentEmbed } = await jco;
    const dummy = readCoreModule(await componentEmbed({ witSource: WIT, dummy: true, world: 'calc' }));
    const add = dummy.exports.find((e) => e.name === 'cm32p2|demo:calc/ops@1|add');
    assert.equal(signatureText(add?.signature), '(i32, i64) -> i64');
    assert.equal(shortVersion('demo:calc/ops@1.2.0#add'), 'demo:calc/ops@1#add');
    assert.equal(shortVersion('a:b/c@0.3.1'), 'a:b/c@0.3');
    assert.equal(shortVersion('a:b/c@0.0.3'), 'a:b/c@0.0.3');
    const i32 = ['i32'];
    const module = {
      imports: [{ module: '$root', name: 'log', signature: { params: ['i32', 'i32'], results: [] } }, { module: 'env', name: 'abort', signature: { params: [], results: [] } }],
      exports: [
        { name: 'demo:calc/ops@1.2.0#add', signature: { params: ['i32', 'i32'], results: ['i64'] } },
        { name: 'ready', signature: { params: [], results: i32 } },
      ],
      exportNames: [],
    };
    const check = compareWithWorld(module, dummy, 'calc', ['demo:calc/ops@1.2.0#add', 'demo:calc/ops@1.2.0#name', 'ready']);
    assert.deepEqual(check.missing.map((m) => m.name), ['demo:calc/ops@1.2.0#name']);
    assert.match(check.missing[0].message, /world `calc` exports `demo:calc\/ops@1\.2\.0#name` \(\) -> i32/);
    assert.deepEqual(check.wrong.map((w) => [w.name, /as \(i32, i32\) -> i64, world `calc` requires \(i32, i64\) -> i64/.test(w.message)]), [['demo:calc/ops@1.2.0#add', true]]);
    assert.deepEqual(check.unknownImports.map((u) => u.name), ['env#abort']);
  });

  test('invented arguments follow jco\'s mapping; results are written as WIT writes values', () => {
    const stats: WitShape = { k: 'record', name: 'stats', fields: [{ name: 'word-count', type: { k: 'int', bits: 32, signed: false } }] };
    assert.deepEqual(inventValue(stats), { wordCount: 1 });
    assert.equal(inventValue({ k: 'int', bits: 64, signed: true }), 1n);
    assert.deepEqual(inventValue({ k: 'list', of: { k: 'int', bits: 8, signed: false } }), new Uint8Array([1, 2]));
    assert.deepEqual(inventValue({ k: 'result', ok: { k: 'string' } }), { tag: 'ok', val: 'rpg-probe' });
    assert.equal(valueText({ wordCount: 3 }, stats), '{ word-count: 3 }');
    assert.equal(valueText(undefined, { k: 'option', of: { k: 'string' } }), 'none');
    assert.equal(valueText('x', { k: 'option', of: { k: 'string' } }), 'some("x")');
    assert.equal(valueText({ tag: 'err', val: 'bad' }, { k: 'result', ok: { k: 'string' }, err: { k: 'string' } }), 'err("bad")');
    assert.equal(valueText(new Int32Array([1, 2]), { k: 'list', of: { k: 'int', bits: 32, signed: true } }), '[1, 2]');
    assert.equal(valueText(5n, { k: 'int', bits: 64, signed: false }), '5');
  });

  test('a trap names the guest function below the panic machinery and the panic', () => {
    assert.equal(demangle('_ZN4core9panicking18panic_bounds_check17h85ba5634c84ff856E'), 'core::panicking::panic_bounds_check');
    const error = new Error('unreachable');
    error.stack = ['RuntimeError: unreachable', '    at __rust_start_panic (wasm://wasm/1:wasm-function[305]:0xb6ba)', '    at _ZN4core9panicking18panic_bounds_check17h85ba5634c84ff856E (wasm://wasm/1:wasm-function[368]:0xcc61)', '    at _ZN5guest5count17h0123456789abcdefE (wasm://wasm/1:wasm-function[12]:0xb00)', '    at a:b/c#count (wasm://wasm/1:wasm-function[13]:0xba5)'].join('\n');
    assert.equal(trapText(error, ''), 'trapped: unreachable in `guest::count`: a Rust panic (core::panicking::panic_bounds_check), a trap in a guest built with panic=abort');
  });

  test('the text report: WIT values, signature lines and linear-memory leak lines', () => {
    const report: LoadReport = {
      version: REPORT_VERSION, status: 'failed', library: '/g.wasm', missingSymbols: [], staleSymbols: [], notes: [], stderr: '', totalMs: 12,
      wrongSignatures: [{ name: 'a:b/c@1.0.0#sum', message: 'differs' }],
      probes: [{ name: 'a:b/c@1.0.0#first', declaration: 'first: func(t: string) -> option<string>', status: 'ok', arguments: ['"rpg-probe"'], valueText: 'some("rpg-probe")', ms: 1 }],
      leaks: [{ constructor: 'a:b/c@1.0.0#first', destructor: 'cabi_post_a:b/c@1.0.0#first', measure: 'wasm-memory', verdict: 'leak', iterations: 5000, roundBytesPerIteration: [0, 26.21, 26.21, 13.11, 26.21], bytesPerIteration: 22.94 }],
    };
    const lines = formatReportText(report).split('\n');
    assert.ok(lines.includes('signature: a:b/c@1.0.0#sum: differs'));
    assert.ok(lines.includes('probe ok: a:b/c@1.0.0#first("rpg-probe") = some("rpg-probe") (1.00 ms)'));
    assert.ok(lines.includes('leak leak: a:b/c@1.0.0#first: 22.94 B/call (wasm linear memory, post-return cabi_post_a:b/c@1.0.0#first; rounds 0, 26.21, 26.21, 13.11, 26.21 B/call, 5000 calls each, round 1 ignored)'));
    assert.equal(lines[lines.length - 1], 'summary: 1 probe ok, 0 failed, 1 leak, 0 missing, 1 wrong signature; 12 ms');
  });
});
