// Vtables: `#[repr(C)]` structs of `extern "C" fn` pointers a host declares and a plugin fills in (a struct
// literal in a function, a `static` or a `const`) and returns from an entry point. Reads the declarations on
// the host side and the literals on the plugin side; `hostChecks.ts` compares them.
import { factsFor } from '../../bodies/bodyOf';
import { bodyOf, crateFunctions, resolveCall, type CrateFunction, type Expr } from '../../bodies';
import type { CrateModel, Module } from '../../crate/crateModel';
import type { FunctionItem, StaticItem } from '../../syntax/items';
import { allItems } from '../../syntax/items';
import { reprOf } from '../../syntax/attributes';
import type { DeclaredVtable } from '../model';
import { rustToCType, type RustTypeContext } from '../rustCType';
import { scopeOf } from '../rustSide';
import { originIn, symbolShape } from './hostTypes';
import { isWrapperApi } from './wrapperApi';

/** `#[repr(C)]` structs of the host with at least one `extern "C" fn` pointer field. */
export function readVtables(host: CrateModel, context: RustTypeContext): DeclaredVtable[] {
  const vtables: DeclaredVtable[] = [];
  for (const module of host.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'struct' || item.generics.length > 0 || !reprOf(item.attributes).c || isWrapperApi(item)) continue;
      if (!item.fields.some((f) => symbolShape(context, f.type, module).kind === 'function')) continue;
      const fields = item.fields.map((f, i) => ({ name: f.name ?? String(i), type: rustToCType(context, { type: f.type, scope: scopeOf(module) }), range: f.type.range }));
      vtables.push({ kind: 'vtable', name: item.name, fields, origin: originIn(host, module.file, item.range) });
    }
  }
  return vtables;
}

export type StructLiteral = Extract<Expr, { kind: 'struct' }>;

/** A literal of a vtable struct in the plugin, and the function or static it is written in. */
export interface VtableLiteral {
  literal: StructLiteral;
  owner: FunctionItem | StaticItem;
  module: Module;
  file: string;
  /** For resolving the functions the literal names, from where it is written. */
  scope: CrateFunction;
}

const lastSegment = (path: string) => path.replace(/<[^]*$/, '').split('::').pop()?.trim() ?? path;

/** Every literal of a struct named `name` in the plugin's functions, statics and consts. */
export function vtableLiterals(crate: CrateModel, name: string): VtableLiteral[] {
  const word = new RegExp(`\\b${name}\\s*\\{`);
  const found: VtableLiteral[] = [];
  for (const target of crateFunctions(crate)) {
    const parsed = crate.files.get(target.file);
    if (!parsed || !word.test(parsed.text.slice(target.fn.startOffset, target.fn.endOffset))) continue;
    for (const { expr } of bodyOf(crate, target.fn, target.file).structs) {
      if (lastSegment(expr.name) === name) found.push({ literal: expr, owner: target.fn, module: target.module, file: target.file, scope: target });
    }
  }
  for (const module of crate.modules) {
    const parsed = crate.files.get(module.file);
    if (!parsed || !word.test(parsed.text)) continue;
    for (const item of allItems(module.syntax)) {
      if ((item.kind !== 'static' && item.kind !== 'const') || item.container) continue;
      const start = parsed.lines.offsetAt(item.range.start);
      const text = parsed.text.slice(start, parsed.lines.offsetAt(item.range.end));
      if (!word.test(text)) continue;
      const facts = factsFor(parsed.parser, asFunctionText(text), item.range.start);
      // A static has no function of its own: names in it resolve from its module, with no `Self`.
      const scope: CrateFunction = { fn: { selfType: undefined } as FunctionItem, module, file: module.file };
      for (const { expr } of facts.structs) {
        if (lastSegment(expr.name) === name) found.push({ literal: expr, owner: item, module, file: module.file, scope });
      }
    }
  }
  return found;
}

/**
 * `static VT: T = T { … };` rewritten as a function of the same length whose tail is the initializer, so
 * the body reader sees the literal at its real position: `fn _(){` over the head, `}` over the `;`.
 */
export function asFunctionText(text: string): string {
  const keyword = /\b(?:static|const)\b[^=;]*=/.exec(text);
  if (!keyword) return '';
  const head = text.slice(0, keyword.index + keyword[0].length);
  const blanked = head.replace(/[^\n]/g, ' ');
  const opener = 'fn _(){';
  const firstLine = blanked.indexOf('\n') < 0 ? blanked.length : blanked.indexOf('\n');
  if (firstLine < opener.length + 1) return '';
  const semicolon = text.lastIndexOf(';');
  const rest = text.slice(head.length, semicolon < 0 ? text.length : semicolon);
  return `${opener}${blanked.slice(opener.length)}${rest}}`;
}

/** What a field's value stores: a plugin function, a null pointer, or something we cannot tell. */
export type AssignedValue = { kind: 'function'; target: CrateFunction; expr: Expr } | { kind: 'null'; expr: Expr } | { kind: 'unknown' };

export function assignedValue(crate: CrateModel, literal: VtableLiteral, value: Expr): AssignedValue {
  let current = value;
  for (let i = 0; i < 4; i++) {
    if (current.kind === 'cast') current = current.value;
    else if (current.kind === 'call' && current.callee.length === 1 && current.callee[0] === 'Some' && current.args.length === 1) current = current.args[0];
    else break;
  }
  if (current.kind !== 'path') return { kind: 'unknown' };
  if (current.text === 'None') return { kind: 'null', expr: current };
  const call: Expr = { kind: 'call', callee: current.segments, turbofish: undefined, args: [], range: current.range, calleeRange: current.range, text: current.text };
  const target = resolveCall(crate, literal.scope, call);
  return target ? { kind: 'function', target, expr: current } : { kind: 'unknown' };
}
