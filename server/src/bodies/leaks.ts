import type { CrateModel } from '../crate/crateModel';
import type { Range } from '../engine/types';
import { factsOf, resolveCall, type CrateFunction } from './callGraph';
import type { BodyFacts, Expr } from './facts';

// leaked-ownership's value following. TODO(next): move onto `ownership.ts`'s shared `ownershipTable`, which
// mismatched-free uses, so allocations are classified in one place.

/** What kind of allocation is handed out, and the reclaim that matches it. */
export type LeakKind = 'Box' | 'CString' | 'Arc' | 'Rc' | 'Vec';

/** A Rust allocation whose ownership leaves through the boundary. */
export interface Giveaway {
  kind: LeakKind;
  /** The pointee for `Box`/`Arc`/`Rc` (`Config`), or `undefined` when the source does not tell. */
  type: string | undefined;
  /** The call that gives ownership away (`Box::into_raw(..)`, `mem::forget(v)`), and its file. */
  range: Range;
  file: string;
  /** How it leaves: "returned", "written through `out`", "returned in field `handle`". */
  via: string;
}

/** How many crate helper calls deep a value is followed. */
const MAX_DEPTH = 3;

const INTO_RAW: Record<string, LeakKind> = { Box: 'Box', CString: 'CString', Arc: 'Arc', Rc: 'Rc' };

type Origin = Omit<Giveaway, 'via'>;

/** Only `Box`, `Arc` and `Rc` are reclaimed per pointee type. */
function typed(origin: Origin): boolean {
  return origin.kind === 'Box' || origin.kind === 'Arc' || origin.kind === 'Rc';
}

/**
 * Allocations an exported function hands to its caller: returned (also in fields of a returned struct
 * literal) or written through a pointer parameter, followed through locals, casts, branches and crate helper
 * functions. Values that go anywhere else (collections, unknown functions) are not followed: no guess.
 */
export function giveawaysOf(crate: CrateModel, target: CrateFunction): Giveaway[] {
  const facts = factsOf(crate, target);
  const found: Giveaway[] = [];
  for (const ret of facts.returns) {
    const values = ret.value.kind === 'struct' ? ret.value.fields.map((f) => ({ value: f.value, via: `returned in field \`${f.name}\`` })) : [{ value: ret.value, via: 'returned' }];
    for (const { value, via } of values) {
      const origin = originOf(crate, target, facts, value, 0);
      if (origin) found.push({ ...origin, type: typed(origin) ? (origin.type ?? (via === 'returned' ? pointeeOf(target.fn.returnType?.text) : undefined)) : undefined, via });
    }
  }
  for (const assignment of facts.assignments) {
    if (!assignment.throughDeref || assignment.target.kind !== 'path') continue;
    const param = facts.params.find((p) => p.name === assignment.target.text);
    if (!param) continue;
    const origin = originOf(crate, target, facts, assignment.value, 0);
    if (origin) found.push({ ...origin, type: typed(origin) ? (origin.type ?? pointeeOf(pointeeOf(param.type))) : undefined, via: `written through \`${param.name}\`` });
  }
  return found;
}

function bindingOf(facts: BodyFacts, name: string) {
  return [...facts.lets].reverse().find((l) => l.name === name);
}

function originOf(crate: CrateModel, fn: CrateFunction, facts: BodyFacts, expr: Expr, depth: number, seen = new Set<string>()): Origin | undefined {
  switch (expr.kind) {
    case 'cast':
    case 'try':
      return originOf(crate, fn, facts, expr.value, depth, seen);
    case 'branches':
      for (const value of expr.values) {
        const origin = originOf(crate, fn, facts, value, depth, seen);
        if (origin) return origin;
      }
      return undefined;
    case 'path': {
      if (expr.segments.length !== 1 || seen.has(expr.text)) return undefined;
      seen.add(expr.text);
      const binding = [...facts.lets].reverse().find((l) => l.name === expr.text && l.range.start.line <= expr.range.start.line);
      return binding?.value ? originOf(crate, fn, facts, binding.value, depth, seen) : undefined;
    }
    case 'call': {
      const [owner, name] = expr.callee.slice(-2);
      if ((name === 'into_raw' || (name === 'leak' && owner === 'Box')) && INTO_RAW[owner]) {
        // `Box::leak(Box::from_raw(p))` borrows what the host already owns.
        if (expr.args[0]?.kind === 'call' && expr.args[0].callee[expr.args[0].callee.length - 1] === 'from_raw') return undefined;
        const kind = INTO_RAW[owner];
        return { kind, type: kind === 'CString' ? undefined : (typeArgument(expr.turbofish) ?? boxedType(facts, expr.args[0])), range: expr.range, file: fn.file };
      }
      if (name === 'Some' || name === 'NonNull' || (owner === 'NonNull' && name === 'new_unchecked')) return expr.args[0] ? originOf(crate, fn, facts, expr.args[0], depth, seen) : undefined;
      if (depth >= MAX_DEPTH) return undefined;
      const helper = resolveCall(crate, fn, expr);
      return helper ? helperOrigin(crate, helper, depth) : undefined;
    }
    case 'method': {
      if (expr.method === 'into_raw' && expr.args.length === 0 && /\bCString\b/.test(expr.receiver.text)) {
        return { kind: 'CString', type: undefined, range: expr.range, file: fn.file };
      }
      if (expr.method === 'cast' || expr.method === 'as_ptr' || expr.method === 'as_mut_ptr') {
        if (expr.method !== 'cast') {
          const forgotten = forgottenVec(facts, expr.receiver, fn.file);
          if (forgotten) return forgotten;
        }
        return originOf(crate, fn, facts, expr.receiver, depth, seen);
      }
      if (depth >= MAX_DEPTH) return undefined;
      const helper = resolveCall(crate, fn, expr);
      return helper ? helperOrigin(crate, helper, depth) : undefined;
    }
    default:
      return undefined;
  }
}

/** What a crate helper returns, if it hands out an allocation (`fn into_handle<T>(v: T) -> *mut T`). */
function helperOrigin(crate: CrateModel, helper: CrateFunction, depth: number): Origin | undefined {
  const facts = factsOf(crate, helper);
  for (const ret of facts.returns) {
    const origin = originOf(crate, helper, facts, ret.value, depth + 1);
    if (origin) return origin.type && !helper.fn.generics.includes(origin.type) ? origin : { ...origin, type: undefined };
  }
  return undefined;
}

/** `v.as_mut_ptr()` where `v` is a `Vec`/`String` the function forgets (`mem::forget(v)`) or wraps in `ManuallyDrop`. */
function forgottenVec(facts: BodyFacts, receiver: Expr, file: string): Origin | undefined {
  if (receiver.kind !== 'path' || receiver.segments.length !== 1) return undefined;
  const name = receiver.text;
  const forget = facts.calls.find((c) => c.expr.callee[c.expr.callee.length - 1] === 'forget' && c.expr.args[0]?.text === name);
  if (forget) return { kind: 'Vec', type: undefined, range: forget.expr.range, file };
  const binding = bindingOf(facts, name);
  if (binding?.value?.kind === 'call' && binding.value.callee.join('::').endsWith('ManuallyDrop::new')) return { kind: 'Vec', type: undefined, range: binding.value.range, file };
  return undefined;
}

/** `Box::new(Config { .. })`, `Box::new(Config::new())`, or a local bound to one of them. */
function boxedType(facts: BodyFacts, arg: Expr | undefined, depth = 0): string | undefined {
  if (!arg || depth > 4) return undefined;
  if (arg.kind === 'path' && arg.segments.length === 1) {
    const binding = bindingOf(facts, arg.text);
    return typeArgument(binding?.type) ?? boxedType(facts, binding?.value, depth + 1);
  }
  if (arg.kind === 'call' && arg.callee.join('::').endsWith('Box::new')) {
    const inner = arg.args[0];
    if (inner?.kind === 'struct') return inner.name;
    if (inner?.kind === 'call' && inner.callee.length >= 2 && /^[A-Z]/.test(inner.callee[inner.callee.length - 2])) return inner.callee[inner.callee.length - 2];
    if (inner?.kind === 'path' && inner.segments.length === 1) {
      const binding = bindingOf(facts, inner.text);
      if (binding?.type) return binding.type.trim();
      if (binding?.value?.kind === 'struct') return binding.value.name;
      if (binding?.value?.kind === 'call' && binding.value.callee.length >= 2) return binding.value.callee[binding.value.callee.length - 2];
    }
  }
  return undefined;
}

/** `<Config>` / `Box<Config>` → `Config`. */
function typeArgument(text: string | undefined): string | undefined {
  const match = text ? /<\s*([^<>]+?)\s*>/.exec(text) : null;
  return match?.[1];
}

/** `*mut Config` → `Config`; c_void and anything not a pointer → undefined. */
function pointeeOf(type: string | undefined): string | undefined {
  const match = type ? /^\*\s*(?:mut|const)\s+(.+)$/.exec(type.trim()) : null;
  if (!match) return undefined;
  const inner = match[1].trim();
  return /\bc_void$/.test(inner) ? undefined : inner;
}

/** A reclaim found in the crate: what it takes back, and the pointee when known. */
export interface LeakReclaim {
  kind: LeakKind;
  type: string | undefined;
}

const RECLAIM_MARKERS = /from_raw|decrement_strong_count/;

/** Every reclaim anywhere in the crate (destructors, drop glue, helpers and trait impls all count). */
export function reclaimsIn(crate: CrateModel, functions: readonly CrateFunction[]): LeakReclaim[] {
  const found: LeakReclaim[] = [];
  for (const target of functions) {
    const text = crate.files.get(target.file)?.text.slice(target.fn.startOffset, target.fn.endOffset) ?? '';
    if (!RECLAIM_MARKERS.test(text)) continue;
    const facts = factsOf(crate, target);
    for (const call of facts.calls) {
      const [owner, name] = call.expr.callee.slice(-2);
      if (name === 'from_raw' && (owner === 'Box' || owner === 'CString' || owner === 'Arc' || owner === 'Rc')) {
        found.push({ kind: owner, type: owner === 'CString' ? undefined : reclaimedType(target, facts, call.expr) });
      } else if (name === 'decrement_strong_count' && (owner === 'Arc' || owner === 'Rc')) {
        found.push({ kind: owner, type: undefined });
      } else if (name === 'from_raw_parts' && (owner === 'Vec' || owner === 'String')) {
        found.push({ kind: 'Vec', type: undefined });
      }
    }
  }
  return found;
}

function reclaimedType(target: CrateFunction, facts: BodyFacts, call: Extract<Expr, { kind: 'call' }>): string | undefined {
  const explicit = typeArgument(call.turbofish);
  if (explicit) return generic(target, explicit);
  const arg = call.args[0];
  if (arg?.kind === 'cast') return generic(target, pointeeOf(arg.type));
  if (arg?.kind === 'path') {
    const param = facts.params.find((p) => p.name === arg.text);
    return generic(target, pointeeOf(param?.type ?? bindingOf(facts, arg.text)?.type));
  }
  return undefined;
}

/** A generic parameter reclaims any type. */
function generic(target: CrateFunction, type: string | undefined): string | undefined {
  return type && !target.fn.generics.includes(type) ? type : undefined;
}

/** Whether some reclaim in the crate takes back this kind of allocation (unknown types match anything). */
export function isReclaimed(giveaway: Giveaway, reclaims: readonly LeakReclaim[]): boolean {
  return reclaims.some((r) => {
    if (giveaway.kind === 'Vec') return r.kind === 'Vec' || r.kind === 'Box';
    if (r.kind !== giveaway.kind) return false;
    return r.type === undefined || giveaway.type === undefined || sameType(r.type, giveaway.type);
  });
}

function sameType(a: string, b: string): boolean {
  const last = (t: string) => t.replace(/\s+/g, '').split('::').pop();
  return last(a) === last(b);
}
