// `rustPluginGuard/probePlan`: the extension asks which exports of a crate the loader may call.
import { planProbes } from '../boundary/probePlan';
import type { Engine } from '../engine/engine';
import type { ProbePlanParams, ProbePlanResult } from '../protocol/loader';
import { requestedCrate } from './requestedCrate';

export async function probePlanFor(engine: Engine | undefined, params: ProbePlanParams): Promise<ProbePlanResult> {
  const requested = await requestedCrate(engine, params.uri, ' to load');
  return 'error' in requested ? requested : { plan: planProbes(requested.crate) };
}
