import { parse as parseToml } from 'smol-toml';
import type { CrateModel, Module } from '../crate/crateModel';
import type { Manifest } from '../crate/manifest';
import { resolvePath } from '../crate/resolve';
import type { Range } from '../engine/types';
import { splitTopLevel } from '../syntax/attributes';
import { factsOf, resolveCall, type CrateFunction } from './callGraph';
import type { BodyFacts, Expr } from './facts';
import { letBefore } from './values';

/**
 * Whether a string value is known to hold no NUL byte, so `CString::new(value)` cannot fail. Known NUL-free:
 * - a string literal without `\0`, and a choice between such values;
 * - `env!(..)`: an environment variable's value is a C string on every platform, it cannot hold NUL; `concat!`
 *   and `stringify!` of NUL-free parts;
 * - `format!` with a NUL-free format string and NUL-free (or integer) arguments, named, positional or captured;
 * - `.to_string()`, `.to_owned()`, `String::from(..)`, `.into()`, `.unwrap_or_default()`, `.unwrap_or(..)` of such;
 * - a call of a crate function all of whose returned values are NUL-free (a few calls deep);
 * - a string constant of the crate, and the constants `built` writes (a module that is only
 *   `include!(concat!(env!("OUT_DIR"), "/built.rs"))`, with `built` a build dependency): their texts are Cargo's
 *   environment and the output of `git`/`rustc`, none of which can carry a NUL byte.
 */
export function isNulFreeText(crate: CrateModel, target: CrateFunction, facts: BodyFacts, expr: Expr, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const next = (e: Expr) => isNulFreeText(crate, target, facts, e, depth + 1);
  switch (expr.kind) {
    case 'literal':
      return isNulFreeStringLiteral(expr.text);
    case 'branches':
      return expr.values.length > 0 && expr.values.every(next);
    case 'reference':
      return next(expr.value);
    case 'macro':
      return macroIsNulFree(crate, target, facts, expr.text, expr.range, depth);
    case 'method':
      if (TEXT_CONVERSIONS.has(expr.method) && expr.args.length === 0) return isInteger(facts, expr.receiver, expr.method) || next(expr.receiver);
      if (expr.method === 'unwrap_or' && expr.args.length === 1) return next(expr.receiver) && next(expr.args[0]);
      return false;
    case 'call': {
      const last = expr.callee.slice(-2).join('::');
      if ((last === 'String::from' || last === 'str::to_owned') && expr.args.length === 1) return next(expr.args[0]);
      const callee = resolveCall(crate, target, expr);
      return callee !== undefined && returnsNulFree(crate, callee, depth + 1);
    }
    case 'path':
      return pathIsNulFree(crate, target, facts, expr, depth);
    default:
      return false;
  }
}

/** Calls followed and bindings chased, together. */
const MAX_DEPTH = 8;

const TEXT_CONVERSIONS = new Set(['to_string', 'to_owned', 'into', 'clone', 'as_str', 'unwrap_or_default']);

const INTEGER = /^(?:[iu](?:8|16|32|64|128|size)|(?:std::)?(?:ffi::|os::raw::)?c_(?:u?(?:short|int|long|longlong)|schar|uchar))$/;

/** `"…"`, `b"…"`, `r#"…"#`, `br"…"` without a NUL byte written in them. */
export function isNulFreeStringLiteral(text: string): boolean {
  return /^b?r?#*"/.test(text) && !/\\0|\\x00|\\u\{0+\}|\0/.test(text);
}

/** `n.to_string()` on an integer local or parameter writes digits and `-`. */
function isInteger(facts: BodyFacts, receiver: Expr, method: string): boolean {
  if (method !== 'to_string' || receiver.kind !== 'path' || receiver.segments.length !== 1) return /^-?\d[\d_]*(?:[iu]\w+)?$/.test(receiver.text);
  const name = receiver.segments[0];
  const type = letBefore(facts, name, receiver.range.start)?.type ?? facts.params.find((p) => p.name === name)?.type;
  return type !== undefined && INTEGER.test(type.trim());
}

function returnsNulFree(crate: CrateModel, callee: CrateFunction, depth: number): boolean {
  if (depth > MAX_DEPTH || callee.fn.generics.length > 0) return false;
  const facts = factsOf(crate, callee);
  if (facts.hasErrors || facts.returns.length === 0) return false;
  return facts.returns.every((r) => !r.inClosure && isNulFreeText(crate, callee, facts, r.value, depth));
}

function pathIsNulFree(crate: CrateModel, target: CrateFunction, facts: BodyFacts, expr: Extract<Expr, { kind: 'path' }>, depth: number): boolean {
  if (expr.segments.length === 1) {
    const binding = letBefore(facts, expr.segments[0], expr.range.start);
    if (binding) return binding.value !== undefined && isNulFreeText(crate, target, facts, binding.value, depth + 1);
    if (facts.params.some((p) => p.name === expr.segments[0])) return false;
  }
  const module = expr.segments.length === 1 ? target.module : moduleAt(target.module, expr.segments.slice(0, -1));
  return module !== undefined && constantIsNulFree(crate, module, expr.segments[expr.segments.length - 1]);
}

function moduleAt(from: Module, segments: string[]): Module | undefined {
  const resolved = resolvePath(from, segments);
  return resolved.kind === 'module' ? resolved.module : undefined;
}

function constantIsNulFree(crate: CrateModel, module: Module, name: string): boolean {
  const constant = module.syntax.items.find((item) => (item.kind === 'const' || item.kind === 'static') && item.name === name);
  if (constant) {
    const file = crate.files.get(module.file);
    if (!file) return false;
    const text = file.text.slice(file.lines.offsetAt(constant.range.start), file.lines.offsetAt(constant.range.end));
    const value = /=\s*([\s\S]*?);?\s*$/.exec(text)?.[1]?.trim() ?? '';
    return isNulFreeStringLiteral(value) || /^(?:Some\()?\s*"(?:[^"\\]|\\[^0x]|\\x[1-9a-fA-F][0-9a-fA-F])*"\s*\)?$/.test(value);
  }
  return isBuiltInfoModule(crate, module);
}

/** A module whose only item is `include!(concat!(env!("OUT_DIR"), "/built.rs"))`, in a crate built with `built`. */
function isBuiltInfoModule(crate: CrateModel, module: Module): boolean {
  const items = module.syntax.items;
  if (items.length !== 1 || items[0].kind !== 'macroCall' || items[0].name !== 'include') return false;
  const included = items[0].text.replace(/\s+/g, '');
  return /^include!\(concat!\(env!\("OUT_DIR"\),"\/built\.rs"\)\);?$/.test(included) && hasBuildDependency(crate.manifest, 'built');
}

const buildDependencies = new WeakMap<Manifest, Set<string>>();

function hasBuildDependency(manifest: Manifest | undefined, name: string): boolean {
  if (!manifest) return false;
  let names = buildDependencies.get(manifest);
  if (!names) {
    names = new Set();
    try {
      const table = (parseToml(manifest.text) as { 'build-dependencies'?: Record<string, unknown> })['build-dependencies'];
      for (const key of Object.keys(table ?? {})) names.add(key);
    } catch {
      // A manifest that does not parse is reported where it is read; here it only means "not known".
    }
    buildDependencies.set(manifest, names);
  }
  return names.has(name);
}

/** `format!("{} ({})", a(), b)`, `concat!(..)`, `env!(..)`, `stringify!(..)`. */
function macroIsNulFree(crate: CrateModel, target: CrateFunction, facts: BodyFacts, text: string, at: Range, depth: number): boolean {
  const call = /^((?:(?:std|core|alloc)::)?[a-z_]+)!\s*[([{]([\s\S]*)[)\]}]$/.exec(text.trim());
  if (!call) return false;
  const name = call[1].split('::').pop();
  if (name === 'env' || name === 'stringify') return true;
  const parts = splitTopLevel(call[2]).map((p) => p.trim()).filter((p) => p.length > 0);
  if (name === 'concat') return parts.every((p) => isNulFreeStringLiteral(p) || /^-?\d/.test(p) || /^(?:(?:std|core)::)?(?:env|stringify)!\s*[([{]/.test(p));
  if (name !== 'format') return false;
  const [format, ...args] = parts;
  if (format === undefined || !isNulFreeStringLiteral(format)) return false;
  const argumentOk = (argument: string) => argumentIsNulFree(crate, target, facts, argument, at, depth);
  const captured = [...format.matchAll(/\{([A-Za-z_]\w*)(?::[^}]*)?\}/g)].map((m) => m[1]);
  return args.every((a) => argumentOk(a.replace(/^[A-Za-z_]\w*\s*=(?!=)\s*/, ''))) && captured.every((c) => args.some((a) => a.startsWith(`${c} `) || a.startsWith(`${c}=`)) || argumentOk(c));
}

/**
 * One argument of `format!`, read from its text (macro arguments are not parsed into expressions): a
 * literal, a local, a call of a crate function without arguments (`short()`, `version::full()`), a macro.
 */
function argumentIsNulFree(crate: CrateModel, target: CrateFunction, facts: BodyFacts, text: string, at: Range, depth: number): boolean {
  // Arguments have no ranges of their own here: they are read where the macro is.
  const range = at;
  if (/^-?\d[\d_]*(?:[iu]\w+)?$/.test(text)) return true;
  if (isNulFreeStringLiteral(text)) return true;
  if (/^(?:(?:std|core|alloc)::)?[a-z_]+!\s*[([{]/.test(text)) return macroIsNulFree(crate, target, facts, text, at, depth + 1);
  const called = /^((?:[A-Za-z_]\w*::)*[A-Za-z_]\w*)\(\s*\)$/.exec(text);
  if (called) {
    const callee = called[1].split('::');
    const expr: Expr = { kind: 'call', callee, turbofish: undefined, args: [], range, calleeRange: range, text };
    return isNulFreeText(crate, target, facts, expr, depth + 1);
  }
  if (/^[A-Za-z_]\w*$/.test(text)) {
    const binding = letBefore(facts, text, at.start);
    const param = facts.params.find((p) => p.name === text);
    if (!binding && param) return INTEGER.test(param.type.trim());
    if (binding?.type && INTEGER.test(binding.type.trim())) return true;
    return isNulFreeText(crate, target, facts, { kind: 'path', segments: [text], range, text }, depth + 1);
  }
  return false;
}
