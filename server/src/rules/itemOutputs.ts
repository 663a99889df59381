// Outputs that depend only on a crate's items, kept across crate models (issue 17). A new model is built on every
// analysis; while its body environment token is the same (bodies/bodyEnvironment.ts: the type environment, every
// function's signature by value without its offsets, every other item by identity, module attributes, manifests),
// what a rule computes from items alone is the same, so a keystroke in a function body does not redo it. What such
// an output reads besides the token goes in its `extra` key (compared part by part, by identity).
import type { BodyEnvironmentToken } from '../bodies/bodyEnvironment';
import { tokenOf } from '../bodies/answers';
import type { CrateModel, Module } from '../crate/crateModel';

interface Kept {
  extra: readonly unknown[];
  value: unknown;
}

/** Per token (weakly: a token goes when no recent model has it), per question: the last output. */
const kept = new WeakMap<BodyEnvironmentToken, Map<string, Kept>>();

/** How many outputs were computed and how many reused (tests show the cache is used). */
export const itemOutputCounts = { computed: 0, reused: 0 };

/**
 * `compute()`, or what an earlier model with the same body environment token and the same `extra` parts computed
 * for `question`. The value must not hold objects of the model that the token does not fix (modules, the crate):
 * name them by index, as `keptModuleRef` does.
 */
export function itemOutput<T>(crate: CrateModel, question: string, extra: readonly unknown[], compute: () => T): T {
  const token = tokenOf(crate);
  let byQuestion = kept.get(token);
  if (!byQuestion) kept.set(token, (byQuestion = new Map()));
  const known = byQuestion.get(question);
  if (known && sameParts(known.extra, extra)) {
    itemOutputCounts.reused++;
    return known.value as T;
  }
  itemOutputCounts.computed++;
  const value = compute();
  byQuestion.set(question, { extra, value });
  return value;
}

/** What every suppression check reads besides items and modules: each file's first-line `allow` comment. */
export function fileSuppressionParts(crate: CrateModel): unknown[] {
  const parts: unknown[] = [];
  for (const [file, parsed] of crate.files) parts.push(file, parsed.syntax.fileSuppressed.join(','));
  return parts;
}

/** A module of `crate` or of a dependency: the dependency names that lead to its crate and its index there (stable under a token). */
export interface ModuleRef {
  via: readonly string[];
  index: number;
}

export function moduleRefOf(crate: CrateModel, module: Module): ModuleRef {
  const via = pathTo(crate, module.crate, new Set());
  if (!via) throw new Error(`${crate.rootFile}: module \`${module.path.join('::')}\` is of no crate this one reaches; report this as a bug of the incremental analysis`);
  return { via, index: module.crate.modules.indexOf(module) };
}

/** The module `ref` names in this model (the type environment fixes the dependency names and module lists). */
export function moduleAt(crate: CrateModel, ref: ModuleRef): Module {
  let owner: CrateModel | undefined = crate;
  for (const name of ref.via) owner = owner?.dependencies.get(name);
  const found = owner?.modules[ref.index];
  if (!found) throw new Error(`${crate.rootFile}: a kept output names module ${ref.index} of ${[crate.name, ...ref.via].join(' → ')}, which this model does not have; report this as a bug of the incremental analysis`);
  return found;
}

function pathTo(from: CrateModel, target: CrateModel, visited: Set<CrateModel>): string[] | undefined {
  if (from === target) return [];
  if (visited.has(from)) return undefined;
  visited.add(from);
  for (const [name, dependency] of from.dependencies) {
    const rest = pathTo(dependency, target, visited);
    if (rest) return [name, ...rest];
  }
  return undefined;
}

function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
