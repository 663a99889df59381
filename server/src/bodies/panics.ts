import type { CrateModel } from '../crate/crateModel';
import { comparePositions, rangeContains, type Range } from '../engine/types';
import { splitTopLevel } from '../syntax/attributes';
import { answerFor, functionAt, indexOfFunction } from './answers';
import { calleesOf, factsOf, type CrateFunction } from './callGraph';
import type { BodyFacts, Expr } from './facts';
import { borrowCannotPanic, divisionCannotPanic, indexCannotPanic, isFloatDivision, isUnsignedDivision, unwrapCannotPanic, type GuardScope } from './panicGuards';
import { protectedRanges, returningCheckMacros } from './unwindHelpers';
import { excludedBy, literalValue, matchArmExclusion, type ArmExclusion } from './matchArmGuard';
import { isNulTerminatedCStr } from './nulTerminated';
import { isNulFreeText } from './nulFreeText';
import { isRangeWithinLength, isSliceBoundedIsizeConversion } from './lengthBounds';
import { isStridedRowIndex } from './stridedRows';
import { impliesNonNull } from './nonNullPredicates';
import { isConstructorPostcondition, isExactLengthConversion, isFreshLockUnwrap } from './infallibleSites';

/** A place where a function can panic, directly or through a crate function it calls. */
export interface PanicSite {
  file: string;
  range: Range;
  /** What panics and when, e.g. "`.unwrap()` panics on `None`/`Err`". */
  reason: string;
  /** `assert!(code == 0)` on a parameter: the site panics only when argument `param` is not `value`. */
  unless?: { param: number; value: string };
  /** `_ => unreachable!()` of a `match` on a parameter: arguments that take another arm never reach it. */
  excludes?: ArmExclusion;
}

/** How many calls deep crate functions are followed (the export's own body is depth 0). */
const MAX_DEPTH = 3;

const PANICKING_METHODS: Record<string, string> = {
  unwrap: '`.unwrap()` panics on `None`/`Err`',
  expect: '`.expect()` panics on `None`/`Err`',
  unwrap_err: '`.unwrap_err()` panics on `Ok`',
  expect_err: '`.expect_err()` panics on `Ok`',
  borrow_mut: '`RefCell::borrow_mut` panics when the value is already borrowed',
};

const PANICKING_MACROS = new Set(['panic', 'unreachable', 'todo', 'unimplemented', 'assert', 'assert_eq', 'assert_ne']);

/**
 * The panic sites of a function's own body, outside `catch_unwind` (directly, or in a closure handed to a
 * crate helper or macro that runs it inside `catch_unwind`), minus indexes and divisions shown safe.
 */
export function directPanicSites(crate: CrateModel, target: CrateFunction, facts: BodyFacts): readonly PanicSite[] {
  return answerFor(crate, target, 'direct-panic-sites', () => findDirectPanicSites(crate, target, facts));
}

function findDirectPanicSites(crate: CrateModel, target: CrateFunction, facts: BodyFacts): PanicSite[] {
  const file = target.file;
  const guarded = protectedRanges(crate, target, facts);
  const caught = (place: { inCatchUnwind: boolean; range: Range }) => place.inCatchUnwind || guarded.some((r) => rangeContains(r, place.range));
  const scope: GuardScope = { crate, target, facts };
  const sites: PanicSite[] = [];
  for (const call of facts.methodCalls) {
    const reason = PANICKING_METHODS[call.expr.method];
    if (!reason || caught(call) || call.expr.args.length > 1 || cannotFail(scope, call.expr.receiver)) continue;
    if (call.expr.method === 'borrow_mut' ? borrowCannotPanic(scope, call) : unwrapCannotPanic(scope, call) || isExactLengthConversion(facts, call) || isSliceBoundedIsizeConversion(scope, call) || isFreshLockUnwrap(facts, call)) continue;
    sites.push({ file, range: call.expr.nameRange, reason });
  }
  for (const macro of facts.macros) {
    if (!PANICKING_MACROS.has(macro.name) || caught(macro) || (macro.name === 'assert' && checkedBefore(crate, target, facts, macro)) || isConstructorPostcondition(facts, macro)) continue;
    const unless = macro.name === 'assert' ? parameterAssertion(facts, macro.tokens) : undefined;
    const excludes = macro.name === 'unreachable' || macro.name === 'panic' ? matchArmExclusion(scope, macro.range) : undefined;
    sites.push({ file, range: macro.range, reason: `\`${macro.name}!\` panics${macro.name.startsWith('assert') ? ' when the assertion fails' : ''}`, ...(unless ? { unless } : {}), ...(excludes ? { excludes } : {}) });
  }
  for (const index of facts.indexes) {
    if (!caught(index) && index.index.text.trim() !== '..' && !indexCannotPanic(scope, index) && !isRangeWithinLength(scope, index) && !isStridedRowIndex(scope, index)) sites.push({ file, range: index.range, reason: 'indexing panics when the index is out of bounds (or the key is missing)' });
  }
  for (const division of facts.divisions) {
    if (!caught(division) && canBeZero(division.right) && !isFloatDivision(scope, division) && !divisionCannotPanic(scope, division)) {
      const overflow = isUnsignedDivision(scope, division) ? '' : ` (or on \`MIN ${division.operator} -1\`)`;
      sites.push({ file, range: division.range, reason: `\`${division.operator}\` by \`${division.right.text}\` panics when it is zero${overflow}` });
    }
  }
  return sites.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** `assert!(!p.is_null())` after `return_if_fail! { f; !p.is_null(), }`, a crate macro that returns unless each condition holds. */
function checkedBefore(crate: CrateModel, target: CrateFunction, facts: BodyFacts, assertion: BodyFacts['macros'][number]): boolean {
  const condition = splitTopLevel(assertion.tokens)[0]?.replace(/\s+/g, '');
  if (!condition) return false;
  const checks = returningCheckMacros(crate);
  // `assert!(!p.is_null())` also follows a check that holds only for a non-NULL `p` (nonNullPredicates.ts).
  const pointer = /^!([A-Za-z_]\w*)\.is_null\(\)$/.exec(condition)?.[1];
  const implies = (check: string) => check.replace(/\s+/g, '') === condition || (pointer !== undefined && impliesNonNull(crate, target, check, pointer));
  return facts.macros.some((m) => checks.has(m.name) && comparePositions(m.range.end, assertion.range.start) <= 0 && !m.inClosure && splitTopLevel(m.tokens.replace(/^[^;]*;/, '')).some(implies));
}

/** `assert!(code == 0)` (or `0 == code`) on a parameter of the function: which parameter, and the literal it must equal. */
function parameterAssertion(facts: BodyFacts, tokens: string): PanicSite['unless'] {
  const match = /^\s*(?:([A-Za-z_]\w*)\s*==\s*(-?\d[\w]*|true|false)|(-?\d[\w]*|true|false)\s*==\s*([A-Za-z_]\w*))\s*(?:,[\s\S]*)?$/.exec(tokens);
  if (!match) return undefined;
  const name = match[1] ?? match[4];
  const value = match[2] ?? match[3];
  const param = facts.params.findIndex((p) => p.name === name);
  return param >= 0 ? { param, value } : undefined;
}

/** Whether the call passes the literal a callee's `assert!(param == literal)` wants, or a value another arm of its `match` takes. */
function satisfies(call: { expr: Expr }, site: PanicSite): boolean {
  if (site.excludes && call.expr.kind === 'call' && excludedBy(call.expr.args[site.excludes.param], site.excludes)) return true;
  if (!site.unless || (call.expr.kind !== 'call' && call.expr.kind !== 'method')) return false;
  const arg = call.expr.args[site.unless.param];
  return arg?.kind === 'literal' && literalValue(arg.text) === literalValue(site.unless.value);
}

/** Calls of `target` that run inside `catch_unwind` (directly or through a crate helper or macro that catches). */
function isCaughtCall(crate: CrateModel, target: CrateFunction, facts: BodyFacts, call: { inCatchUnwind: boolean; range: Range }): boolean {
  return call.inCatchUnwind || protectedRanges(crate, target, facts).some((r) => rangeContains(r, call.range));
}

/**
 * `CString::new(text)` on text known to hold no NUL byte (a literal, `env!`, `format!` of such, a crate function
 * returning such, `nulFreeText.ts`), or a `CStr` from bytes ending in their only NUL: unwrapping cannot panic.
 */
function cannotFail(scope: GuardScope, receiver: Expr): boolean {
  if (isNulTerminatedCStr(receiver)) return true;
  if (receiver.kind !== 'call' || receiver.callee.slice(-2).join('::') !== 'CString::new' || receiver.args.length !== 1) return false;
  return isNulFreeText(scope.crate, scope.target, scope.facts, receiver.args[0]);
}

/** A literal other than zero, or an upper-case constant, cannot make a division panic (for `/ -1`, accepted). */
function canBeZero(divisor: Expr): boolean {
  if (divisor.kind === 'literal') return /^0+(?:[iu](?:8|16|32|64|128|size))?$/.test(divisor.text.replace(/_/g, ''));
  if (divisor.kind === 'path') return !/^[A-Z][A-Z0-9_]*$/.test(divisor.segments[divisor.segments.length - 1]);
  if (divisor.kind === 'call' && divisor.callee[divisor.callee.length - 1] === 'get' && divisor.callee.includes('NonZero')) return false;
  return true;
}

/** `calleesOf`, kept across models (by the callees' indexes) while the body environment and the facts are the same. */
function calleesAt(crate: CrateModel, target: CrateFunction, facts: BodyFacts): { target: CrateFunction; call: BodyFacts['calls'][number] | BodyFacts['methodCalls'][number] }[] {
  const found = answerFor(crate, target, 'callees', () => calleesOf(crate, target, facts).map(({ target: callee, call }) => ({ index: indexOfFunction(crate, callee), call })));
  return found.map(({ index, call }) => ({ target: functionAt(crate, index), call }));
}

/**
 * Where a function can panic: its own sites, then one site per crate function it calls (outside
 * `catch_unwind`) that can panic, a few levels deep. Memoised per crate model.
 */
export function panicSites(crate: CrateModel, target: CrateFunction): readonly PanicSite[] {
  // The whole walk is one answer: it records the facts of every function it reached.
  return answerFor(crate, target, 'panic-sites', () => sitesAt(crate, target, 0, new Set()));
}

const memo = new WeakMap<CrateModel, Map<CrateFunction['fn'], PanicSite[]>>();

function sitesAt(crate: CrateModel, target: CrateFunction, depth: number, visiting: Set<CrateFunction['fn']>): PanicSite[] {
  let perCrate = memo.get(crate);
  if (!perCrate) memo.set(crate, (perCrate = new Map()));
  const cached = perCrate.get(target.fn);
  if (cached) return cached;
  const facts = factsOf(crate, target);
  const sites = [...directPanicSites(crate, target, facts)];
  if (depth < MAX_DEPTH) {
    visiting.add(target.fn);
    for (const { target: callee, call } of calleesAt(crate, target, facts)) {
      if (visiting.has(callee.fn) || isCaughtCall(crate, target, facts, call)) continue;
      const inner = sitesAt(crate, callee, depth + 1, visiting).filter((site) => !satisfies(call, site));
      if (inner.length > 0) {
        const first = inner[0];
        sites.push({ file: target.file, range: call.expr.kind === 'method' ? call.expr.nameRange : call.expr.calleeRange, reason: `calls \`${callee.fn.name}\`, which can panic (${first.reason})` });
      }
    }
    visiting.delete(target.fn);
  }
  // Results cut short by the depth limit or a cycle are not memoised: another caller may see deeper.
  if (depth === 0) perCrate.set(target.fn, sites);
  return sites;
}
