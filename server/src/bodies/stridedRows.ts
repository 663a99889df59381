import { comparePositions, rangeContains, type Range } from '../engine/types';
import { factsOf, resolveCall, type CrateFunction } from './callGraph';
import type { BodyFacts, Expr, IndexFact, LetFact } from './facts';
import { guardedBy, type GuardScope } from './panicGuards';
import { letBefore } from './values';

/**
 * The rows of a strided image: `pixels.chunks(stride).map(|row| &row[..width])` where `pixels` is
 * `stride * (height - 1) + width` long (written `stride * height + width - stride` too) and `width <= stride`:
 * every chunk but the last is `stride >= width` long and the last is exactly `width`, so the row slice is in
 * bounds. gifski's `gifski_add_frame_rgb`: the slice, its stride and both checks come from a helper
 * (`pixels_slice`) that returns `Ok((slice, stride))` after `if stride < width || height == 0 { return Err }`.
 *
 * The length is compared as a polynomial over the helper's unsigned locals (`x as usize`), and the caller's
 * `width` must be the same parameter the helper's `width` was made from. Overflow of the length arithmetic is
 * not modelled (with the helper's limits it cannot happen on 64-bit targets; in general a wrapped length would
 * make the slice wrong before any index).
 */
export function isStridedRowIndex(scope: GuardScope, index: IndexFact): boolean {
  const range = /^(?:0\s*)?\.\.\s*([A-Za-z_]\w*)$/.exec(index.index.text.trim());
  const row = index.base.kind === 'path' && index.base.segments.length === 1 ? index.base.segments[0] : undefined;
  if (!range || row === undefined) return false;
  const chunks = chunksOf(scope.facts, row, index.range);
  if (!chunks) return false;
  const width = range[1];
  const source = helperSlice(scope, chunks.slice, chunks.size, index.range);
  if (!source) return false;
  const { helper, call, sliceLen, stride } = source;
  // The caller's `width` and the helper's must be made from the same argument, cast the same way.
  const callerWidth = parameterOrigin(scope.facts, width, index.range.start);
  if (callerWidth === undefined || isMutParameter(scope, scope.target, callerWidth.param)) return false;
  const helperWidth = unsignedLocals(helper.facts, sliceLen.range).find((local) => sameCastArgument(scope, helper, call, callerWidth, local));
  return helperWidth !== undefined && stridedLength(scope, helper, sliceLen, stride, helperWidth.name);
}

/** A `mut` parameter may be changed by `+=`, which the facts do not record. */
function isMutParameter(scope: GuardScope, target: CrateFunction, name: string): boolean {
  const facts = target === scope.target ? scope.facts : factsOf(scope.crate, target);
  const param = facts.params.find((p) => p.name === name);
  const file = scope.crate.files.get(target.file);
  return !param || !file || /^\s*mut\b/.test(file.text.slice(file.lines.offsetAt(param.range.start), file.lines.offsetAt(param.range.end)));
}

/** `s.chunks(c).map(|row| ..)` (any adapter taking a closure) with `row` its closure parameter, around `at`. */
function chunksOf(facts: BodyFacts, row: string, at: Range): { slice: string; size: string } | undefined {
  for (const m of facts.methodCalls) {
    const receiver = m.expr.receiver;
    if (receiver.kind !== 'method' || receiver.method !== 'chunks' || receiver.args.length !== 1) continue;
    const closure = m.expr.args[0];
    const param = closure?.kind === 'closure' ? /^\|\s*&?\s*([A-Za-z_]\w*)\s*(?::[^|]*)?\|/.exec(closure.text)?.[1] : undefined;
    if (param !== row || !rangeContains(closure.range, at)) continue;
    const slice = receiver.receiver.kind === 'path' && receiver.receiver.segments.length === 1 ? receiver.receiver.segments[0] : undefined;
    const size = receiver.args[0].kind === 'path' && receiver.args[0].segments.length === 1 ? receiver.args[0].segments[0] : undefined;
    return slice !== undefined && size !== undefined ? { slice, size } : undefined;
  }
  return undefined;
}

interface HelperFacts {
  target: CrateFunction;
  facts: BodyFacts;
}

/**
 * `let (slice, size) = match helper(..) { Ok(v) => v, Err(e) => return .. }` (or `helper(..)?`), the latest
 * binding of both names, where every `Ok` the helper returns is `Ok((s, c))` of its locals: the helper, the
 * call, the `from_raw_parts` length of `s` and the name `c`.
 */
function helperSlice(scope: GuardScope, slice: string, size: string, at: Range) {
  const binding = tupleBinding(scope.facts, slice, size, at);
  if (!binding?.value) return undefined;
  const call = scope.facts.calls.find((c) => rangeContains(binding.value!.range, c.expr.range) && returnsOkOrLeaves(binding, c.expr.text))?.expr;
  const target = call && resolveCall(scope.crate, scope.target, call);
  if (!call || !target || target.fn === scope.target.fn) return undefined;
  const helper: HelperFacts = { target, facts: factsOf(scope.crate, target) };
  const returned = okTuples(helper.facts);
  if (!returned) return undefined;
  const made = letBefore(helper.facts, returned.slice, returned.at.start);
  const value = made?.value;
  if (value?.kind !== 'call' || !/^from_raw_parts$/.test(value.callee[value.callee.length - 1]) || value.args.length !== 2) return undefined;
  return { helper, call, sliceLen: value.args[1], stride: returned.size };
}

function tupleBinding(facts: BodyFacts, first: string, second: string, at: Range): LetFact | undefined {
  const tuple = facts.lets.filter((l) => comparePositions(l.range.end, at.start) <= 0 && new RegExp(`^\\(\\s*${first}\\s*,\\s*${second}\\s*\\)$`).test(l.pattern.trim())).pop();
  if (!tuple) return undefined;
  // Not shadowed between the tuple and the site.
  const later = [first, second].some((name) => {
    const other = letBefore(facts, name, at.start);
    return other !== undefined && comparePositions(other.range.start, tuple.range.start) > 0;
  });
  return later ? undefined : tuple;
}

/** The `let` value is `call?` or `match call { Ok(v) => v, Err(..) => return .. }`. */
function returnsOkOrLeaves(binding: LetFact, callText: string): boolean {
  const value = binding.value!.text.replace(/\s+/g, ' ').trim();
  const call = callText.replace(/\s+/g, ' ').trim();
  if (value === `${call}?`) return true;
  const match = /^match (.+?) \{ Ok\((\w+)\) => (\w+),? Err\(\w*\) => return\b[^{}]*\}$/.exec(value);
  return match !== null && match[1] === call && match[2] === match[3];
}

/** Every value the helper returns is `Err(..)` or `Ok((s, c))` with the same two locals; at least one is. */
function okTuples(facts: BodyFacts): { slice: string; size: string; at: Range } | undefined {
  let found: { slice: string; size: string; at: Range } | undefined;
  for (const r of facts.returns) {
    const text = r.value.text.replace(/\s+/g, '');
    if (/^Err\(/.test(text)) continue;
    const ok = /^Ok\(\(([A-Za-z_]\w*),([A-Za-z_]\w*)\)\)$/.exec(text);
    if (!ok || r.inClosure || (found && (found.slice !== ok[1] || found.size !== ok[2]))) return undefined;
    found = { slice: ok[1], size: ok[2], at: r.range };
  }
  return found;
}

/** A local made from a parameter by `let x = x as usize` (or the parameter itself): which, and the cast. */
function parameterOrigin(facts: BodyFacts, name: string, at: Range['start']): { param: string; cast: string | undefined } | undefined {
  if (!/^[A-Za-z_]\w*$/.test(name)) return undefined;
  const binding = letBefore(facts, name, at);
  if (!binding) return facts.params.some((p) => p.name === name) ? { param: name, cast: undefined } : undefined;
  if (/^\s*mut\b/.test(binding.pattern) || !binding.value) return undefined;
  const cast = /^([A-Za-z_]\w*)\s+as\s+(u(?:8|16|32|64|128|size))$/.exec(binding.value.text.trim());
  if (!cast) return undefined;
  const inner = parameterOrigin(facts, cast[1], binding.range.start);
  return inner && inner.cast === undefined ? { param: inner.param, cast: cast[2] } : undefined;
}

/** The helper's `width` is made from the parameter the caller passed its own `width` parameter to, with the same cast. */
function sameCastArgument(scope: GuardScope, helper: HelperFacts, call: Extract<Expr, { kind: 'call' }>, caller: { param: string; cast: string | undefined }, local: UnsignedLocal): boolean {
  const index = helper.facts.params.findIndex((p) => p.name === local.param);
  if (index < 0 || local.cast !== caller.cast || isMutParameter(scope, helper.target, local.param!)) return false;
  const argument = parameterOrigin(scope.facts, call.args[index]?.text.trim() ?? '', call.range.start);
  return argument !== undefined && argument.cast === undefined && argument.param === caller.param;
}

interface UnsignedLocal {
  name: string;
  /** The parameter it is a cast of, if it is one. */
  param: string | undefined;
  cast: string | undefined;
}

/** The helper's immutable locals of unsigned type before `at`: `let x = y as usize` (any `y`), casts of parameters. */
function unsignedLocals(facts: BodyFacts, at: Range): UnsignedLocal[] {
  const out: UnsignedLocal[] = [];
  for (const l of facts.lets) {
    if (!l.name || !l.value || comparePositions(l.range.start, at.start) >= 0 || /^\s*mut\b/.test(l.pattern)) continue;
    if (!/^[\w.]+\s+as\s+u(?:8|16|32|64|128|size)\b/.test(l.value.text.trim()) && !(l.type && /^u(?:8|16|32|64|128|size)$/.test(l.type.trim()))) continue;
    const origin = parameterOrigin(facts, l.name, { line: at.start.line, character: at.start.character });
    out.push({ name: l.name, param: origin?.param, cast: origin?.cast });
  }
  return out;
}

/**
 * The helper's slice length is `c * k + w` or `c * k` with `k >= 0` (a polynomial of unsigned locals with non-negative
 * coefficients, or `h - 1` after a guard that `h` is not zero), every local unsigned, and `w <= c` by a guard.
 */
function stridedLength(caller: GuardScope, helper: HelperFacts, length: Expr, stride: string, width: string): boolean {
  const polynomial = parsePolynomial(length.text);
  if (!polynomial) return false;
  const unsigned = new Set(unsignedLocals(helper.facts, length.range).map((l) => l.name));
  const variables = new Set([...polynomial.keys()].flatMap((m) => (m === '' ? [] : m.split('*'))));
  if (![...variables].every((v) => unsigned.has(v)) || !unsigned.has(stride) || !unsigned.has(width)) return false;
  const scope: GuardScope = { crate: caller.crate, target: helper.target, facts: helper.facts };
  if (!widthAtMostStride(scope, length.range, width, stride)) return false;
  // `c * k + w` (the last row `w` long) or `c * k` (every row `c` long): remove `w` or not, divide by `c`.
  return [true, false].some((lastRowShort) => {
    const rest = new Map(polynomial);
    if (lastRowShort) rest.set(width, (rest.get(width) ?? 0) - 1);
    const k = dividedBy(rest, stride);
    return k !== undefined && nonNegative(k, scope, length.range);
  });
}

/** `p / c` when every monomial of `p` has the factor `c`. */
function dividedBy(polynomial: Map<string, number>, factor: string): Map<string, number> | undefined {
  const k = new Map<string, number>();
  for (const [monomial, coefficient] of polynomial) {
    if (coefficient === 0) continue;
    const factors = monomial === '' ? [] : monomial.split('*');
    const at = factors.indexOf(factor);
    if (at < 0) return undefined;
    factors.splice(at, 1);
    k.set(factors.join('*'), coefficient);
  }
  return k;
}

function nonNegative(k: Map<string, number>, scope: GuardScope, at: Range): boolean {
  if ([...k.values()].every((c) => c >= 0)) return true;
  // `h - 1` with `h != 0` known.
  const negative = [...k.entries()].filter(([, c]) => c < 0);
  if (negative.length !== 1 || negative[0][0] !== '' || k.size !== 2) return false;
  const [[variable, coefficient]] = [...k.entries()].filter(([m]) => m !== '');
  if (variable.includes('*') || coefficient !== -negative[0][1] || coefficient !== 1) return false;
  return guardedBy(scope, at, (condition, polarity) => {
    const v = variable;
    return polarity ? conditionParts(condition, '&&').some((c) => [`${v}>0`, `${v}!=0`, `${v}>=1`, `0<${v}`].includes(c)) : conditionParts(condition, '||').some((c) => [`${v}==0`, `${v}<1`, `0==${v}`].includes(c));
  });
}

function widthAtMostStride(scope: GuardScope, at: Range, width: string, stride: string): boolean {
  return guardedBy(scope, at, (condition, polarity) =>
    polarity ? conditionParts(condition, '&&').some((c) => [`${width}<=${stride}`, `${stride}>=${width}`].includes(c)) : conditionParts(condition, '||').some((c) => [`${stride}<${width}`, `${width}>${stride}`].includes(c)),
  );
}

/** Top-level parts of a condition split on one operator (spaces removed, a part holding the other operator kept whole). */
function conditionParts(condition: string, operator: '&&' | '||'): string[] {
  const text = condition.replace(/\s+/g, '');
  const other = operator === '&&' ? '||' : '&&';
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && text.startsWith(operator, i)) {
      parts.push(text.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => !p.includes(other));
}

/**
 * A sum of products of names and integers (`+`, `-`, `*`, parentheses, `x as usize` read as `x`), as
 * monomial → coefficient (monomial: sorted names joined by `*`, '' for the constant). Undefined otherwise.
 */
export function parsePolynomial(text: string): Map<string, number> | undefined {
  const tokens = text.replace(/\bas\s+u(?:8|16|32|64|128|size)\b/g, '').match(/[A-Za-z_]\w*|\d+|[-+*()]|\S/g) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const sum = (): Map<string, number> | undefined => {
    let left = product();
    while (left && (peek() === '+' || peek() === '-')) {
      const sign = tokens[position++] === '+' ? 1 : -1;
      const right = product();
      if (!right) return undefined;
      left = add(left, right, sign);
    }
    return left;
  };
  const product = (): Map<string, number> | undefined => {
    let left = atom();
    while (left && peek() === '*') {
      position++;
      const right = atom();
      if (!right) return undefined;
      left = multiply(left, right);
    }
    return left;
  };
  const atom = (): Map<string, number> | undefined => {
    const token = tokens[position++];
    if (token === undefined) return undefined;
    if (token === '(') {
      const inner = sum();
      return tokens[position++] === ')' ? inner : undefined;
    }
    if (/^\d+$/.test(token)) return new Map([['', Number(token)]]);
    if (/^[A-Za-z_]\w*$/.test(token)) return new Map([[token, 1]]);
    return undefined;
  };
  const result = sum();
  return result && position === tokens.length ? result : undefined;
}

function add(a: Map<string, number>, b: Map<string, number>, sign: number): Map<string, number> {
  const out = new Map(a);
  for (const [m, c] of b) out.set(m, (out.get(m) ?? 0) + sign * c);
  return out;
}

function multiply(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [ma, ca] of a) {
    for (const [mb, cb] of b) {
      const monomial = [...(ma ? ma.split('*') : []), ...(mb ? mb.split('*') : [])].sort().join('*');
      out.set(monomial, (out.get(monomial) ?? 0) + ca * cb);
    }
  }
  return out;
}
