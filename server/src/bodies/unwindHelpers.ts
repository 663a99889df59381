import type { CrateModel } from '../crate/crateModel';
import type { Range } from '../engine/types';
import { factsOf, resolveCall, type CrateFunction } from './callGraph';
import type { BodyFacts } from './facts';
import { answerFor } from './answers';

/**
 * Code that runs inside `catch_unwind` without being written inside it: the closure handed to a crate helper
 * that wraps its closure parameter in `catch_unwind` (`guarded(-1, || { .. })` with
 * `fn guarded<F: FnOnce() -> T>(err: T, f: F) -> T { catch_unwind(AssertUnwindSafe(f)).unwrap_or(err) }`),
 * and the input of a `macro_rules!` macro of the crate whose expansion calls `catch_unwind`
 * (`ffi_boundary! { .. }`). A panic there is caught before it reaches the host.
 */
export function protectedRanges(crate: CrateModel, target: CrateFunction, facts: BodyFacts): Range[] {
  // The helpers' facts are read through `factsOf`, so a memoised answer names them among what it depends on.
  return answerFor(crate, target, 'protected-ranges', () => findProtectedRanges(crate, target, facts));
}

function findProtectedRanges(crate: CrateModel, target: CrateFunction, facts: BodyFacts): Range[] {
  const ranges: Range[] = [];
  for (const call of [...facts.calls, ...facts.methodCalls]) {
    const helper = resolveCall(crate, target, call.expr);
    if (!helper || helper.fn === target.fn) continue;
    const caught = caughtParameters(crate, helper);
    call.expr.args.forEach((arg, i) => {
      // A method's `self` is not in `args`: its parameters are shifted by one.
      const position = call.expr.kind === 'method' ? i + 1 : i;
      if (caught.has(position) && (arg.kind === 'closure' || arg.kind === 'path')) ranges.push(arg.range);
    });
  }
  const catching = catchingMacros(crate);
  for (const macro of facts.macros) if (catching.has(macro.name)) ranges.push(macro.range);
  return ranges;
}

/** Positions of the helper's parameters that it passes to `catch_unwind` (possibly wrapped, e.g. in `AssertUnwindSafe`). */
function caughtParameters(crate: CrateModel, helper: CrateFunction): Set<number> {
  return answerFor(crate, helper, 'caught-parameters', () => findCaughtParameters(crate, helper));
}

function findCaughtParameters(crate: CrateModel, helper: CrateFunction): Set<number> {
  const positions = new Set<number>();
  const facts = factsOf(crate, helper);
  if (facts.catchUnwindClosures.length > 0) {
    const catchCalls = facts.calls.filter((c) => c.expr.callee[c.expr.callee.length - 1] === 'catch_unwind');
    const selfOffset = helper.fn.params.length - facts.params.length;
    facts.params.forEach((param, i) => {
      if (!param.name) return;
      const word = new RegExp(`(^|[^\\w.])${param.name}\\b`);
      if (catchCalls.some((c) => c.expr.args.some((a) => word.test(a.text)))) positions.add(i + selfOffset);
    });
  }
  return positions;
}

const macroMemo = new WeakMap<CrateModel, Set<string>>();

/** Names of the crate's `macro_rules!` macros whose rules call `catch_unwind`. */
export function catchingMacros(crate: CrateModel): Set<string> {
  const cached = macroMemo.get(crate);
  if (cached) return cached;
  const names = new Set<string>();
  for (const file of crate.files.values()) {
    if (!file.text.includes('catch_unwind')) continue;
    const definition = /macro_rules!\s*([A-Za-z_]\w*)\s*[{(]/g;
    for (let match = definition.exec(file.text); match; match = definition.exec(file.text)) {
      const body = balancedFrom(file.text, match.index + match[0].length - 1);
      if (/\bcatch_unwind\b/.test(body)) names.add(match[1]);
    }
  }
  macroMemo.set(crate, names);
  return names;
}

/**
 * Names of the crate's `macro_rules!` macros that return when one of their conditions fails
 * (`if !$condition { ..; return; }`, like glib's `g_return_if_fail`): after a call, each condition holds.
 */
export function returningCheckMacros(crate: CrateModel): Set<string> {
  const cached = checkMemo.get(crate);
  if (cached) return cached;
  const names = new Set<string>();
  for (const file of crate.files.values()) {
    if (!file.text.includes('macro_rules!')) continue;
    const definition = /macro_rules!\s*([A-Za-z_]\w*)\s*[{(]/g;
    for (let match = definition.exec(file.text); match; match = definition.exec(file.text)) {
      const body = balancedFrom(file.text, match.index + match[0].length - 1);
      if (/if\s*!\s*\$\w+\s*\{[^{}]*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}[^{}]*)*\breturn\b/.test(body)) names.add(match[1]);
    }
  }
  checkMemo.set(crate, names);
  return names;
}

const checkMemo = new WeakMap<CrateModel, Set<string>>();

/** The text from an opening delimiter to its match (or the end of the text). */
function balancedFrom(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if (ch === '}' || ch === ')' || ch === ']') {
      depth--;
      if (depth === 0) return text.slice(open, i + 1);
    }
  }
  return text.slice(open);
}
