import type { Range } from '../engine/types';
import type { BodyFacts, Expr, IndexFact, MethodCallFact } from './facts';
import { lengthConstant } from './infallibleSites';
import { guardedBy, type GuardScope } from './panicGuards';
import { letBefore } from './values';

/**
 * `ptr.offset(n.try_into().unwrap())` where `n` is at most the length of a slice of sized elements: a slice
 * never spans more than `isize::MAX` bytes (the contract of `slice::from_raw_parts`), so such a count always
 * fits in an `isize` and the conversion cannot fail. rav1e's `decode_slice`: `full_len = buf_len + 8` after
 * `if buf_len > rest.len() { return }` with `rest` the tail of `buf.split_at(8)`, so `full_len <= buf.len()`.
 *
 * Bounds are `expr <= len(slice) + offset`, built from: `s.len()`; the tail of `s.split_at(K)` or `&s[K..]`
 * (`len(s) - K`); `a + K`; an immutable local bounded by a guard at the site (`if n > s.len() { return }`,
 * inside `if n <= s.len()`) or by its value. The bound must end at a slice whose element type has a size.
 */
export function isSliceBoundedIsizeConversion(scope: GuardScope, call: MethodCallFact): boolean {
  const conversion = call.expr.receiver;
  if (conversion.kind !== 'method' || conversion.method !== 'try_into' || conversion.args.length !== 0) return false;
  if (!convertsToIsize(scope.facts, call)) return false;
  const bound = upperBound(scope, conversion.receiver, call.range, 0);
  return bound !== undefined && bound.offset <= 0 && hasSizedElements(scope.facts, bound.slice, call.range);
}

/**
 * `s[..n]`, `s[0..n]`, `s[..=n]` where `n` is known to be at most `s.len()` by the same bounds (`&rest[..buf_len]`
 * after `if buf_len > rest.len() { return }`).
 */
export function isRangeWithinLength(scope: GuardScope, index: IndexFact): boolean {
  const range = /^(?:0\s*)?\.\.(=?)\s*([A-Za-z_]\w*)$/.exec(index.index.text.trim());
  const base = localName(index.base.kind === 'reference' ? index.base.value : index.base);
  if (!range || base === undefined) return false;
  const end = boundOfLocal(scope, range[2], index.range, 0);
  const length = normalise(scope.facts, { slice: base, offset: 0 }, index.range, 0);
  return end !== undefined && end.slice === length.slice && end.offset + (range[1] ? 1 : 0) <= length.offset;
}

interface Bound {
  /** A local slice. */
  slice: string;
  offset: number;
}

const MAX_STEPS = 8;

/** The unwrapped value is an `isize`: the argument of `ptr.offset(..)`/`wrapping_offset`, or a `let x: isize`. */
function convertsToIsize(facts: BodyFacts, call: MethodCallFact): boolean {
  const same = (r: Range) => sameRange(r, call.expr.range);
  if (facts.methodCalls.some((m) => (m.expr.method === 'offset' || m.expr.method === 'wrapping_offset') && m.expr.args.length === 1 && same(m.expr.args[0].range))) return true;
  return facts.lets.some((l) => l.value !== undefined && same(l.value.range) && l.type?.trim() === 'isize');
}

function upperBound(scope: GuardScope, expr: Expr, site: Range, steps: number): Bound | undefined {
  if (steps > MAX_STEPS) return undefined;
  if (expr.kind === 'method' && expr.method === 'len' && expr.args.length === 0) {
    const slice = localName(expr.receiver);
    return slice === undefined ? undefined : normalise(scope.facts, { slice, offset: 0 }, site, steps + 1);
  }
  if (expr.kind === 'other') {
    const sum = /^([A-Za-z_]\w*)\s*\+\s*(\d+)(?:usize)?$/.exec(expr.text.trim());
    if (sum) {
      const inner = boundOfLocal(scope, sum[1], site, steps + 1);
      return inner && { slice: inner.slice, offset: inner.offset + Number(sum[2]) };
    }
  }
  const name = localName(expr);
  return name === undefined ? undefined : boundOfLocal(scope, name, site, steps + 1);
}

/** An immutable local: a guard that holds at the site, else its value. */
function boundOfLocal(scope: GuardScope, name: string, site: Range, steps: number): Bound | undefined {
  const { facts } = scope;
  const binding = letBefore(facts, name, site.start);
  // A `mut` parameter may be changed by `+=`, which the facts do not record: only immutable ones are followed.
  const isParam = !binding && facts.params.some((p) => p.name === name && !/^\s*mut\b/.test(textOf(scope, p.range)));
  if ((!binding && !isParam) || (binding && /^\s*mut\b/.test(binding.pattern)) || facts.assignments.some((a) => localName(a.target) === name)) return undefined;
  let guarded: string | undefined;
  guardedBy(scope, site, (condition, polarity) => {
    guarded = atMostLengthOf(condition, polarity, name);
    return guarded !== undefined;
  });
  if (guarded !== undefined) return normalise(facts, { slice: guarded, offset: 0 }, site, steps + 1);
  return binding?.value ? upperBound(scope, binding.value, site, steps + 1) : undefined;
}

/** The slice `s` when the condition says `name <= s.len()` (polarity true) or its negation says so. */
function atMostLengthOf(condition: string, polarity: boolean, name: string): string | undefined {
  const text = condition.replace(/\s+/g, '');
  const len = '([A-Za-z_]\\w*)\\.len\\(\\)';
  const holds = polarity ? [`^${name}<=${len}$`, `^${len}>=${name}$`, `^${name}<${len}$`, `^${len}>${name}$`] : [`^${name}>${len}$`, `^${len}<${name}$`];
  for (const pattern of holds) {
    const match = new RegExp(pattern).exec(text);
    if (match) return match[1];
  }
  return undefined;
}

/** `rest` of `let (_, rest) = s.split_at(K)` or `let rest = &s[K..]` is `len(s) - K` long: bound by `s` instead. */
function normalise(facts: BodyFacts, bound: Bound, site: Range, steps: number): Bound {
  if (steps > MAX_STEPS) return bound;
  for (const binding of facts.lets) {
    if (binding.range.start.line > site.start.line || !binding.value) continue;
    const value = binding.value;
    const tail = /^\(\s*(?:_\w*|[A-Za-z_]\w*)\s*,\s*([A-Za-z_]\w*)\s*\)$/.exec(binding.pattern.trim());
    if (tail?.[1] === bound.slice && value.kind === 'method' && value.method === 'split_at' && value.args.length === 1) {
      const head = lengthConstant(value.args[0].text);
      const whole = localName(value.receiver);
      if (head !== undefined && whole !== undefined) return normalise(facts, { slice: whole, offset: bound.offset - head }, site, steps + 1);
    }
    const rest = binding.name === bound.slice ? /^&\s*([A-Za-z_]\w*)\s*\[\s*(\d+)\s*\.\.\s*\]$/.exec(value.text.trim()) : null;
    if (rest) return normalise(facts, { slice: rest[1], offset: bound.offset - Number(rest[2]) }, site, steps + 1);
  }
  return bound;
}

/** `slice::from_raw_parts(p, n)` with `p` a pointer to a primitive, or a `&[T]` of a primitive `T`. */
function hasSizedElements(facts: BodyFacts, slice: string, site: Range): boolean {
  const binding = letBefore(facts, slice, site.start);
  const declared = binding ? binding.type : facts.params.find((p) => p.name === slice)?.type;
  const sliceType = declared ? /^&\s*(?:'\w+\s+)?(?:mut\s+)?\[\s*([\w:]+)\s*\]$/.exec(declared.trim()) : null;
  if (sliceType) return SIZED_PRIMITIVE.test(sliceType[1]);
  const value = binding?.value;
  if (value?.kind !== 'call' || !/^from_raw_parts(?:_mut)?$/.test(value.callee[value.callee.length - 1]) || value.args.length !== 2) return false;
  const pointee = pointeeOf(facts, value.args[0]);
  return pointee !== undefined && SIZED_PRIMITIVE.test(pointee);
}

const SIZED_PRIMITIVE = /^(?:[iu](?:8|16|32|64|128|size)|f32|f64|bool|char|(?:(?:std::)?(?:ffi::|os::raw::))?c_(?:u?(?:char|short|int|long|longlong)|schar|uchar|float|double))$/;

/** What a pointer expression points to: a parameter `*const T`, `*p` of a `*mut *const T`, a cast to `*const T`. */
function pointeeOf(facts: BodyFacts, pointer: Expr): string | undefined {
  const type = pointerType(facts, pointer);
  return type ? /^\*\s*(?:const|mut)\s+([\w:]+)$/.exec(type)?.[1] : undefined;
}

function pointerType(facts: BodyFacts, pointer: Expr): string | undefined {
  if (pointer.kind === 'cast') return pointer.type.trim();
  if (pointer.kind === 'deref') return pointerType(facts, pointer.value)?.replace(/^\*\s*(?:const|mut)\s+/, '').trim();
  const name = pointer.kind === 'path' && pointer.segments.length === 1 ? pointer.segments[0] : undefined;
  if (name === undefined) return undefined;
  const binding = letBefore(facts, name, pointer.range.start);
  if (binding) return binding.type?.trim();
  return facts.params.find((p) => p.name === name)?.type.trim();
}

function textOf(scope: GuardScope, range: Range): string {
  const file = scope.crate.files.get(scope.target.file);
  return file ? file.text.slice(file.lines.offsetAt(range.start), file.lines.offsetAt(range.end)) : '';
}

function localName(expr: Expr): string | undefined {
  return expr.kind === 'path' && expr.segments.length === 1 && expr.text !== 'self' ? expr.segments[0] : undefined;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
