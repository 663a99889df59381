// What a type written in a crate means (issue 17): every name a type walk can reach — ADTs, aliases, imports,
// traits, the module tree, local dependencies — and nothing else. A new crate model is built on every analysis,
// but as long as those are the same objects (incremental extraction reuses unedited items), a type walk gives the
// same answer: the token below stays the same, and answers cached under it hold. An edit inside a function body
// touches none of them.
import type { CrateModel } from '../crate/crateModel';

/** Stands for one type environment: equal tokens, equal meaning of every type in the crate. */
export interface EnvironmentToken {
  readonly crate: string;
}

interface Recorded {
  parts: unknown[];
  token: EnvironmentToken;
}

/**
 * The last environments seen per crate (root file, target, features): a model compares with these only. A few,
 * not one, so that two views of one crate (an engine per test, a lib and a bin target sharing files) do not make
 * each other miss. A key that is not the crate's identity only costs a miss (a fresh token), never a wrong answer.
 */
const recent = new Map<string, Recorded[]>();
const PER_CRATE = 4;
const MAX_CRATES = 64;
const tokens = new WeakMap<CrateModel, EnvironmentToken>();

export function environmentToken(crate: CrateModel): EnvironmentToken {
  const known = tokens.get(crate);
  if (known) return known;
  const parts: unknown[] = [];
  environmentParts(crate, parts, new Set());
  const key = `${crate.rootFile}\0${crate.name}\0${crate.crateTypes.join(',')}\0${crate.cfg.target.triple}\0${[...(crate.cfg.features ?? [])].join(',')}`;
  const records = recent.get(key) ?? [];
  const match = records.find((record) => sameParts(record.parts, parts));
  const token = match?.token ?? { crate: crate.rootFile };
  // The newest first; the parts kept are this model's, so the items of older revisions are not held.
  const kept = [{ parts, token }, ...records.filter((record) => record !== match)].slice(0, PER_CRATE);
  recent.delete(key);
  if (recent.size >= MAX_CRATES) recent.delete(recent.keys().next().value!);
  recent.set(key, kept);
  tokens.set(crate, token);
  return token;
}

/**
 * Strings for what is named by text (module paths, files, trait names, dependency names), and the item objects
 * themselves for what a walk reads (an ADT's fields and `repr`, an alias's target, an import's path).
 */
function environmentParts(crate: CrateModel, parts: unknown[], visited: Set<CrateModel>): void {
  if (visited.has(crate)) {
    parts.push(`cycle:${crate.rootFile}`);
    return;
  }
  visited.add(crate);
  parts.push(`crate:${crate.name}:${crate.edition}:${crate.rootFile}`);
  for (const module of crate.modules) {
    parts.push(`mod:${module.path.join('::')}:${module.file}:${module.parent?.path.join('::') ?? ''}`);
    for (const item of module.syntax.items) {
      switch (item.kind) {
        case 'struct':
        case 'enum':
        case 'union':
        case 'typeAlias':
        case 'use':
          parts.push(item);
          break;
        case 'trait':
          // Only its name is a definition; its methods are sites of their own (and copied on every move).
          parts.push(`trait:${item.name}`);
          break;
        default:
          // Functions, impls, extern blocks, statics, consts and macros define no type name; a `mod` is the
          // module pushed above, and a macro's expansion is in `crate.modules` already.
          break;
      }
    }
  }
  for (const [name, dependency] of [...crate.dependencies].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(`dependency:${name}`);
    environmentParts(dependency, parts, visited);
  }
  parts.push('end');
}

function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
