import { comparePositions, type Position, type Range } from '../engine/types';
import type { BodyFacts, Expr, LetFact } from './facts';

/**
 * Following one value through a function body: where a pointer comes from (its origin through locals and
 * casts) and whether a local is moved somewhere the analysis cannot see. Used by the ownership rules
 * (`dangling-pointer`, `mismatched-free`, `leaked-ownership`) through `ownership.ts`.
 */

/** How many `let`s a value is followed through (a chain of renames longer than this is unusual). */
const MAX_HOPS = 6;

/** Methods that only reinterpret a pointer: the allocation it points into does not change. */
const POINTER_CASTS = new Set(['cast', 'cast_mut', 'cast_const']);

/** Strips what does not change which allocation a pointer points into: `as` casts, `.cast()`, `?`, one-branch blocks. */
export function stripCasts(expr: Expr): Expr {
  let current = expr;
  for (;;) {
    if (current.kind === 'cast' || current.kind === 'try') current = current.value;
    else if (current.kind === 'method' && POINTER_CASTS.has(current.method) && current.args.length === 0) current = current.receiver;
    else if (current.kind === 'branches' && current.values.length === 1) current = current.values[0];
    else return current;
  }
}

/** The name of a single-segment path (`x`), after casts; undefined for anything else. */
export function localName(expr: Expr): string | undefined {
  const bare = stripCasts(expr);
  return bare.kind === 'path' && bare.segments.length === 1 && bare.text !== 'self' ? bare.segments[0] : undefined;
}

/** The last `let name` that starts before `at` and is still in scope there (shadowing: the latest binding wins). */
export function letBefore(facts: BodyFacts, name: string, at: Position): LetFact | undefined {
  let found: LetFact | undefined;
  for (const fact of facts.lets) {
    if (fact.name !== name || comparePositions(fact.range.start, at) >= 0) continue;
    if (fact.scopeEnd && comparePositions(fact.scopeEnd, at) <= 0) continue;
    if (!found || comparePositions(found.range.start, fact.range.start) < 0) found = fact;
  }
  return found;
}

export interface Origin {
  /** Where the value comes from, casts stripped and locals followed. */
  expr: Expr;
  /** The `let`s passed through, innermost last. */
  lets: LetFact[];
}

/** Follows a value back through casts and `let` bindings: `let p = s.as_ptr(); p as *const c_char` → `s.as_ptr()`. */
export function originOf(facts: BodyFacts, expr: Expr): Origin {
  const lets: LetFact[] = [];
  let current = stripCasts(expr);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const name = current.kind === 'path' && current.segments.length === 1 ? current.segments[0] : undefined;
    const binding = name ? letBefore(facts, name, current.range.start) : undefined;
    if (!binding?.value) break;
    lets.push(binding);
    current = stripCasts(binding.value);
  }
  return { expr: current, lets };
}

/** The expressions directly inside an expression. */
export function childrenOf(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'call':
      return expr.args;
    case 'method':
      return [expr.receiver, ...expr.args];
    case 'struct':
      return expr.fields.map((f) => f.value);
    case 'cast':
    case 'reference':
    case 'deref':
    case 'field':
    case 'try':
      return [expr.value];
    case 'branches':
      return expr.values;
    default:
      return [];
  }
}

/** Methods that consume their receiver and keep (or hand out) what it owns. */
function isConsumingMethod(method: string): boolean {
  return method.startsWith('into_') || method === 'leak';
}

/** Formatting macros borrow their arguments; any other macro may move them. */
const BORROWING_MACROS = new Set(['format', 'print', 'println', 'eprint', 'eprintln', 'write', 'writeln', 'assert', 'assert_eq', 'assert_ne', 'debug_assert', 'debug_assert_eq', 'dbg', 'panic']);

/**
 * Whether the local `name` is moved or kept somewhere the analysis cannot follow: passed by value to a call,
 * consumed by `into_*`/`leak`, `mem::forget`, stored through an assignment, in a struct literal, captured by a
 * closure or handed to a macro. Anywhere in the body: when in doubt, the owner may outlive the function.
 */
export function isMovedOrKept(facts: BodyFacts, name: string): boolean {
  const isName = (e: Expr) => e.kind === 'path' && e.segments.length === 1 && e.segments[0] === name;
  for (const call of facts.calls) {
    if (call.expr.args.some((a) => isName(stripCasts(a)))) return true;
  }
  for (const call of facts.methodCalls) {
    if (call.expr.args.some((a) => isName(stripCasts(a)))) return true;
    if (isName(call.expr.receiver) && isConsumingMethod(call.expr.method)) return true;
  }
  if (facts.assignments.some((a) => isName(stripCasts(a.value)))) return true;
  if (facts.structs.some((s) => s.expr.fields.some((f) => isName(stripCasts(f.value))))) return true;
  if (facts.lets.some((l) => l.value && isName(l.value))) return true;
  const word = new RegExp(`\\b${name}\\b`);
  if (facts.macros.some((m) => !BORROWING_MACROS.has(m.name) && word.test(m.tokens))) return true;
  return mentionedInClosure(facts, word);
}

function mentionedInClosure(facts: BodyFacts, word: RegExp): boolean {
  const closures: Expr[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'closure') closures.push(e);
    else childrenOf(e).forEach(visit);
  };
  for (const call of [...facts.calls, ...facts.methodCalls]) visit(call.expr);
  for (const fact of facts.lets) if (fact.value) visit(fact.value);
  return closures.some((c) => word.test(c.text));
}

/** The position just before the body's closing brace: where locals are dropped. */
export function endOfBody(facts: BodyFacts): Range {
  const end = facts.bodyRange.end;
  const brace = { line: end.line, character: Math.max(0, end.character - 1) };
  return { start: brace, end };
}
