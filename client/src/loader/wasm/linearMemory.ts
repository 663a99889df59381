// The leak check of a component export: call it in rounds and read the guest's linear memory size. Linear
// memory only grows (by 64 KiB pages) when the guest's allocator runs out of free space, so a guest that frees
// what it allocates stays flat and one that keeps N bytes per call grows by about N per call; the rounds are
// long enough (thousands of calls) that a page of growth is a few bytes per call.
import { LEAK_ROUNDS } from '../childProtocol';
import type { LeakResult } from '../report';

const ROUND_TARGET_MS = 100;
const LIMITS = { warmUp: 200, min: 5000, max: 50_000 };
/** Average growth (B/call) at or above which, with growth in most measured rounds, a call leaks. */
const THRESHOLD = 1;

export type MemoryLeak = Omit<LeakResult, 'constructor' | 'destructor'>;

/** A call that threw while repeated (a trap: the allocator found no more memory), with what was measured before it. */
export class RepeatFailure extends Error {
  constructor(
    readonly thrown: unknown,
    readonly calls: number,
    readonly grownBytes: number,
  ) {
    super(thrown instanceof Error ? thrown.message : String(thrown));
  }
}

/** Round 1 warms up (the allocator's first pages) and is ignored; the verdict reads the others. */
export function repeatCall(call: () => unknown, memoryBytes: () => number): MemoryLeak {
  const start = memoryBytes();
  let calls = 0;
  try {
    return measure(() => {
      calls++;
      return call();
    }, memoryBytes);
  } catch (error) {
    throw new RepeatFailure(error, calls, memoryBytes() - start);
  }
}

function measure(call: () => unknown, memoryBytes: () => number): MemoryLeak {
  const started = performance.now();
  for (let i = 0; i < LIMITS.warmUp; i++) call();
  const perCall = Math.max((performance.now() - started) / LIMITS.warmUp, 1e-6);
  const iterations = Math.round(Math.min(LIMITS.max, Math.max(LIMITS.min, ROUND_TARGET_MS / perCall)));
  const rounds: number[] = [];
  for (let r = 0; r < LEAK_ROUNDS; r++) {
    const before = memoryBytes();
    for (let i = 0; i < iterations; i++) call();
    rounds.push((memoryBytes() - before) / iterations);
  }
  const measured = rounds.slice(1);
  const average = measured.reduce((a, b) => a + b, 0) / measured.length;
  const grew = measured.filter((b) => b > 0).length;
  return {
    measure: 'wasm-memory',
    verdict: average >= THRESHOLD && grew * 2 >= measured.length ? 'leak' : 'ok',
    iterations,
    roundBytesPerIteration: rounds.map(round2),
    bytesPerIteration: round2(average),
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
