// Host-side Rust types in C terms: the same conversion the plugin side uses (`rustCType.ts`), so a declaration
// read from a host crate compares with the plugin's exports by meaning, exactly as a header's does.
import type { Parser } from 'web-tree-sitter';
import type { CrateModel, Module } from '../../crate/crateModel';
import type { Range } from '../../engine/types';
import { parseTypeRef } from '../../syntax/typeRef';
import type { TypeRef } from '../../syntax/typeRef';
import { resolveAliasChain, type ScopedType } from '../../boundary/typeScope';
import { reprOf } from '../../syntax/attributes';
import type { CType, DeclaredEnum, DeclaredFunction, DeclaredRecord, DeclarationOrigin } from '../model';
import { rustToCType, type RustTypeContext } from '../rustCType';
import { rustEnumVariants, scopeOf } from '../rustSide';

/** What a host symbol's type says: a function (with its C signature) or data at an address. */
export type SymbolShape =
  /** `rustAbi`: a Rust-ABI `fn` pointer type (no `extern "C"`). */
  | { kind: 'function'; fn: Extract<CType, { kind: 'function' }>; optional: boolean; rustAbi?: true }
  | { kind: 'static'; type: CType; optional: boolean }
  | { kind: 'unknown' };

/** `unsafe extern "C" fn(..)`, `Option<extern "C" fn(..)>`, `&'a T`, `*const T`, `Option<&T>`, by meaning. */
export function symbolShape(context: RustTypeContext, type: TypeRef, module: Module): SymbolShape {
  return scopedSymbolShape(context, { type, scope: scopeOf(module) });
}

export function scopedSymbolShape(context: RustTypeContext, { type, scope }: ScopedType): SymbolShape {
  const resolved = resolveAliasChain({ type, scope });
  const optional = resolved.type.kind === 'path' && resolved.type.segments[resolved.type.segments.length - 1] === 'Option';
  // `unsafe fn() -> u32` (no `extern "C"`): a function the host calls with the Rust calling convention.
  const fnType = optional && resolved.type.kind === 'path' ? (resolved.type.args[0] ? resolveAliasChain({ type: resolved.type.args[0], scope: resolved.scope }).type : undefined) : resolved.type;
  if (fnType?.kind === 'fnPointer' && (fnType.abi === undefined || fnType.abi === 'Rust')) {
    const asC = rustToCType(context, { type: { ...fnType, abi: 'C' }, scope: resolved.scope });
    return asC.kind === 'pointer' && asC.pointee.kind === 'function' ? { kind: 'function', fn: asC.pointee, optional, rustAbi: true } : { kind: 'unknown' };
  }
  const c = rustToCType(context, { type, scope });
  if (c.kind !== 'pointer') return { kind: 'unknown' };
  if (c.pointee.kind === 'function') return { kind: 'function', fn: c.pointee, optional };
  return { kind: 'static', type: c.pointee, optional };
}

/** A declared function named `name` with the signature of a C function type. */
export function declaredFunction(name: string, fn: Extract<CType, { kind: 'function' }>, optional: boolean, origin: DeclarationOrigin): DeclaredFunction {
  return { kind: 'function', name, params: fn.params.map((type) => ({ name: undefined, type })), returnType: fn.returnType, variadic: fn.variadic, optional, origin };
}

/** Where `extern "C" ` goes in a Rust-ABI `fn` type written in one of `ranges` of the host file (before `fn`). */
export function rustAbiInsertion(crate: CrateModel, file: string, ranges: readonly Range[]): DeclaredFunction['rustAbi'] {
  const parsed = crate.files.get(file);
  if (!parsed) return { file, insertAt: undefined };
  for (const range of ranges) {
    const start = parsed.lines.offsetAt(range.start);
    const text = parsed.text.slice(start, parsed.lines.offsetAt(range.end));
    for (const match of text.matchAll(/\bfn\s*\(/g)) {
      if (/\bextern\s+(?:"[^"]*"\s*)?(?:unsafe\s+)?$/.test(text.slice(0, match.index))) continue;
      return { file, insertAt: parsed.lines.positionAt(start + match.index) };
    }
  }
  return { file, insertAt: undefined };
}

/** The origin of a declaration: its file, range and text. */
export function originIn(crate: CrateModel, file: string, range: Range): DeclarationOrigin {
  const parsed = crate.files.get(file);
  const text = parsed ? parsed.text.slice(parsed.lines.offsetAt(range.start), parsed.lines.offsetAt(range.end)) : '';
  return { file, range, text };
}

/** Parses a type written as text (a `let`'s annotation, a turbofish) into a `TypeRef`; positions are meaningless. */
export function typeFromText(parser: Parser, text: string): TypeRef | undefined {
  const source = `type __T = ${text};`;
  const tree = parser.parse(source);
  if (!tree) return undefined;
  try {
    const item = tree.rootNode.namedChildren.find((n) => n?.type === 'type_item');
    const typeNode = item?.childForFieldName('type');
    return typeNode && !tree.rootNode.hasError ? parseTypeRef(typeNode, source) : undefined;
  } finally {
    tree.delete();
  }
}

/** The host's ADTs met while converting, as declared records and enums (so `layout-mismatch` compares them). */
export function declaredTypesOf(host: CrateModel, context: RustTypeContext): { records: Map<string, DeclaredRecord>; enums: Map<string, DeclaredEnum> } {
  const records = new Map<string, DeclaredRecord>();
  const enums = new Map<string, DeclaredEnum>();
  const seen = new Set<string>();
  // Converting a record's fields can meet further records: repeat until no new one appears.
  for (let round = 0; round < 8; round++) {
    const pending = [...context.records].filter(([name]) => !seen.has(name));
    if (pending.length === 0) break;
    for (const [name, { item, scope }] of pending) {
      seen.add(name);
      const module = scope.module;
      if (module.crate !== host) continue;
      const origin = originIn(host, module.file, item.range);
      const repr = reprOf(item.attributes);
      if (item.kind === 'enum') {
        const variants = repr.c || repr.primitive ? rustEnumVariants(host, item, module) : undefined;
        if (variants) enums.set(name, { kind: 'enum', name, variants: variants.map((v) => ({ name: v.name, value: v.value, range: v.nameRange })), origin });
        continue;
      }
      // A struct without `repr(C)` has no defined layout: the host cannot look inside it, so it is opaque.
      const fields = repr.c && item.generics.length === 0 ? item.fields.map((f, i) => ({ name: f.name ?? String(i), type: rustToCType(context, { type: f.type, scope }), range: f.type.range })) : undefined;
      records.set(name, { kind: item.kind, name, fields, origin });
    }
  }
  return { records, enums };
}
