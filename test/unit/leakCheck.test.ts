// The leak check's rounds and verdict, with a meter whose readings the test controls.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkLeak, type Meter } from '../../client/src/loader/leakCheck';

function counter(measure: Meter['measure'] = 'rss') {
  const state = { used: 0 };
  const meter: Meter = { measure, read: () => state.used };
  return { state, meter };
}

describe('leak check', () => {
  test('a pair that gives everything back is ok; round 1 (warm-up growth) is ignored', () => {
    const { state, meter } = counter('mallinfo2');
    let calls = 0;
    // The first 500 constructions also fill a cache that is never given back: warm-up, not a leak.
    const result = checkLeak({ constructor: 'a_new', destructor: 'a_free' }, () => ((state.used += calls++ < 500 ? 148 : 48), 1), () => (state.used -= 48), meter);
    assert.equal(result.verdict, 'ok');
    assert.equal(result.bytesPerIteration, 0);
    assert.equal(result.roundBytesPerIteration.length, 5);
    assert.equal(result.roundBytesPerIteration[0], 50);
  });

  test('a destructor that keeps 32 bytes per pair is a leak of 32 B/iteration', () => {
    const { state, meter } = counter('mallinfo2');
    const result = checkLeak({ constructor: 'a_new', destructor: 'a_free' }, () => ((state.used += 48), 1), () => (state.used -= 16), meter);
    assert.equal(result.verdict, 'leak');
    assert.equal(result.bytesPerIteration, 32);
    assert.ok(result.iterations >= 200 && result.iterations <= 100_000);
  });

  test('one measured round that another thread pushed down or up does not move the verdict or the number', () => {
    const { state } = counter('mallinfo2');
    let reads = 0;
    // The first reading of round 3 is high: other threads freed a megabyte while that round ran.
    const noisy: Meter = { measure: 'mallinfo2', read: () => (++reads === 5 ? state.used + 1_000_000 : state.used) };
    const result = checkLeak({ constructor: 'a_new', destructor: 'a_free' }, () => ((state.used += 48), 1), () => (state.used -= 16), noisy);
    assert.equal(result.verdict, 'leak');
    assert.equal(result.bytesPerIteration, 32, `rounds ${result.roundBytesPerIteration.join(', ')}`);
    assert.ok(result.roundBytesPerIteration.some((r) => r < 32), 'one round did read low');
  });

  test('RSS needs a larger growth before it calls a leak; a constructor alone runs 200 times per round', () => {
    const { state, meter } = counter('rss');
    const small = checkLeak({ constructor: 'b_new', destructor: 'b_free' }, () => ((state.used += 40), 1), () => undefined, meter);
    assert.equal(small.verdict, 'ok', '40 B/iteration is within RSS noise');
    let constructed = 0;
    const alone = checkLeak({ constructor: 'c_new' }, () => ((state.used += 4096), ++constructed), undefined, meter);
    assert.equal(alone.verdict, 'leak');
    assert.equal(alone.iterations, 200);
    assert.equal(constructed, 1000);
    assert.equal(alone.destructor, undefined);
  });
});
