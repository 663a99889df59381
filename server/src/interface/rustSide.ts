// The plugin's side of a declared interface: its exported functions and statics with their C meaning, the
// values of its enums and version constants (read from the item's text, since items carry no expressions).
import { exportableItems } from '../boundary/exportableItems';
import { exportedSymbol } from '../boundary/exportedSymbols';
import type { TypeScope } from '../boundary/typeScope';
import type { CrateModel, Module } from '../crate/crateModel';
import type { Range } from '../engine/types';
import type { AdtItem, FunctionItem, ItemCommon, StaticItem } from '../syntax/items';
import { allItems } from '../syntax/items';
import { evaluateIntegerExpression } from './constExpr';
import type { CType } from './model';
import { rustToCType, type RustTypeContext } from './rustCType';

export interface RustExport {
  symbol: string;
  item: FunctionItem | StaticItem;
  module: Module;
  owners: ItemCommon[];
}

export function scopeOf(module: Module, generics: readonly string[] = []): TypeScope {
  return { module, generics: new Set(generics), substitutions: new Map(), selfType: undefined };
}

/** Every symbol the crate exports, by name (the first definition wins; `duplicate-export` reports the rest). */
export function rustExports(crate: CrateModel): Map<string, RustExport> {
  const exports = new Map<string, RustExport>();
  for (const { item, module, owners, container } of exportableItems(crate.modules)) {
    if (container?.kind === 'trait') continue;
    const symbol = exportedSymbol(item);
    // `#[no_mangle] fn r#match` exports `match`: the raw-identifier prefix is not part of the symbol.
    const name = symbol?.attribute.name === 'no_mangle' ? symbol.name.replace(/^r#/, '') : symbol?.name;
    if (name !== undefined && !exports.has(name)) exports.set(name, { symbol: name, item, module, owners });
  }
  return exports;
}

/** Names the crate declares in `extern` blocks: symbols it imports from the host, not ones it must export. */
export function importedSymbols(crate: CrateModel): Set<string> {
  const names = new Set<string>();
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'externBlock') continue;
      for (const fn of item.functions) names.add(exportedSymbol(fn)?.name ?? linkName(fn) ?? fn.name);
      for (const st of item.statics) names.add(st.name);
    }
  }
  return names;
}

function linkName(item: ItemCommon): string | undefined {
  return item.attributes.find((a) => a.name === 'link_name' && a.value !== undefined)?.value;
}

/** `unsafe extern "C" fn f(n: i32, mut args: ...)`: the parameter list ends in C variadics. */
export function isVariadic(crate: CrateModel, fn: FunctionItem, file: string): boolean {
  const text = crate.files.get(file)?.text;
  if (text === undefined) return false;
  const head = text.slice(fn.startOffset, fn.bodyRange ? crate.files.get(file)!.lines.offsetAt(fn.bodyRange.start) : fn.endOffset);
  const open = head.indexOf('(', head.search(/\bfn\b/));
  if (open < 0) return false;
  let depth = 0;
  for (let i = open; i < head.length; i++) {
    if (head[i] === '(') depth++;
    else if (head[i] === ')' && --depth === 0) return /(?:^|[(,])\s*(?:(?:mut\s+)?[A-Za-z_]\w*\s*:\s*)?\.\.\.\s*,?\s*$/.test(head.slice(open + 1, i));
  }
  return false;
}

/** The C meaning of a Rust function's signature. */
export function rustSignature(fn: FunctionItem, module: Module, context: RustTypeContext): { params: CType[]; returnType: CType } {
  const scope = scopeOf(module, fn.generics);
  return {
    params: fn.params.map((type) => rustToCType(context, { type, scope })),
    returnType: fn.returnType ? rustToCType(context, { type: fn.returnType, scope }) : { kind: 'void', spelling: '()' },
  };
}

export interface RustVariant {
  name: string;
  value: bigint | undefined;
  nameRange: Range;
}

/** The variants of a fieldless enum with their discriminants; undefined when a variant carries data. */
export function rustEnumVariants(crate: CrateModel, item: AdtItem, module: Module): RustVariant[] | undefined {
  const file = crate.files.get(module.file);
  if (!file || item.variants.some((v) => v.fields.length > 0)) return undefined;
  const start = file.lines.offsetAt(item.range.start);
  const text = file.text.slice(start, file.lines.offsetAt(item.range.end));
  const open = text.indexOf('{');
  if (open < 0) return undefined;
  const body = blankComments(text.slice(open + 1, text.lastIndexOf('}')));
  const variants: RustVariant[] = [];
  const known = new Map<string, bigint>();
  let previous: bigint | undefined = -1n;
  const offset = open + 1;
  for (const part of splitTopLevelCommas(body)) {
    const withoutAttributes = part.text.replace(/#\s*\[[^\]]*\]/g, (m) => ' '.repeat(m.length));
    const match = /^(\s*)([A-Za-z_]\w*)\s*(?:=\s*([\s\S]+?))?\s*$/.exec(withoutAttributes);
    if (!match) continue;
    const value: bigint | undefined = match[3] !== undefined ? evaluateIntegerExpression(match[3], (n) => known.get(n)) : previous === undefined ? undefined : previous + 1n;
    if (value !== undefined) known.set(match[2], value);
    const nameStart = start + offset + part.start + match[1].length;
    variants.push({ name: match[2], value, nameRange: { start: file.lines.positionAt(nameStart), end: file.lines.positionAt(nameStart + match[2].length) } });
    previous = value;
  }
  return variants;
}

function blankComments(text: string): string {
  return text.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '));
}

function splitTopLevelCommas(text: string): { text: string; start: number }[] {
  const parts: { text: string; start: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if ((ch === ',' && depth === 0) || i === text.length) {
      if (text.slice(start, i).trim() !== '') parts.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  }
  return parts;
}

export interface RustConstant {
  name: string;
  value: bigint;
  item: StaticItem;
  file: string;
}

/** Integer `const`s and `static`s of the crate, evaluated from their text (`const V: u32 = 3;`, `= BASE + 1`). */
export function crateConstantItems(crate: CrateModel): RustConstant[] {
  const texts = new Map<string, { text: string; item: StaticItem; file: string }>();
  for (const module of crate.modules) {
    const file = crate.files.get(module.file);
    if (!file) continue;
    for (const item of allItems(module.syntax)) {
      if (item.kind !== 'const' && item.kind !== 'static') continue;
      const text = file.text.slice(file.lines.offsetAt(item.range.start), file.lines.offsetAt(item.range.end));
      const value = /=\s*([\s\S]+?);?\s*$/.exec(text)?.[1];
      if (value) texts.set(item.name, { text: value, item, file: module.file });
    }
  }
  const values = new Map<string, bigint>();
  const evaluate = (name: string, depth: number): bigint | undefined => {
    if (values.has(name)) return values.get(name);
    const text = texts.get(name)?.text;
    if (text === undefined || depth > 8) return undefined;
    const value = evaluateIntegerExpression(text, (n) => evaluate(n, depth + 1));
    if (value !== undefined) values.set(name, value);
    return value;
  };
  const constants: RustConstant[] = [];
  for (const [name, { item, file }] of texts) {
    const value = evaluate(name, 0);
    if (value !== undefined) constants.push({ name, value, item, file });
  }
  return constants;
}

/** Integer `const`s and `static`s of the crate by name. */
export function crateConstants(crate: CrateModel): Map<string, bigint> {
  return new Map(crateConstantItems(crate).map((c) => [c.name, c.value]));
}

/** The value an exported version function returns (`{ 3 }`, `{ return ABI_VERSION; }`), when it is a constant. */
export function returnedConstant(crate: CrateModel, fn: FunctionItem, module: Module, constants: ReadonlyMap<string, bigint>): { value: bigint; range: Range } | undefined {
  const file = crate.files.get(module.file);
  if (!file || !fn.bodyRange) return undefined;
  const bodyStart = file.lines.offsetAt(fn.bodyRange.start);
  const body = file.text.slice(bodyStart, file.lines.offsetAt(fn.bodyRange.end));
  const match = /^\{\s*(?:return\s+)?([^;{}]+?)\s*;?\s*\}$/.exec(blankComments(body));
  if (!match) return undefined;
  const value = evaluateIntegerExpression(match[1], (n) => constants.get(n));
  if (value === undefined) return undefined;
  const at = bodyStart + body.indexOf(match[1]);
  return { value, range: { start: file.lines.positionAt(at), end: file.lines.positionAt(at + match[1].length) } };
}
