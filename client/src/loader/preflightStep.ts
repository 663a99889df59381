// Runs the preflight (headers and exports read without loading) and turns its result into what the load
// report needs: a refusal when dlopen would choke, the export list, missing and stale symbols.
import type { CrateModel } from '../../../server/src/crate/crateModel';
import type { ProbePlan } from '../../../server/src/protocol/loader';
import { preflight, preflightCrate, type PreflightResult, type RequiredSymbolInput } from './preflight';
import type { SymbolProblem } from './report';

export interface PreflightOutcome {
  refusal?: string;
  exports?: string[];
  /** Defined when the exports could be compared: then the child's own symbol lookup is not needed. */
  missingSymbols?: SymbolProblem[];
  staleSymbols?: SymbolProblem[];
  notes: string[];
}

export function preflightOutcome(result: PreflightResult): PreflightOutcome {
  if (result.error) return { refusal: result.error.message, notes: [] };
  if (!result.canLoad) return { refusal: result.problems.map((p) => p.message).join('; '), exports: result.library?.exports, notes: [] };
  const missing: SymbolProblem[] = [];
  const stale: SymbolProblem[] = [];
  for (const m of result.missingFromLibrary) (result.staleBuild ? stale : missing).push({ name: m.symbol, message: m.message });
  for (const m of result.missingRequired) {
    // In the source too: one entry, the source's (stale: rebuild), saying the interface requires it.
    const known = [...missing, ...stale].find((p) => p.name === m.symbol);
    if (known) Object.assign(known, m.declaredAt ? { requiredBy: m.declaredAt } : {});
    else missing.push({ name: m.symbol, message: m.message, ...(m.declaredAt ? { requiredBy: m.declaredAt } : {}) });
  }
  const notes = result.staleBuild ? [result.staleBuild.message] : [];
  return { exports: result.library?.exports, missingSymbols: missing, staleSymbols: stale, notes };
}

/** For a library given with its crate (exports compared, build age checked) or alone; `bytes`: the file read already. */
export async function runPreflight(library: string, crate: CrateModel | undefined, requiredSymbols?: readonly RequiredSymbolInput[], bytes?: Promise<Uint8Array>): Promise<PreflightOutcome> {
  const result = crate ? await preflightCrate(library, crate, { requiredSymbols, bytes }) : await preflight({ libraryPath: library, sourceExports: [], requiredSymbols, bytes });
  return preflightOutcome(result);
}

/** The same from a probe plan (the extension has the plan from the language server, not a crate model). */
export async function runPreflightForPlan(library: string, plan: ProbePlan | undefined): Promise<PreflightOutcome> {
  return preflightOutcome(await preflight({ libraryPath: library, sourceExports: plan?.exports ?? [], sourceFiles: plan?.sourceFiles, requiredSymbols: plan?.requiredSymbols }));
}
