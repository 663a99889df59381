import { comparePositions, rangeContains, type Range } from '../engine/types';
import { splitTopLevel } from '../syntax/attributes';
import type { BodyFacts, Expr, LetFact, MacroFact, MethodCallFact } from './facts';
import { letBefore } from './values';

/**
 * Panic sites that cannot fire whatever the host passes, for `panics.ts`: each is a shape whose failure would
 * need a broken standard library or constructor, not a broken caller.
 */

/** Byte sizes of the primitives whose `from_be_bytes`/`from_le_bytes`/`from_ne_bytes` take `[u8; N]`. */
const PRIMITIVE_SIZES: Record<string, number> = { u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, u64: 8, i64: 8, f64: 8, u128: 16, i128: 16 };

/**
 * `let (head, rest) = buf.split_at(8); u64::from_be_bytes(head.try_into().unwrap())`: a slice whose length is
 * the array's length converts to that array without failing. Lengths known here: the first half of
 * `split_at(N)`, `&s[..N]`, `&s[i..i + N]`, an item of `chunks_exact(N)` (closure parameter or `for` variable).
 */
export function isExactLengthConversion(facts: BodyFacts, call: MethodCallFact): boolean {
  const conversion = call.expr.receiver;
  if (conversion.kind !== 'method' || conversion.method !== 'try_into' || conversion.args.length !== 0) return false;
  const wanted = arrayLengthWanted(facts, call);
  return wanted !== undefined && knownLength(facts, conversion.receiver, call.range) === wanted;
}

/** The `N` of the `[T; N]` the unwrapped value must be: from the enclosing `from_*_bytes` call or a typed `let`. */
function arrayLengthWanted(facts: BodyFacts, call: MethodCallFact): number | undefined {
  for (const outer of facts.calls) {
    if (outer.expr.args.length !== 1 || !sameRange(outer.expr.args[0].range, call.expr.range)) continue;
    const [type, name] = outer.expr.callee.slice(-2);
    if (/^from_(?:be|le|ne)_bytes$/.test(name ?? '') && type !== undefined) return PRIMITIVE_SIZES[type];
  }
  const typed = facts.lets.find((l) => l.value && sameRange(l.value.range, call.expr.range));
  const array = typed?.type ? /^\[\s*[\w:]+\s*;\s*(\d+)\s*\]$/.exec(typed.type.trim()) : null;
  return array ? Number(array[1]) : undefined;
}

function knownLength(facts: BodyFacts, expr: Expr, at: Range): number | undefined {
  const bare = expr.kind === 'reference' ? expr.value : expr;
  if (bare.kind === 'other' || bare.kind === 'field') {
    // `s[..N]` / `s[i..i + N]` (an index expression is not modelled in `Expr`: read its text).
    const range = /\[\s*(?:\.\.\s*([^\].]+)|([A-Za-z_]\w*)\s*\.\.\s*\2\s*\+\s*([^\].]+))\s*\]$/.exec(bare.text);
    if (range) return lengthConstant(range[1] ?? range[3]);
  }
  if (bare.kind !== 'path' || bare.segments.length !== 1) return undefined;
  const name = bare.segments[0];
  // The latest binding wins: `let x = ..` or the head of `let (x, _) = s.split_at(N)`.
  const binding = letBefore(facts, name, at.start);
  const split = facts.lets.filter((l) => comparePositions(l.range.start, at.start) < 0 && splitHeadLength(l, name) !== undefined).pop();
  if (split && (!binding || comparePositions(binding.range.start, split.range.start) < 0)) return splitHeadLength(split, name);
  if (binding) return binding.value ? knownLength(facts, binding.value, binding.range) : undefined;
  return chunkLength(facts, name, at);
}

/** `let (name, _) = s.split_at(N)`: `name` is N long. */
function splitHeadLength(binding: LetFact, name: string): number | undefined {
  const value = binding.value;
  if (value?.kind !== 'method' || value.method !== 'split_at' || value.args.length !== 1) return undefined;
  const head = /^\(\s*(?:mut\s+)?([A-Za-z_]\w*)\s*,/.exec(binding.pattern);
  return head?.[1] === name ? lengthConstant(value.args[0].text) : undefined;
}

/** `s.chunks_exact(N).map(|name| ..)` or `for name in s.chunks_exact(N)`: each item is N long. */
function chunkLength(facts: BodyFacts, name: string, at: Range): number | undefined {
  for (const m of facts.methodCalls) {
    if (m.expr.receiver.kind !== 'method' || m.expr.receiver.method !== 'chunks_exact' || m.expr.receiver.args.length !== 1) continue;
    const closure = m.expr.args[0];
    const item = closure?.kind === 'closure' ? /^\|\s*&?\s*([A-Za-z_]\w*)\s*(?::[^|]*)?\|/.exec(closure.text) : null;
    if (item?.[1] === name && rangeContains(closure.range, at)) return lengthConstant(m.expr.receiver.args[0].text);
  }
  return undefined;
}

/** `8`, `8usize`, `size_of::<u64>()`, `std::mem::size_of::<u64>()`. */
export function lengthConstant(text: string): number | undefined {
  const t = text.replace(/\s+/g, '');
  const literal = /^(\d+)(?:usize|u\d+|i\d+)?$/.exec(t);
  if (literal) return Number(literal[1]);
  const size = /^(?:(?:std|core)::mem::)?size_of::<([a-z0-9]+)>\(\)$/.exec(t);
  return size ? PRIMITIVE_SIZES[size[1]] : undefined;
}

const LOCK_METHODS = new Set(['lock', 'read', 'write']);

/**
 * `let w = Arc::new(RwLock::new(..)); ..; w.read().unwrap()`: a lock this call created is poisoned only by a
 * panic while it was held, and that panic would have left this call before the unwrap (unless another thread
 * held it: a body that spawns is not judged).
 */
export function isFreshLockUnwrap(facts: BodyFacts, call: MethodCallFact): boolean {
  const guard = call.expr.receiver;
  if (guard.kind !== 'method' || !LOCK_METHODS.has(guard.method) || guard.args.length !== 0) return false;
  if (facts.calls.some((c) => /spawn/.test(c.expr.callee[c.expr.callee.length - 1] ?? '')) || facts.methodCalls.some((m) => /spawn/.test(m.expr.method))) return false;
  let lock = guard.receiver;
  while (lock.kind === 'method' && lock.method === 'clone' && lock.args.length === 0) lock = lock.receiver;
  if (lock.kind !== 'path' || lock.segments.length !== 1) return false;
  const binding = letBefore(facts, lock.segments[0], call.range.start);
  return binding?.value !== undefined && createsLock(binding.value);
}

function createsLock(expr: Expr): boolean {
  if (expr.kind !== 'call' || expr.args.length !== 1) return false;
  const [type, name] = expr.callee.slice(-2);
  if (name !== 'new') return false;
  if (type === 'Mutex' || type === 'RwLock') return true;
  return (type === 'Arc' || type === 'Rc') && createsLock(expr.args[0]);
}

/**
 * `let pixbuf = Pixbuf::new(Colorspace::Rgb, true, 8, w, h).ok_or_else(..)?;` followed at once by
 * `assert!(pixbuf.bits_per_sample() == 8)`: the asserts right after a constructor given constants check what the
 * constructor promises (a getter of the new value against a constant), not anything the host passed.
 */
export function isConstructorPostcondition(facts: BodyFacts, assertion: MacroFact): boolean {
  const checked = getterComparison(assertion);
  if (!checked) return false;
  const binding = letBefore(facts, checked, assertion.range.start);
  if (!binding || binding.name !== checked || !binding.value || !constructedFromConstants(binding.value)) return false;
  // Nothing but other assertions between the constructor and this one.
  const between = (r: Range) => comparePositions(r.start, binding.range.end) >= 0 && comparePositions(r.start, assertion.range.start) < 0;
  const otherFacts = [...facts.calls, ...facts.methodCalls, ...facts.lets, ...facts.assignments, ...facts.indexes, ...facts.divisions];
  if (otherFacts.some((f) => between(f.range))) return false;
  return facts.macros.every((m) => !between(m.range) || (m.name.startsWith('assert') && getterComparison(m) === checked));
}

/** The local `x` of `assert!(x.getter() == CONST)`, `assert_eq!(x.getter(), CONST)` (either order), else undefined. */
function getterComparison(assertion: MacroFact): string | undefined {
  const parts = splitTopLevel(assertion.tokens).map((p) => p.trim());
  let left: string | undefined;
  let right: string | undefined;
  if (assertion.name === 'assert') {
    const comparison = /^([^=!<>]+?)\s*==\s*([^=!<>]+)$/.exec(parts[0] ?? '');
    [left, right] = comparison ? [comparison[1], comparison[2]] : [];
  } else if (assertion.name === 'assert_eq') {
    [left, right] = [parts[0], parts[1]];
  }
  if (left === undefined || right === undefined) return undefined;
  const getter = /^([a-z_]\w*)\.[a-z_]\w*\(\)$/;
  const [value, constant] = getter.test(left) ? [left, right] : [right, left];
  const local = getter.exec(value)?.[1];
  return local !== undefined && local !== 'self' && isConstantText(constant) ? local : undefined;
}

/** A call of an associated function (`Type::new(..)`) with at least one constant argument, through `?`, `.ok_or*(..)`. */
function constructedFromConstants(expr: Expr): boolean {
  let value = expr;
  while (value.kind === 'try' || (value.kind === 'method' && /^ok_or(?:_else)?$/.test(value.method))) value = value.kind === 'try' ? value.value : value.receiver;
  return value.kind === 'call' && value.callee.length >= 2 && /^[A-Z]/.test(value.callee[value.callee.length - 2]) && value.args.some((a) => isConstantText(a.text));
}

function isConstantText(text: string): boolean {
  const t = text.trim();
  return /^-?\d[\w.]*$/.test(t) || t === 'true' || t === 'false' || /^(?:[A-Za-z_]\w*::)*[A-Z][A-Z0-9_]*$/.test(t) || /^(?:[A-Za-z_]\w*::)+[A-Z]\w*$/.test(t);
}

function sameRange(a: Range, b: Range): boolean {
  return rangeContains(a, b) && rangeContains(b, a);
}
