// Leak check in the child: run a constructor (and its destructor) in rounds and compare allocator statistics.
// glibc's mallinfo2 sees every malloc of the plugin (Rust's default allocator is the system one); elsewhere
// RSS is the fallback, which cannot tell small leaks from noise (docs/loader.md).
import * as koffi from 'koffi';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { LEAK_ROUNDS } from './childProtocol';
import type { LeakMeasure, LeakResult } from './report';

export interface Meter {
  measure: NativeMeasure;
  /** Bytes in use now. */
  read(): number;
}

// Five rounds: the median of the four measured ones ignores one round that other threads' frees or allocations
// (V8's GC helpers, libuv) pushed down or up, which the minimum of two did not (a 32 B leak once read 27.7 B).
const ROUNDS = LEAK_ROUNDS;
/** A measured round aims at this duration, so a slow constructor does not run into the timeout. */
const ROUND_TARGET_MS = 50;
const PAIRED_LIMITS = { warmUp: 1000, calibrate: 200, min: 200, max: 100_000 };
/** A constructor with no destructor leaks by design: run it only this often per round. */
const UNPAIRED_PER_ROUND = 200;
/** Bytes per iteration above which a round counts as growth (healthy pairs measure ~0.02 B with mallinfo2). */
const THRESHOLD: Record<NativeMeasure, number> = { mallinfo2: 4, rss: 64 };
/** What a native plugin's allocations are read with (a WebAssembly guest's: linearMemory.ts). */
type NativeMeasure = Exclude<LeakMeasure, 'wasm-memory'>;

let meter: Meter | undefined;

export function defaultMeter(): Meter {
  meter ??= mallinfo2Meter() ?? { measure: 'rss', read: () => process.memoryUsage.rss() };
  return meter;
}

function mallinfo2Meter(): Meter | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const libc = koffi.load('libc.so.6');
    const sizeT = 'size_t';
    const info = koffi.struct('rpg_mallinfo2', {
      arena: sizeT, ordblks: sizeT, smblks: sizeT, hblks: sizeT, hblkhd: sizeT,
      usmblks: sizeT, fsmblks: sizeT, uordblks: sizeT, fordblks: sizeT, keepcost: sizeT,
    });
    const mallinfo2 = libc.func('mallinfo2', info, []);
    return {
      measure: 'mallinfo2',
      read: () => {
        const m = mallinfo2() as { uordblks: number; hblkhd: number };
        return Number(m.uordblks) + Number(m.hblkhd);
      },
    };
  } catch {
    // musl (no libc.so.6) or glibc older than 2.33 (no mallinfo2).
    return undefined;
  }
}

let gc: (() => void) | undefined;
function collect(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** Runs `construct` (then `destruct` on its result) in rounds; round 1 warms up and is ignored by the verdict. */
export function checkLeak(names: { constructor: string; destructor?: string }, construct: () => unknown, destruct: ((handle: unknown) => void) | undefined, using: Meter = defaultMeter()): LeakResult {
  const once = destruct ? () => destruct(construct()) : () => void construct();
  const round = (iterations: number): number => {
    collect();
    const before = using.read();
    for (let i = 0; i < iterations; i++) once();
    collect();
    return (using.read() - before) / iterations;
  };
  let iterations: number;
  const rounds: number[] = [];
  if (destruct) {
    rounds.push(round(PAIRED_LIMITS.warmUp));
    // Timed after round 1, once the first calls' JIT and lazy binding are paid.
    const start = performance.now();
    for (let i = 0; i < PAIRED_LIMITS.calibrate; i++) once();
    const perPair = Math.max((performance.now() - start) / PAIRED_LIMITS.calibrate, 1e-6);
    iterations = Math.round(Math.min(PAIRED_LIMITS.max, Math.max(PAIRED_LIMITS.min, ROUND_TARGET_MS / perPair)));
  } else {
    iterations = UNPAIRED_PER_ROUND;
    rounds.push(round(iterations));
  }
  for (let i = 1; i < ROUNDS; i++) rounds.push(round(iterations));
  const measured = median(rounds.slice(1));
  return {
    constructor: names.constructor,
    destructor: names.destructor,
    measure: using.measure,
    verdict: measured >= THRESHOLD[using.measure] ? 'leak' : 'ok',
    iterations,
    roundBytesPerIteration: rounds.map(round2),
    bytesPerIteration: round2(measured),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
