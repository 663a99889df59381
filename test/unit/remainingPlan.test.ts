// What a fresh loader process still has to run after one died (client/src/loader/remainingPlan.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChildPlan } from '../../server/src/protocol/loader';
import { remainingPlan } from '../../client/src/loader/remainingPlan';
import type { LeakResult, ProbeResult } from '../../client/src/loader/report';

const value = (symbol: string, free?: string) => ({ symbol, declaration: `uint32_t ${symbol}(void)`, returns: 'integer' as const, ...(free ? { free: { symbol: free, declaration: `void ${free}(void *)` } } : {}) });
const pair = (ctor: string, dtor?: string) => ({ type: 'T', constructor: { symbol: ctor, declaration: `void * ${ctor}(void)` }, ...(dtor ? { destructor: { symbol: dtor, declaration: `void ${dtor}(void *)` } } : {}), matchedBy: 'signature' as const });
const PLAN: ChildPlan = { symbols: ['a', 'b', 'c', 'a_new', 'a_free', 'b_new'], probes: [value('a'), value('b', 'b_free'), value('c')], pairs: [pair('a_new', 'a_free'), pair('b_new')] };
const ok = (name: string): ProbeResult => ({ name, declaration: '', status: 'ok' });
const leak = (ctor: string): LeakResult => ({ constructor: ctor, measure: 'rss', verdict: 'ok', iterations: 1, roundBytesPerIteration: [], bytesPerIteration: 0 });
const names = (plan: ChildPlan) => [...plan.probes.map((p) => p.symbol), ...plan.pairs.map((p) => p.constructor.symbol)];

describe('remaining plan after a crash', () => {
  test('the first probe without a result is the culprit; the rest runs, without a symbol lookup', () => {
    const r = remainingPlan(PLAN, new Set(), [ok('a')], []);
    assert.deepEqual(r.culprit, ['b', 'b_free']);
    assert.deepEqual(names(r.rest), ['c', 'a_new', 'b_new']);
    assert.deepEqual(r.rest.symbols, []);
  });

  test('a pair is finished by its leak result, or by a failed constructor or destructor', () => {
    const upToPair = [ok('a'), ok('b'), ok('c')];
    assert.deepEqual(remainingPlan(PLAN, new Set(), [...upToPair, ok('a_new'), ok('a_free')], []).culprit, ['a_new', 'a_free'], 'died in the leak check');
    const nullCtor = remainingPlan(PLAN, new Set(), [...upToPair, { ...ok('a_new'), status: 'failed' }], []);
    assert.deepEqual([nullCtor.culprit, names(nullCtor.rest)], [['b_new'], []]);
    const done = remainingPlan(PLAN, new Set(), [...upToPair, ok('a_new'), ok('a_free'), ok('b_new')], [leak('a_new'), leak('b_new')]);
    assert.deepEqual([done.culprit, names(done.rest)], [undefined, []]);
  });

  test('probes the library lacks were skipped by the child and are not culprits', () => {
    const r = remainingPlan(PLAN, new Set(['b_free', 'a_free']), [ok('a')], []);
    assert.deepEqual(r.culprit, ['c']);
    assert.deepEqual(names(r.rest), ['b_new']);
  });
});
