// The parent's check of the child's messages (client/src/loader/childMessages.ts), the channel's framing and
// the judgement of returned C strings: the honest conversation passes, every forgery is a ProtocolError.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChildPlan } from '../../server/src/protocol/loader';
import { encodeFrame, FrameError, FrameReader, MAX_FRAME } from '../../client/src/loader/channel';
import { ChildMessageCheck, ProtocolError, type ProtocolEvents } from '../../client/src/loader/childMessages';
import { judgeCString } from '../../client/src/loader/cString';
import type { LeakResult, ProbeResult } from '../../client/src/loader/report';

const PLAN: ChildPlan = {
  symbols: ['plugin_version', 'plugin_name', 'plugin_text', 'text_free', 'config_new', 'config_free'],
  probes: [
    { symbol: 'plugin_version', declaration: 'uint32_t plugin_version(void)', returns: 'integer' },
    { symbol: 'plugin_name', declaration: 'const char * plugin_name(void)', returns: 'string' },
    { symbol: 'plugin_text', declaration: 'void * plugin_text(void)', returns: 'owned-string', free: { symbol: 'text_free', declaration: 'void text_free(void *)' } },
  ],
  pairs: [{ type: 'Config', constructor: { symbol: 'config_new', declaration: 'void * config_new(void)' }, destructor: { symbol: 'config_free', declaration: 'void config_free(void *)' }, matchedBy: 'ownership' }],
};

const bytes = (text: string) => new TextEncoder().encode(text);
const LEAK: LeakResult = { constructor: 'config_new', destructor: 'config_free', measure: 'mallinfo2', verdict: 'ok', iterations: 1000, roundBytesPerIteration: [1, 0.1, 0.02], bytesPerIteration: 0.02 };

/** A conversation as child.ts holds it; `send` adds the token of the last acked step, as the child does. */
function conversation(plan: ChildPlan = PLAN) {
  const seen = { steps: [] as string[], probes: [] as ProbeResult[], leaks: [] as LeakResult[], missing: [] as string[], done: false, loadMs: -1 };
  let token = '';
  let id = 0;
  const events: ProtocolEvents = {
    step: (step, t) => {
      seen.steps.push(step.label);
      token = t;
    },
    loaded: (ms) => (seen.loadMs = ms),
    loadError: () => undefined,
    missing: (symbols) => (seen.missing = symbols),
    probe: (r) => seen.probes.push(r),
    leak: (r) => seen.leaks.push(r),
    done: () => (seen.done = true),
  };
  const check = new ChildMessageCheck(plan, events);
  const send = (message: Record<string, unknown>) => check.accept(message.type === 'ready' || message.type === 'step-start' ? message : { ...message, token });
  const step = (label: string, functions: string[] = []) => send({ type: 'step-start', step: { id: id++, label, functions } });
  return { seen, send, step, token: () => token, raw: (message: unknown) => check.accept(message) };
}

type Talk = ReturnType<typeof conversation>;

/** The honest run of PLAN, up to (not including) the message `stopBefore` names. */
function honest(t: Talk, stopBefore?: string): void {
  const script: [string, () => void][] = [
    ['ready', () => t.send({ type: 'ready' })],
    ['load', () => t.step('load')],
    ['loaded', () => t.send({ type: 'loaded', ms: 0.5 })],
    ['symbols', () => t.step('symbols')],
    ['call plugin_version', () => t.step('call plugin_version', ['plugin_version'])],
    ['probe plugin_version', () => t.send({ type: 'probe', result: { name: 'plugin_version', declaration: 'uint32_t plugin_version(void)', status: 'ok', value: 3, ms: 0.01 } })],
    ['call plugin_name', () => t.step('call plugin_name', ['plugin_name'])],
    ['probe plugin_name', () => t.send({ type: 'probe', result: { name: 'plugin_name', declaration: 'const char * plugin_name(void)', status: 'ok', value: bytes('healthy'), ms: 0.01 } })],
    ['call plugin_text', () => t.step('call plugin_text', ['plugin_text'])],
    ['free text_free', () => t.step('free text_free', ['text_free'])],
    ['probe plugin_text', () => t.send({ type: 'probe', result: { name: 'plugin_text', declaration: 'void * plugin_text(void)', status: 'ok', value: bytes('a\ttext\n'), freedWith: 'text_free', ms: 0.02 } })],
    ['call config_new', () => t.step('call config_new', ['config_new'])],
    ['probe config_new', () => t.send({ type: 'probe', result: { name: 'config_new', declaration: 'void * config_new(void)', status: 'ok', value: '0x55d0c3a2b2c0' } })],
    ['call config_free', () => t.step('call config_free', ['config_free'])],
    ['probe config_free', () => t.send({ type: 'probe', result: { name: 'config_free', declaration: 'void config_free(void *)', status: 'ok' } })],
    ['leak', () => t.step('leak config_new/config_free', ['config_new', 'config_free'])],
    ['leak result', () => t.send({ type: 'leak', result: LEAK })],
    ['unload', () => t.step('unload')],
    ['done', () => t.send({ type: 'done' })],
  ];
  for (const [name, run] of script) {
    if (name === stopBefore) return;
    run();
  }
}

const rejects = (run: () => void, why: RegExp) => assert.throws(run, (error: unknown) => error instanceof ProtocolError && why.test(error.message));

describe('child message check', () => {
  test('the honest conversation passes, with C strings judged and values kept', () => {
    const t = conversation();
    honest(t);
    assert.equal(t.seen.done, true);
    assert.equal(t.seen.loadMs, 0.5);
    assert.deepEqual(t.seen.steps, ['load', 'symbols', 'call plugin_version', 'call plugin_name', 'call plugin_text', 'free text_free', 'call config_new', 'call config_free', 'leak config_new/config_free', 'unload']);
    assert.deepEqual(t.seen.probes.map((p) => [p.name, p.status, p.value]), [
      ['plugin_version', 'ok', 3],
      ['plugin_name', 'ok', 'healthy'],
      ['plugin_text', 'ok', 'a\ttext\n'],
      ['config_new', 'ok', '0x55d0c3a2b2c0'],
      ['config_free', 'ok', undefined],
    ]);
    assert.deepEqual(t.seen.leaks, [LEAK]);
    rejects(() => t.send({ type: 'done' }), /a message after the end/);
  });

  test('every step gets a fresh token; a message with an old or no token is refused', () => {
    const t = conversation();
    honest(t, 'symbols');
    const old = t.token();
    assert.match(old, /^[0-9a-f]{32}$/);
    t.step('symbols');
    assert.notEqual(t.token(), old);
    rejects(() => t.raw({ type: 'missing', symbols: ['plugin_version'], token: old }), /a `missing` message without the token of the current step/);
    const none = conversation();
    honest(none, 'loaded');
    rejects(() => none.raw({ type: 'loaded', ms: 1 }), /a `loaded` message without the token/);
  });

  test('order: a step or a result out of place is refused', () => {
    const skipLoad = conversation();
    skipLoad.send({ type: 'ready' });
    rejects(() => skipLoad.step('symbols'), /step `symbols` where step `load` was due/);
    const early = conversation();
    honest(early, 'probe plugin_version');
    rejects(() => early.send({ type: 'done' }), /a `done` message where the result of `plugin_version` was due/);
    const other = conversation();
    honest(other, 'call plugin_version');
    rejects(() => other.step('call plugin_name', ['plugin_name']), /step `call plugin_name` where the call of `plugin_version` was due/);
    const unknown = conversation();
    honest(unknown, 'unload');
    rejects(() => unknown.step('call system', ['system']), /step `call system` where step `unload` was due/);
    const twice = conversation();
    twice.send({ type: 'ready' });
    rejects(() => twice.send({ type: 'ready' }), /a `ready` message where/);
    const numbered = conversation();
    numbered.send({ type: 'ready' });
    rejects(() => numbered.send({ type: 'step-start', step: { id: 7, label: 'load', functions: [] } }), /numbered 7 where 0 was due/);
  });

  test('values of the wrong type, unknown names and fields are refused', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['a string for an integer', { name: 'plugin_version', declaration: 'uint32_t plugin_version(void)', status: 'ok', value: '3' }, /wrong type for `plugin_version` \(integer expected\)/],
      ['markup as a number', { name: 'plugin_version', declaration: 'uint32_t plugin_version(void)', status: 'ok', value: 3, ms: '<img src=x>' }, /time for `plugin_version` that is not a number/],
      ['another probe', { name: 'plugin_evil', declaration: 'uint32_t plugin_version(void)', status: 'ok', value: 3 }, /a result for `plugin_evil` where `plugin_version` was due/],
      ['another declaration', { name: 'plugin_version', declaration: 'double plugin_version(void)', status: 'ok', value: 3 }, /with another declaration/],
      ['a status of its own', { name: 'plugin_version', declaration: 'uint32_t plugin_version(void)', status: '<b>fine</b>', value: 3 }, /with status `<b>fine<\/b>`/],
      ['an extra field', { name: 'plugin_version', declaration: 'uint32_t plugin_version(void)', status: 'ok', value: 3, html: '<script>' }, /unknown field `html`/],
      ['a claimed free', { name: 'plugin_version', declaration: 'uint32_t plugin_version(void)', status: 'ok', value: 3, freedWith: 'text_free' }, /says it was freed by `text_free`/],
    ];
    for (const [what, result, why] of cases) {
      const t = conversation();
      honest(t, 'probe plugin_version');
      rejects(() => t.send({ type: 'probe', result }), why);
      assert.equal(t.seen.probes.length, 0, what);
    }
    const text = conversation();
    honest(text, 'probe plugin_name');
    rejects(() => text.send({ type: 'probe', result: { name: 'plugin_name', declaration: 'const char * plugin_name(void)', status: 'ok', value: 'healthy' } }), /wrong type for `plugin_name` \(string expected\)/);
    const unfreed = conversation();
    honest(unfreed, 'free text_free');
    rejects(() => unfreed.send({ type: 'probe', result: { name: 'plugin_text', declaration: 'void * plugin_text(void)', status: 'ok', value: bytes('x') } }), /whose string was never freed/);
    const leak = conversation();
    honest(leak, 'leak result');
    rejects(() => leak.send({ type: 'leak', result: { ...LEAK, bytesPerIteration: '<b>0</b>' } }), /a malformed leak result for `config_new`/);
    const leakOther = conversation();
    honest(leakOther, 'leak result');
    rejects(() => leakOther.send({ type: 'leak', result: { ...LEAK, constructor: 'other_new' } }), /a malformed leak result/);
    const missing = conversation();
    honest(missing, 'call plugin_name');
    rejects(() => missing.send({ type: 'missing', symbols: ['plugin_name'] }), /a `missing` message where the call of `plugin_name` was due/);
  });

  test('missing symbols from the plan are skipped as the child skips them', () => {
    const t = conversation();
    honest(t, 'call plugin_version');
    t.send({ type: 'missing', symbols: ['plugin_version', 'text_free'] });
    t.step('call plugin_name', ['plugin_name']);
    t.send({ type: 'probe', result: { name: 'plugin_name', declaration: 'const char * plugin_name(void)', status: 'ok', value: null } });
    t.step('call config_new', ['config_new']);
    t.send({ type: 'probe', result: { name: 'config_new', declaration: 'void * config_new(void)', status: 'failed', value: null, error: 'returned NULL' } });
    t.step('unload');
    t.send({ type: 'done' });
    assert.deepEqual(t.seen.missing, ['plugin_version', 'text_free']);
    assert.deepEqual(t.seen.probes.map((p) => [p.name, p.status, p.value]), [['plugin_name', 'ok', null], ['config_new', 'failed', null]]);
    const bad = conversation();
    honest(bad, 'call plugin_version');
    rejects(() => bad.send({ type: 'missing', symbols: ['system'] }), /missing symbols that are not in the plan/);
  });

  test('a C string that is not text makes the probe suspicious', () => {
    const t = conversation();
    honest(t, 'probe plugin_name');
    t.send({ type: 'probe', result: { name: 'plugin_name', declaration: 'const char * plugin_name(void)', status: 'ok', value: new Uint8Array([0x70, 0xff, 0x01]), ms: 0.01 } });
    const p = t.seen.probes[1];
    assert.equal(p.status, 'suspicious');
    assert.equal(p.value, 'p\uFFFD\u0001');
    assert.match(p.error ?? '', /^the returned C string is not valid UTF-8: it may point into freed or unrelated memory$/);
  });
});

describe('C string judgement', () => {
  test('text passes; invalid UTF-8 and control characters do not', () => {
    assert.deepEqual(judgeCString(bytes('plain')), { text: 'plain' });
    assert.deepEqual(judgeCString(bytes('tab\tnewline\ncr\r é ✓')), { text: 'tab\tnewline\ncr\r é ✓' });
    assert.equal(judgeCString(new Uint8Array([0xc3])).problem, 'is not valid UTF-8');
    assert.equal(judgeCString(new Uint8Array([0xed, 0xa0, 0x80])).problem, 'is not valid UTF-8', 'an encoded surrogate');
    assert.equal(judgeCString(bytes('ok\u0007')).problem, 'holds the control character U+0007');
    assert.equal(judgeCString(bytes('\u001b[31m')).problem, 'holds the control character U+001B');
    assert.equal(judgeCString(bytes('x\u0085')).problem, 'holds the control character U+0085');
  });
});

describe('channel framing', () => {
  test('frames split anywhere come out whole, BigInt and bytes intact', () => {
    const stream = Buffer.concat([encodeFrame({ type: 'a', n: 2n ** 60n }), encodeFrame({ type: 'b', bytes: new Uint8Array([1, 2]) })]);
    const reader = new FrameReader();
    const out: unknown[] = [];
    for (let i = 0; i < stream.length; i += 3) out.push(...reader.push(stream.subarray(i, i + 3)));
    assert.deepEqual(out, [{ type: 'a', n: 2n ** 60n }, { type: 'b', bytes: new Uint8Array([1, 2]) }]);
  });

  test('an oversized or unreadable frame is a FrameError, not an exception of Node', () => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(MAX_FRAME + 1);
    assert.throws(() => new FrameReader().push(head), FrameError);
    const body = Buffer.from([0xff, 0x0f, 0x99]);
    const small = Buffer.alloc(4);
    small.writeUInt32BE(body.length);
    assert.throws(() => new FrameReader().push(Buffer.concat([small, body])), /a frame that is not a serialized message/);
    const partial = encodeFrame({ type: 'done' });
    assert.deepEqual(new FrameReader().push(partial.subarray(0, partial.length - 1)), [], 'an incomplete frame waits for the rest');
  });
});
