import { exportedSymbol } from '../boundary/exportedSymbols';
import { isForeignAbi } from '../boundary/sites';
import type { CrateModel } from '../crate/crateModel';
import { rangeContains, type Range } from '../engine/types';
import { crateFunctions, factsOf, type CrateFunction } from './callGraph';
import type { BodyFacts, Expr } from './facts';
import { letBefore, localName, originOf, stripCasts } from './values';

/**
 * Which allocations a crate hands to the host and which it takes back: the one table shared by
 * `mismatched-free` and `leaked-ownership` (don't classify allocations anywhere else; extend this module).
 *
 * - A **handout** is an allocation leaving an exported function (returned, or written through an
 *   out-parameter): `Box::into_raw`, `Box::leak`, `CString::into_raw`, `Arc`/`Rc::into_raw`, a `Vec` given up
 *   with `mem::forget`/`ManuallyDrop`, `libc::malloc`. It is keyed by its **boundary type**: the pointee type
 *   the export declares (`*mut Config` → `Config`, `*mut c_char` → `c_char`), which is how a host pairs a
 *   constructor with a destructor.
 * - A **reclaim** is a call that takes ownership back (`Box::from_raw`, `CString::from_raw`, `Arc::from_raw`,
 *   `Vec::from_raw_parts`, `free`), in any crate function (destructors are matched by what they do, never by
 *   name; `impl Drop` bodies count, so drop glue of a containing type is a reclaim). `Box::leak(Box::from_raw(p))`
 *   and a reclaimed box given up again (`into_raw`, `mem::forget`) are borrows, not reclaims.
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
}

export interface Handout {
  export: CrateFunction;
  allocation: Allocation;
  /** Normalised pointee type at the boundary, e.g. `Config`, `c_char`, `c_void`; undefined if not a raw pointer. */
  boundaryType: string | undefined;
  /** The call that gives ownership away (`Box::into_raw(..)`). */
  range: Range;
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
    const facts = factsOf(crate, target);
    if (facts.hasErrors) continue;
    if (isExport(target)) table.handouts.push(...handoutsOf(target, facts));
    table.reclaims.push(...reclaimsOf(target, facts));
  }
  tables.set(crate, table);
  return table;
}

/** A function the host can call: a free function with a foreign ABI and an exported symbol. */
export function isExport(target: CrateFunction): boolean {
  const { fn } = target;
  return fn.context === 'free' && isForeignAbi(fn.abi) && exportedSymbol(fn) !== undefined && fn.generics.length === 0;
}

/** `*mut Config` → `Config`, `*const std::ffi::c_char` → `c_char`, `*mut *mut T` (out-parameter) → `*mut T`; undefined if not a raw pointer. */
export function pointeeOf(typeText: string | undefined): string | undefined {
  const match = typeText ? /^\*\s*(?:const|mut)\s+([\s\S]+)$/.exec(typeText.trim()) : null;
  if (!match) return undefined;
  return normaliseType(match[1]);
}

export function normaliseType(text: string): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  if (compact.startsWith('*') || compact.startsWith('[')) return compact.replace(/\bconst\b/, 'mut');
  return compact.replace(/^(?:[A-Za-z_]\w*::)+/, '');
}

/** Allocations given away by an export: returned values and `*out = ...` writes to its pointer parameters. */
function handoutsOf(target: CrateFunction, facts: BodyFacts): Handout[] {
  const found: Handout[] = [];
  const returnPointee = pointeeOf(target.fn.returnType?.text);
  for (const ret of facts.returns) {
    if (ret.inClosure) continue;
    for (const value of leaves(facts, ret.value)) {
      const allocation = allocationOf(facts, value, returnPointee);
      if (allocation) found.push({ export: target, allocation, boundaryType: returnPointee, range: value.range });
    }
  }
  for (const assignment of facts.assignments) {
    const out = assignment.throughDeref ? localName(assignment.target) : undefined;
    const param = out ? facts.params.find((p) => p.name === out) : undefined;
    if (!param || assignment.inClosure) continue;
    const boundaryType = pointeeOf(pointeeOf(param.type));
    for (const value of leaves(facts, assignment.value)) {
      const allocation = allocationOf(facts, value, boundaryType);
      if (allocation) found.push({ export: target, allocation, boundaryType, range: value.range });
    }
  }
  return found;
}

/** The values an expression can produce, through branches and locals (casts stripped). */
function leaves(facts: BodyFacts, expr: Expr): Expr[] {
  const origin = originOf(facts, expr).expr;
  return origin.kind === 'branches' ? origin.values.flatMap((v) => leaves(facts, v)) : [origin];
}

const INTO_RAW: Record<string, AllocationKind> = { Box: 'box', CString: 'cstring', Arc: 'arc', Rc: 'rc' };

/** What allocation `value` hands out, or undefined if it is not an ownership transfer the table knows. */
function allocationOf(facts: BodyFacts, value: Expr, boundaryType: string | undefined): Allocation | undefined {
  const concrete = boundaryType && boundaryType !== 'c_void' && !boundaryType.startsWith('*') ? boundaryType : undefined;
  if (value.kind === 'call') {
    const fn = value.callee[value.callee.length - 1];
    const owner = value.callee[value.callee.length - 2] ?? '';
    if ((fn === 'into_raw' || (fn === 'leak' && owner === 'Box')) && INTO_RAW[owner]) {
      const kind = INTO_RAW[owner];
      const inner = value.args[0] ? originOf(facts, value.args[0]).expr : undefined;
      if (kind === 'box' && inner && isBoxedSlice(inner)) return { kind: 'boxed-slice', type: undefined };
      if (kind === 'cstring') return { kind, type: 'CString' };
      return { kind, type: typeArgument(value.turbofish) ?? (inner ? constructedType(facts, inner) : undefined) ?? concrete };
    }
    if (fn === 'malloc' || fn === 'calloc' || fn === 'realloc') return { kind: 'malloc', type: undefined };
    return undefined;
  }
  if (value.kind === 'method') {
    if (value.method === 'into_raw' && value.args.length === 0) {
      const receiver = originOf(facts, value.receiver).expr;
      return isCStringValue(facts, receiver) ? { kind: 'cstring', type: 'CString' } : { kind: 'unknown', type: undefined };
    }
    if ((value.method === 'as_mut_ptr' || value.method === 'as_ptr') && value.args.length === 0) return forgottenVec(facts, value.receiver);
  }
  return undefined;
}

function isBoxedSlice(expr: Expr): boolean {
  return (expr.kind === 'method' && expr.method === 'into_boxed_slice') || (expr.kind === 'call' && expr.callee.join('::').endsWith('Box::from') && expr.args.length === 1);
}

/** `Box::new(Config { .. })` → `Config`; `Box::new(Config::new(..))` → `Config`; `Box::new(x)` with `let x: Config` → `Config`. */
function constructedType(facts: BodyFacts, boxed: Expr): string | undefined {
  if (boxed.kind !== 'call' || boxed.callee.join('::') !== 'Box::new' || !boxed.args[0]) return typeArgument(boxed.kind === 'call' ? boxed.turbofish : undefined);
  const value = stripCasts(boxed.args[0]);
  if (value.kind === 'struct') return normaliseType(value.name.replace(/<[\s\S]*$/, ''));
  if (value.kind === 'call' && value.callee.length >= 2 && /^[A-Z]/.test(value.callee[value.callee.length - 2]) && /^(new|default|from|with_\w+|create)$/.test(value.callee[value.callee.length - 1])) return value.callee[value.callee.length - 2];
  const name = localName(value);
  const binding = name ? letBefore(facts, name, value.range.start) : undefined;
  if (binding?.type) return normaliseType(binding.type);
  if (binding?.value) return constructedType(facts, { ...boxed, args: [binding.value] });
  return undefined;
}

/** `<Config>` → `Config`; only a single plain argument counts. */
function typeArgument(turbofish: string | undefined): string | undefined {
  const match = turbofish ? /^<\s*([^,<>]+(?:<[^<>]*>)?)\s*>$/.exec(turbofish) : null;
  return match ? normaliseType(match[1]) : undefined;
}

/** `CString::new(..).unwrap()` / `?` / `.expect(..)`, or a local bound to one (or annotated `CString`). */
export function isCStringValue(facts: BodyFacts, expr: Expr): boolean {
  let value = stripCasts(expr);
  while (value.kind === 'method' && /^(unwrap|expect|unwrap_or_default)$/.test(value.method)) value = stripCasts(value.receiver);
  if (value.kind === 'call') return /^CString::(new|from|from_vec_unchecked|from_vec_with_nul)/.test(value.callee.slice(-2).join('::'));
  const name = localName(value);
  const binding = name ? letBefore(facts, name, value.range.start) : undefined;
  if (binding?.type) return normaliseType(binding.type) === 'CString';
  return binding?.value ? isCStringValue(facts, binding.value) : false;
}

/** `let mut v = vec![..]; let p = v.as_mut_ptr(); mem::forget(v); p` → a `vec` handout. */
function forgottenVec(facts: BodyFacts, receiver: Expr): Allocation | undefined {
  const name = localName(receiver);
  if (!name) return undefined;
  const forgotten = facts.calls.some((c) => /^(forget|ManuallyDrop::new)$/.test(c.expr.callee.slice(-2).join('::').replace(/^mem::/, '')) && c.expr.args.some((a) => localName(a) === name));
  if (!forgotten) return undefined;
  const shrunk = facts.methodCalls.some((m) => m.expr.method === 'shrink_to_fit' && localName(m.expr.receiver) === name);
  return { kind: 'vec', type: undefined, exactCapacity: shrunk };
}

const FROM_RAW: Record<string, AllocationKind> = { Box: 'box', CString: 'cstring', Arc: 'arc', Rc: 'rc' };

/** Calls that take ownership back, minus those immediately given up again (a borrow written as a reclaim). */
function reclaimsOf(target: CrateFunction, facts: BodyFacts): Reclaim[] {
  const givenUp = facts.calls.filter((c) => isGivingUp(c.expr)).flatMap((c) => c.expr.args.map((a) => a.range));
  const found: Reclaim[] = [];
  for (const call of facts.calls) {
    const expr = call.expr;
    const fn = expr.callee[expr.callee.length - 1];
    const owner = expr.callee[expr.callee.length - 2] ?? '';
    let allocation: Allocation | undefined;
    if ((fn === 'from_raw' && FROM_RAW[owner]) || (owner === 'Arc' && fn === 'decrement_strong_count') || (owner === 'Rc' && fn === 'decrement_strong_count')) {
      allocation = { kind: FROM_RAW[owner], type: owner === 'CString' ? 'CString' : reclaimedType(facts, call.range, expr) };
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
