import { exportedSymbol } from '../boundary/exportedSymbols';
import { handedFunctions } from '../boundary/handedFunctions';
import { isForeignAbi } from '../boundary/sites';
import { guestSignals } from '../wit/guest';
import type { CrateModel } from '../crate/crateModel';
import { rangeContains, type Range } from '../engine/types';
import { normaliseType, ownedBoxType, pointeeOf, sameType, typeArgument } from './boundaryTypes';
import { answerFor } from './answers';
import { crateFunctions, factsOf, type CrateFunction } from './callGraph';
import { functionText } from './functionText';
import type { BodyFacts, Expr } from './facts';
import { handoutsOf, RAW_OWNERS } from './handouts';
import { localName, originOf, stripCasts } from './values';

export { normaliseType, pointeeOf } from './boundaryTypes';

/**
 * Which allocations a crate hands to the host and which it takes back: the one table shared by
 * `mismatched-free` and `leaked-ownership` (don't classify allocations anywhere else; extend this module).
 *
 * - A **handout** is an allocation leaving an exported function (returned, or written through an
 *   out-parameter): `Box::into_raw`, `Box::leak`, `CString::into_raw`, `Arc`/`Rc::into_raw`, a `Vec` given up
 *   with `mem::forget`/`ManuallyDrop`, `libc::malloc`. It is keyed by its **boundary type**: the pointee type
 *   the export declares (`*mut Config` → `Config`, `*mut c_char` → `c_char`), which is how a host pairs a
 *   constructor with a destructor.
 *   Values are followed through locals, `Some`/`NonNull`, fields of a returned struct literal and crate
 *   helpers a few calls deep (`handouts.ts`).
 * - A **reclaim** is a call that takes ownership back (`Box::from_raw`, `CString::from_raw`, `Arc::from_raw`,
 *   `Vec::from_raw_parts`, `free`), in any crate function (destructors are matched by what they do, never by
 *   name; `impl Drop` bodies count, so drop glue of a containing type is a reclaim), or an export taking
 *   `Box<T>` / `Option<Box<T>>` by value (its drop glue frees the box). `Box::leak(Box::from_raw(p))` and a
 *   reclaimed box given up again (`into_raw`, `mem::forget`) are borrows, not reclaims. A generic or `Self`
 *   type in a trait's helper reclaims any type.
 *
 * Anything not recognised has kind `unknown`, which callers must treat as "could be right".
 */

export type AllocationKind = 'box' | 'boxed-slice' | 'cstring' | 'arc' | 'rc' | 'vec' | 'malloc' | 'unknown';

export interface Allocation {
  kind: AllocationKind;
  /** The owned type's name when the source says it (`Config` for `Box<Config>`), else undefined. */
  type: string | undefined;
  /** For `vec`: the handout called `shrink_to_fit` (its capacity is then its length in practice). */
  exactCapacity?: boolean;
  /** Leaked on every call to hand out a pointer into it (`Box::leak`, `String::leak`): the call, and what it leaks. */
  leakedPerCall?: string;
  leakedWhat?: string;
}

export interface Handout {
  export: CrateFunction;
  allocation: Allocation;
  /** Normalised pointee type at the boundary, e.g. `Config`, `c_char`, `c_void`; undefined if not a raw pointer. */
  boundaryType: string | undefined;
  /** The call that gives ownership away (`Box::into_raw(..)`), and its file (a helper's, when followed into one). */
  range: Range;
  file: string;
  /** How it leaves the export: "returned", "written through `out`", "returned in field `handle`". */
  via: string;
}

export interface Reclaim {
  fn: CrateFunction;
  allocation: Allocation;
  /** The call that takes ownership back. */
  range: Range;
  /** The parameter the reclaimed pointer comes from, if it is one. */
  param: string | undefined;
  /** The parameter's normalised pointee type. */
  boundaryType: string | undefined;
  /** `Vec::from_raw_parts(ptr, len, cap)`: the length and capacity arguments' text. */
  lengthArg?: string;
  capacityArg?: string;
  /** An export's `Box<T>` / `Option<Box<T>>` parameter: freed by drop glue (`range` is the parameter). */
  byValue?: true;
}

export interface OwnershipTable {
  handouts: Handout[];
  reclaims: Reclaim[];
}

const tables = new WeakMap<CrateModel, OwnershipTable>();

/** The crate's handouts (from exported functions) and reclaims (anywhere in the crate), computed once per model. */
export function ownershipTable(crate: CrateModel): OwnershipTable {
  let table = tables.get(crate);
  if (table) return table;
  table = { handouts: [], reclaims: [] };
  for (const target of crateFunctions(crate)) {
    const exported = isExport(target);
    // Only exports and functions that mention a reclaim are parsed: most helpers need not be.
    if (!exported && !RECLAIM_MARKERS.test(functionText(crate, target))) continue;
    // Kept across models while the body environment and the facts it read are the same (answers.ts); the
    // function itself is this model's.
    const own = answerFor(crate, target, exported ? 'ownership-export' : 'ownership', () => ownershipOf(crate, target, exported));
    for (const handout of own.handouts) table.handouts.push({ ...handout, export: target });
    for (const reclaim of own.reclaims) table.reclaims.push({ ...reclaim, fn: target });
  }
  tables.set(crate, table);
  return table;
}

/** One function's handouts (if it is an export) and reclaims, without the function (answers hold no model object). */
function ownershipOf(crate: CrateModel, target: CrateFunction, exported: boolean): { handouts: Omit<Handout, 'export'>[]; reclaims: Omit<Reclaim, 'fn'>[] } {
  const facts = factsOf(crate, target);
  if (facts.hasErrors) return { handouts: [], reclaims: [] };
  const handouts = exported ? handoutsOf(crate, target, facts).map(({ export: _export, ...handout }) => handout) : [];
  const reclaims = [...reclaimsOf(target, facts), ...(exported ? byValueReclaims(target, facts) : [])].map(({ fn: _fn, ...reclaim }) => reclaim);
  return { handouts, reclaims };
}

/**
 * A function the host can call: a free function with a foreign ABI and an exported symbol, or one handed to
 * the host in a vtable (`boundary/handedFunctions.ts`). Not the exports of a WebAssembly component guest that
 * writes its canonical ABI by hand (`wit/guest.ts`): a component runtime calls those, with arguments the guest's
 * own `cabi_realloc` allocated, `cabi_post_*` to free results, and a trap (not a host abort) on a panic.
 */
export function isExport(target: CrateFunction): boolean {
  const { fn } = target;
  if (fn.context !== 'free' || !isForeignAbi(fn.abi) || fn.generics.length > 0) return false;
  if ((guestSignals(target.module.crate)?.canonicalExports.length ?? 0) > 0) return false;
  return exportedSymbol(fn) !== undefined || handedFunctions(target.module.crate).has(fn);
}

/** Whether a reclaim of `reclaim` can be right for what was handed out as `handout`; unknown kinds always can. */
export function mayReclaim(handout: Allocation, reclaim: Allocation): boolean {
  if (handout.kind === 'unknown' || reclaim.kind === 'unknown') return true;
  switch (reclaim.kind) {
    case 'malloc':
      return handout.kind === 'malloc';
    case 'vec':
      return handout.kind === 'vec' || handout.kind === 'boxed-slice';
    case 'box':
      if (handout.kind === 'boxed-slice') return reclaim.type === undefined || reclaim.type.startsWith('[');
      return handout.kind === 'box' && sameType(handout.type, reclaim.type);
    default:
      return handout.kind === reclaim.kind && sameType(handout.type, reclaim.type);
  }
}

const RECLAIM_MARKERS = /from_raw|decrement_strong_count|\bfree\b/;

/** `fn plugin_free(h: Option<Box<Handle>>) {}`: the host's pointer becomes a box that is dropped. */
function byValueReclaims(target: CrateFunction, facts: BodyFacts): Reclaim[] {
  const found: Reclaim[] = [];
  for (const param of facts.params) {
    const type = param.name ? ownedBoxType(param.type) : undefined;
    if (type) found.push({ fn: target, allocation: { kind: 'box', type: generic(target, type) }, range: param.range, param: param.name, boundaryType: type, byValue: true });
  }
  return found;
}

/** A generic parameter (or `Self` of a trait) names any type: undefined. `Self` of an impl is its type. */
function generic(target: CrateFunction, type: string | undefined): string | undefined {
  if (type === 'Self') return target.fn.selfType && target.fn.selfType.text !== 'Self' ? normaliseType(target.fn.selfType.text.replace(/<[\s\S]*$/, '')) : undefined;
  return type && !target.fn.generics.includes(type) ? type : undefined;
}

/** Calls that take ownership back, minus those immediately given up again (a borrow written as a reclaim). */
function reclaimsOf(target: CrateFunction, facts: BodyFacts): Reclaim[] {
  const givenUp = facts.calls.filter((c) => isGivingUp(c.expr)).flatMap((c) => c.expr.args.map((a) => a.range));
  const found: Reclaim[] = [];
  for (const call of facts.calls) {
    const expr = call.expr;
    const fn = expr.callee[expr.callee.length - 1];
    const owner = expr.callee[expr.callee.length - 2] ?? '';
    let allocation: Allocation | undefined;
    if ((fn === 'from_raw' && RAW_OWNERS[owner]) || (owner === 'Arc' && fn === 'decrement_strong_count') || (owner === 'Rc' && fn === 'decrement_strong_count')) {
      allocation = { kind: RAW_OWNERS[owner], type: owner === 'CString' ? 'CString' : generic(target, reclaimedType(facts, call.range, expr)) };
    } else if (fn === 'from_raw_parts' && (owner === 'Vec' || owner === 'String')) {
      allocation = { kind: 'vec', type: undefined };
    } else if (fn === 'free' && (expr.callee.length === 1 || owner === 'libc')) {
      allocation = { kind: 'malloc', type: undefined };
    }
    if (!allocation || !expr.args[0] || givenUp.some((r) => rangeContains(r, expr.range)) || isBorrowedBack(facts, call.range)) continue;
    const param = localName(originOf(facts, expr.args[0]).expr);
    const paramFact = param ? facts.params.find((p) => p.name === param) : undefined;
    found.push({
      fn: target,
      allocation,
      range: expr.range,
      param: paramFact ? param : undefined,
      boundaryType: pointeeOf(paramFact?.type),
      ...(allocation.kind === 'vec' && expr.args.length === 3 ? { lengthArg: expr.args[1].text.trim(), capacityArg: expr.args[2].text.trim() } : {}),
    });
  }
  return found;
}

/** `Box::leak(..)`, `mem::forget(..)`, `ManuallyDrop::new(..)`, `Box::into_raw(..)`: the argument is not dropped. */
function isGivingUp(expr: Extract<Expr, { kind: 'call' }>): boolean {
  const tail = expr.callee.slice(-2).join('::');
  return /(^|::)(forget|leak|into_raw)$/.test(tail) || tail === 'ManuallyDrop::new';
}

/** `let b = Box::from_raw(p); ...; Box::into_raw(b)` (or `mem::forget(b)`, `b.into_raw()`): a borrow. */
function isBorrowedBack(facts: BodyFacts, callRange: Range): boolean {
  const binding = facts.lets.find((l) => l.value && rangeContains(l.range, callRange) && l.name);
  if (!binding?.name) return false;
  const name = binding.name;
  return facts.calls.some((c) => isGivingUp(c.expr) && c.expr.args.some((a) => localName(a) === name)) || facts.methodCalls.some((m) => localName(m.expr.receiver) === name && /^(into_raw|leak)$/.test(m.expr.method));
}

/** The type a `Box::from_raw` rebuilds: the turbofish, a `let b: Box<T>` annotation, or the pointer's cast / parameter type. */
function reclaimedType(facts: BodyFacts, callRange: Range, expr: Extract<Expr, { kind: 'call' }>): string | undefined {
  const fromTurbofish = typeArgument(expr.turbofish);
  if (fromTurbofish) return fromTurbofish;
  const annotated = facts.lets.find((l) => l.type && l.value && rangeContains(l.value.range, callRange) && stripCasts(l.value).range === l.value.range);
  const boxed = annotated?.type ? /^(?:Box|Arc|Rc)<([\s\S]+)>$/.exec(annotated.type.trim()) : null;
  if (boxed) return normaliseType(boxed[1]);
  const arg = expr.args[0];
  const cast = castTarget(arg);
  if (cast) return cast === 'c_void' ? undefined : cast;
  const name = localName(arg);
  const param = name ? facts.params.find((p) => p.name === name) : undefined;
  const pointee = pointeeOf(param?.type);
  return pointee && pointee !== 'c_void' ? pointee : undefined;
}

/** `p as *mut T` → `T`; `p.cast::<T>()` → `T`. */
function castTarget(expr: Expr): string | undefined {
  if (expr.kind === 'cast') return pointeeOf(expr.type);
  if (expr.kind === 'method' && expr.method === 'cast') return typeArgument(/::\s*(<[\s\S]*>)\s*\(/.exec(expr.text)?.[1]);
  return undefined;
}
