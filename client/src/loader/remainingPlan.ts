// After a child dies in the middle of the plan, what a fresh child should still run: the child works through
// the plan's probes and pairs strictly in order, so the first one without a complete result is the one that
// killed it, and everything after it has not run yet.
import type { ChildPlan, PairProbe, ValueProbe } from '../../../server/src/protocol/loader';
import type { LeakResult, ProbeResult } from './report';

export interface Remaining {
  /** The probe or pair the child died in (its functions), undefined when it died outside them. */
  culprit?: string[];
  /** The probes and pairs after it, for a fresh child (no symbol lookup again: `symbols` is empty). */
  rest: ChildPlan;
}

/** `call`: a probe with invented arguments (the plan's `calls`, run after the pairs). */
type Item = { probe: ValueProbe; call?: true } | { pair: PairProbe };

function symbolsOf(item: Item): string[] {
  if ('probe' in item) return [item.probe.symbol, ...(item.probe.free ? [item.probe.free.symbol] : [])];
  return [item.pair.constructor.symbol, ...(item.pair.destructor ? [item.pair.destructor.symbol] : [])];
}

function complete(item: Item, probes: readonly ProbeResult[], leaks: readonly LeakResult[]): boolean {
  const result = (symbol: string) => probes.find((p) => p.name === symbol);
  if ('probe' in item) return result(item.probe.symbol) !== undefined;
  const made = result(item.pair.constructor.symbol);
  if (!made) return false;
  if (made.status !== 'ok') return true;
  if (item.pair.destructor) {
    const freed = result(item.pair.destructor.symbol);
    if (!freed) return false;
    if (freed.status !== 'ok') return true;
  }
  return leaks.some((l) => l.constructor === item.pair.constructor.symbol);
}

/** `absent`: symbols the library lacks (the child skipped their probes); `probes`/`leaks`: results so far. */
export function remainingPlan(plan: ChildPlan, absent: ReadonlySet<string>, probes: readonly ProbeResult[], leaks: readonly LeakResult[]): Remaining {
  const items: Item[] = [...plan.probes.map((probe) => ({ probe })), ...plan.pairs.map((pair) => ({ pair })), ...(plan.calls ?? []).map((probe) => ({ probe, call: true as const }))].filter(
    (item) => !symbolsOf(item).some((s) => absent.has(s)),
  );
  const at = items.findIndex((item) => !complete(item, probes, leaks));
  if (at < 0) return { rest: { symbols: [], probes: [], pairs: [] } };
  const after = items.slice(at + 1);
  const calls = after.flatMap((item) => ('probe' in item && item.call ? [item.probe] : []));
  return {
    culprit: symbolsOf(items[at]),
    rest: {
      symbols: [],
      probes: after.flatMap((item) => ('probe' in item && !item.call ? [item.probe] : [])),
      pairs: after.flatMap((item) => ('pair' in item ? [item.pair] : [])),
      ...(calls.length > 0 ? { calls } : {}),
    },
  };
}
