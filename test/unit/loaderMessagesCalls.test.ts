// The parent's check of the child's messages for structs returned by value and calls with invented arguments
// (client/src/loader/childMessages.ts), and where a fresh child resumes after a crash in a call
// (remainingPlan.ts): the honest conversation passes, every forgery is a ProtocolError.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChildPlan, ValueProbe } from '../../server/src/protocol/loader';
import { ChildMessageCheck, ProtocolError, type ProtocolEvents } from '../../client/src/loader/childMessages';
import { remainingPlan } from '../../client/src/loader/remainingPlan';
import type { ProbeResult } from '../../client/src/loader/report';

const INFO: ValueProbe = {
  symbol: 'info',
  declaration: 'Info info(void)',
  returns: 'struct',
  struct: {
    name: 'Info',
    fields: [
      { name: 'abi', type: { kind: 'scalar', koffi: 'uint32_t', value: 'integer' } },
      { name: 'data', type: { kind: 'pointer' } },
      { name: 'inner', type: { kind: 'struct', layout: { name: 'Inner', fields: [{ name: 'on', type: { kind: 'scalar', koffi: 'bool', value: 'bool' } }, { name: '__proto__', type: { kind: 'scalar', koffi: 'double', value: 'float' } }] } } },
    ],
  },
};
const LEN: ValueProbe = { symbol: 'len', declaration: 'size_t len(const char *)', returns: 'integer', args: [{ kind: 'c-string' }] };
const SET: ValueProbe = { symbol: 'set', declaration: 'void set(int, void *)', returns: 'void', args: [{ kind: 'integer' }, { kind: 'null' }] };
const PLAN: ChildPlan = { symbols: ['info', 'len', 'set'], probes: [INFO], pairs: [], calls: [LEN, SET] };

function conversation() {
  const probes: ProbeResult[] = [];
  let token = '';
  let id = 0;
  let done = false;
  const events: ProtocolEvents = {
    step: (_step, t) => (token = t),
    loaded: () => undefined,
    loadError: () => undefined,
    missing: () => undefined,
    probe: (r) => probes.push(r),
    leak: () => undefined,
    done: () => (done = true),
  };
  const check = new ChildMessageCheck(PLAN, events);
  const send = (message: Record<string, unknown>) => check.accept(message.type === 'ready' || message.type === 'step-start' ? message : { ...message, token });
  const step = (label: string, functions: string[] = []) => send({ type: 'step-start', step: { id: id++, label, functions } });
  return { probes, send, step, done: () => done };
}

type Talk = ReturnType<typeof conversation>;
const INFO_VALUE = [3, 'non-null', [true, 1.5]];

/** The honest run of PLAN; `result` replaces the result sent for one probe. */
function honest(t: Talk, replace: Partial<Record<'info' | 'len' | 'set', Record<string, unknown>>> = {}): void {
  t.send({ type: 'ready' });
  t.step('load');
  t.send({ type: 'loaded', ms: 0.5 });
  t.step('symbols');
  t.step('call info', ['info']);
  t.send({ type: 'probe', result: replace.info ?? { name: 'info', declaration: INFO.declaration, status: 'ok', value: INFO_VALUE, ms: 0.01 } });
  t.step('call len', ['len']);
  t.send({ type: 'probe', result: replace.len ?? { name: 'len', declaration: LEN.declaration, status: 'ok', value: 9, ms: 0.01 } });
  t.step('call set', ['set']);
  t.send({ type: 'probe', result: replace.set ?? { name: 'set', declaration: SET.declaration, status: 'ok', ms: 0.01 } });
  t.step('unload');
  t.send({ type: 'done' });
}

const rejects = (run: () => void, why: RegExp) => assert.throws(run, (error: unknown) => error instanceof ProtocolError && why.test(error.message));

describe('child message check: structs by value and calls with invented arguments', () => {
  test('the honest conversation passes: the struct named field by field, the arguments from the plan', () => {
    const t = conversation();
    honest(t);
    assert.equal(t.done(), true);
    const [info, len, set] = t.probes;
    assert.deepEqual(info.value, { abi: 3, data: 'non-null', inner: JSON.parse('{"on": true, "__proto__": 1.5}') });
    const inner = (info.value as unknown as Record<string, Record<string, unknown>>).inner;
    assert.ok(Object.hasOwn(inner, '__proto__'), 'a field named `__proto__` is a field, not a prototype');
    assert.equal(Object.getPrototypeOf(inner), Object.prototype);
    assert.equal(info.arguments, undefined);
    assert.deepEqual([len.value, len.arguments], [9, ['"rpg-probe"']]);
    assert.deepEqual([set.status, set.value, set.arguments], ['ok', undefined, ['0', 'NULL']]);
  });

  test('a struct that is not the planned fields, or a field of the wrong type, is refused', () => {
    const info = (value: unknown, status = 'ok') => ({ info: { name: 'info', declaration: INFO.declaration, status, value } });
    rejects(() => honest(conversation(), info([3, null])), /a value for `info` that is not the fields of `Info`/);
    rejects(() => honest(conversation(), info({ abi: 3, data: null, inner: [true, 1] })), /not the fields of `Info`/);
    rejects(() => honest(conversation(), info([3, '0x7f00', [true, 1]])), /wrong type for `info`, field `data`/);
    rejects(() => honest(conversation(), info([3.5, null, [true, 1]])), /wrong type for `info`, field `abi`/);
    rejects(() => honest(conversation(), info([3, null, [1, 1]])), /wrong type for `info`, field `on`/);
    rejects(() => honest(conversation(), info([3, null, [true]])), /not the fields of `Inner`/);
    rejects(() => honest(conversation(), info(INFO_VALUE, 'failed')), /a failed result for `info` with a value/);
    rejects(() => honest(conversation(), { info: { name: 'info', declaration: INFO.declaration, status: 'ok' } }), /an ok result for `info` without a value/);
  });

  test('a call that returns nothing sends no value; arguments are never the child\'s word; calls come in plan order after the probes', () => {
    rejects(() => honest(conversation(), { set: { name: 'set', declaration: SET.declaration, status: 'ok', value: 0 } }), /wrong type for `set` \(no value expected\)/);
    rejects(() => honest(conversation(), { len: { name: 'len', declaration: LEN.declaration, status: 'ok', value: 9, arguments: ['"other"'] } }), /unknown field `arguments`/);
    const t = conversation();
    t.send({ type: 'ready' });
    t.step('load');
    t.send({ type: 'loaded', ms: 0.5 });
    t.step('symbols');
    rejects(() => t.step('call len', ['len']), /step `call len` where the call of `info` was due/);
  });
});

describe('remaining plan with calls', () => {
  const ok = (name: string): ProbeResult => ({ name, declaration: '', status: 'ok' });
  test('a crash in a call resumes with the calls after it; a crash in a probe with the pairs and every call', () => {
    const inCall = remainingPlan(PLAN, new Set(), [ok('info')], []);
    assert.deepEqual([inCall.culprit, inCall.rest.probes, inCall.rest.calls?.map((c) => c.symbol)], [['len'], [], ['set']]);
    const inProbe = remainingPlan(PLAN, new Set(), [], []);
    assert.deepEqual([inProbe.culprit, inProbe.rest.calls?.map((c) => c.symbol)], [['info'], ['len', 'set']]);
    const last = remainingPlan(PLAN, new Set(), [ok('info'), ok('len')], []);
    assert.deepEqual([last.culprit, last.rest.calls], [['set'], undefined]);
    const absent = remainingPlan(PLAN, new Set(['len']), [ok('info')], []);
    assert.deepEqual(absent.culprit, ['set'], 'a call whose symbol is missing was never made');
  });
});
