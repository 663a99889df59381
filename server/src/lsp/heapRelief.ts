// A full garbage collection between the crates of the start-up pass (issue 17, bench 2d). The pass allocates a
// crate's worth of trees, items and body facts at a time and keeps little of it; V8's heap-growth heuristics let
// the heap (and the resident set, which does not shrink back) reach 250 MB for a 75 MB live heap on a 100k-line
// workspace. Collecting after a crate once the heap has grown by 32 MB since the last collection keeps the peak
// near the live set (185-192 MB), with fewer collections than crates on small crates (each ~50 ms, in the
// background pass). The keystroke path never collects: there the pause would be latency.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;
/** What the heap held after the last collection here. */
let liveAfterLast = 0;
const GROWTH_BYTES = 32 * 1024 * 1024;

/** A full collection when the heap grew by 32 MB since the last one (about one 5,000-line crate's analysis). */
export function relieveHeap(): void {
  const used = getHeapStatistics().used_heap_size;
  if (used - liveAfterLast < GROWTH_BYTES) return;
  collectGarbage();
  liveAfterLast = getHeapStatistics().used_heap_size;
}

/** Runs a full collection (V8's `gc`, exposed on first use); does nothing where it cannot be exposed. */
function collectGarbage(): void {
  if (collect === undefined) {
    try {
      // A context made after the flag is set has `gc` as a global.
      setFlagsFromString('--expose-gc');
      const exposed: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
      collect = typeof exposed === 'function' ? (exposed as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
