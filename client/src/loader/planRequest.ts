// From the engine's probe plan to what the loader needs: the child's probe list (nothing else from the
// workspace) and the report's notes about what was not called; declared values stay in the parent.
import type { DeclaredValue, ProbePlan } from '../../../server/src/protocol/loader';
import type { LoadRequest } from './runLoad';

export const NO_CRATE_NOTE = 'no crate given: nothing is known about its signatures, so the library is only loaded (pass the crate folder, or --crate DIR with the library, to call its functions)';

export function requestFromPlan(plan: ProbePlan | undefined): Pick<LoadRequest, 'plan' | 'notes' | 'expected' | 'hostImports'> {
  if (!plan) return { plan: undefined, notes: [NO_CRATE_NOTE] };
  const pairNotes = plan.pairs.filter((p) => !p.destructor).map((p) => `${p.constructor.symbol} has no destructor taking \`*mut ${p.type}\`: run a bounded number of times to show its growth`);
  const expected: Record<string, DeclaredValue & { field?: string }> = {};
  for (const p of plan.probes) if (p.expected) expected[p.symbol] = p.expected;
  const calls = plan.calls ?? []; // absent in a plan written by hand
  return {
    plan: { symbols: plan.symbols, probes: plan.probes.map(({ expected: _kept, ...probe }) => probe), pairs: plan.pairs, ...(calls.length > 0 ? { calls: calls.map(({ expected: _kept, ...probe }) => probe) } : {}) },
    expected,
    ...(plan.hostImports && plan.hostImports.length > 0 ? { hostImports: plan.hostImports } : {}),
    notes: [...plan.skipped.map((s) => `${s.symbol} not called: ${s.reason}`), ...pairNotes],
  };
}
