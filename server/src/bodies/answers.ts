// One entry point for the body rules' per-function answers kept across crate models (bodyEnvironment.ts).
import type { CrateModel } from '../crate/crateModel';
import { bodyEnvironmentToken, memoised, type BodyEnvironmentToken } from './bodyEnvironment';
import { crateFunctions, factsOf, functionPosition, type CrateFunction } from './callGraph';
import { catchingMacros, returningCheckMacros } from './unwindHelpers';

const tokens = new WeakMap<CrateModel, BodyEnvironmentToken>();

/** The model's body environment token (also the key of item-only rules' outputs, rules/itemOutputs.ts). */
export function tokenOf(crate: CrateModel): BodyEnvironmentToken {
  let token = tokens.get(crate);
  if (!token) {
    const names = [`catching:${[...catchingMacros(crate)].join(',')}`, `checks:${[...returningCheckMacros(crate)].join(',')}`];
    tokens.set(crate, (token = bodyEnvironmentToken(crate, names)));
  }
  return token;
}

/**
 * `compute()` for `target`, reused from an earlier model when nothing it depends on changed. The answer must be
 * plain data of facts and positions: no object of the crate model (a function is named by its index in
 * `crateFunctions`, see `functionAt`).
 */
export function answerFor<T>(crate: CrateModel, target: CrateFunction, kind: string, compute: () => T): T {
  const index = functionPosition(crate, target);
  if (index === undefined) return compute();
  const all = crateFunctions(crate);
  return memoised(tokenOf(crate), kind, index, factsOf(crate, target), (i) => factsOf(crate, all[i]), compute);
}

/** The function an answer names by index (its place in `crateFunctions(crate)`). */
export function functionAt(crate: CrateModel, index: number): CrateFunction {
  return crateFunctions(crate)[index];
}

/** The index an answer names `target` by. */
export function indexOfFunction(crate: CrateModel, target: CrateFunction): number {
  const index = functionPosition(crate, target);
  if (index === undefined) throw new Error(`${target.file}: \`${target.fn.name}\` is not in its crate's function list; report this as a bug of the body analysis`);
  return index;
}
