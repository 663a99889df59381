// What a body rule's answer for one function depends on besides that function's facts (issue 17): the crate's
// type environment, every function's signature and place (call resolution, `isExport`, generics), the items
// that are not functions (consts read by the guards, macros, statics) and the crate's macro names that catch or
// return. A new crate model is built on every analysis; while all of that is the same, a function whose facts
// are the same object answers the same, as long as the other functions' facts it read are the same objects too
// (they are recorded while the answer is computed and compared when it is reused). An edit inside one function
// body changes none of it: only that function's answers, and those that read its facts, are computed again.
import { isDeepStrictEqual } from 'node:util';
import type { CrateModel } from '../crate/crateModel';
import { environmentToken } from '../boundary/typeEnvironment';
import type { FunctionItem } from '../syntax/items';
import type { BodyFacts } from './facts';

/** Stands for one body environment: equal tokens, equal answers from equal facts. */
export interface BodyEnvironmentToken {
  readonly crate: string;
}

/**
 * Put before a part that is compared by value when it is not the same object (a re-read function's fields are
 * new objects): a marker, not a wrapper, so a model's parts allocate nothing per field.
 */
const BY_VALUE = Symbol('by value');

/** Fields of a function item that say nothing of its body's meaning: offsets move with every edit before it. */
const MOVING_FIELDS = new Set(['startOffset', 'endOffset', 'container']);
/** A container's members are pushed one by one (a moved container is a new object with the same fields). */
const MEMBER_FIELDS = new Set(['functions', 'consts', 'statics']);

interface Recorded {
  parts: unknown[];
  token: BodyEnvironmentToken;
}

const recent = new Map<string, Recorded[]>();
const PER_CRATE = 4;
const MAX_CRATES = 64;
const tokens = new WeakMap<CrateModel, BodyEnvironmentToken>();

/**
 * The model's body environment; `macroNames` says which of the crate's macros catch or return (read from its
 * texts). Every function's signature and place is part of it, so with equal tokens index `i` of `crateFunctions`
 * is the same function in both models.
 */
export function bodyEnvironmentToken(crate: CrateModel, macroNames: readonly string[]): BodyEnvironmentToken {
  const known = tokens.get(crate);
  if (known) return known;
  // The manifest's text too: a guard reads `[build-dependencies]` (built's generated constants).
  const parts: unknown[] = [environmentToken(crate), ...macroNames, BY_VALUE, crate.manifest?.text, BY_VALUE, crate.workspaceRoot?.text];
  for (const module of crate.modules) {
    parts.push(`mod:${module.path.join('::')}:${module.file}`, BY_VALUE, module.syntax.innerAttributes);
    for (const item of module.syntax.items) {
      if (item.kind === 'function') pushSignature(parts, item);
      else if (item.kind === 'impl' || item.kind === 'trait' || item.kind === 'externBlock') {
        const record = item as unknown as Record<string, unknown>;
        for (const key of Object.keys(record)) if (!MEMBER_FIELDS.has(key)) parts.push(key, BY_VALUE, record[key]);
        for (const fn of item.functions) pushSignature(parts, fn);
        for (const member of item.kind === 'externBlock' ? item.statics : item.consts) parts.push(BY_VALUE, { ...member, container: undefined });
      } else parts.push(item);
    }
  }
  // Dependencies: their types are in the type environment; calls resolve within the crate only, and a
  // dependency's macros are in the expanded facts' own cache keys.
  const key = `${crate.rootFile}\0${crate.name}\0${crate.crateTypes.join(',')}\0${crate.cfg.target.triple}\0${[...(crate.cfg.features ?? [])].join(',')}\0${crate.cfg.panic ?? ''}`;
  const records = recent.get(key) ?? [];
  const match = records.find((record) => sameParts(record.parts, parts));
  const token = match?.token ?? { crate: crate.rootFile };
  recent.delete(key);
  if (recent.size >= MAX_CRATES) recent.delete(recent.keys().next().value!);
  recent.set(key, [{ parts, token }, ...records.filter((record) => record !== match)].slice(0, PER_CRATE));
  tokens.set(crate, token);
  return token;
}

function pushSignature(parts: unknown[], fn: FunctionItem): void {
  parts.push('fn');
  for (const key of Object.keys(fn) as (keyof FunctionItem)[]) if (!MOVING_FIELDS.has(key)) parts.push(key, BY_VALUE, fn[key]);
}

function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    // Every part before is equal, so b[i - 1] is the marker too.
    if (i === 0 || a[i - 1] !== BY_VALUE || !isDeepStrictEqual(x, y)) return false;
  }
  return true;
}

/** Facts of another function read while an answer was computed: by its index in the crate's function list. */
export interface FactsRead {
  index: number;
  facts: BodyFacts;
}

const tracking: FactsRead[][] = [];

/** Called by `factsOf`: every answer being computed depends on what it reads. */
export function recordRead(index: number, facts: BodyFacts): void {
  for (const reads of tracking) reads.push({ index, facts });
}

/** `compute()`, with the facts it read. */
export function tracked<T>(compute: () => T): { value: T; reads: FactsRead[] } {
  const reads: FactsRead[] = [];
  tracking.push(reads);
  try {
    return { value: compute(), reads };
  } finally {
    tracking.pop();
  }
}

interface Answer {
  token: BodyEnvironmentToken;
  index: number;
  reads: FactsRead[];
  value: unknown;
}

/**
 * Per facts object (weakly: an answer goes with the facts the body cache let go), per question: the last answer.
 * The same facts can stand for two functions (one text at one position in two files): the index tells them apart.
 */
const answers = new WeakMap<BodyFacts, Map<string, Answer>>();

/** How many answers were computed and how many reused (tests show the memo is used). */
export const bodyAnswerCounts = { computed: 0, reused: 0 };

/**
 * `compute()` for function `index` (whose facts are `facts`) under `token`, or what an earlier model of the same
 * environment computed from the same facts, when every facts object that computation read is still current
 * (`current(i)`: function `i`'s facts in this model). `kind` names the question (one answer per rule's question).
 */
export function memoised<T>(token: BodyEnvironmentToken, kind: string, index: number, facts: BodyFacts, current: (index: number) => BodyFacts, compute: () => T): T {
  let byKind = answers.get(facts);
  if (!byKind) answers.set(facts, (byKind = new Map()));
  const known = byKind.get(kind);
  if (known && known.token === token && known.index === index && known.reads.every((read) => current(read.index) === read.facts)) {
    bodyAnswerCounts.reused++;
    return known.value as T;
  }
  bodyAnswerCounts.computed++;
  const { value, reads } = tracked(compute);
  byKind.set(kind, { token, index, reads, value });
  return value;
}
