// The functions a plugin imports from the program that loads it: those declared in its `extern "C"` blocks
// without `#[link]` (a block with `#[link(name = …)]` names the library that provides them, not the host).
// The loader stubs them (client/src/loader/hostStubs*.ts) so the plugin loads alone; a pure function of the
// crate model, with each parameter reduced to what a stub can record: a scalar, a C string or a pointer.
import * as path from 'node:path';
import type { CrateModel, Module } from '../crate/crateModel';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import type { HostImport, HostValueType } from '../protocol/loader';
import { isVariadic } from '../interface/rustSide';
import { isForeignAbi } from './sites';
import { resolveAliasChain, type TypeScope } from './typeScope';

/** Rust scalars a stub can take and return (C has no `i128`, and `char` is no C character). */
const SCALARS = new Set(['i8', 'u8', 'i16', 'u16', 'i32', 'u32', 'i64', 'u64', 'isize', 'usize', 'f32', 'f64', 'bool']);
const C_SCALARS = new Set(['c_char', 'c_schar', 'c_uchar', 'c_short', 'c_ushort', 'c_int', 'c_uint', 'c_long', 'c_ulong', 'c_longlong', 'c_ulonglong', 'c_float', 'c_double']);
/** Pointer-sized wrappers that are a (nullable) pointer in C. */
const POINTER_WRAPPERS = new Set(['NonNull', 'Option']);

export function hostImports(crate: CrateModel): HostImport[] {
  const exported = new Set<string>();
  const imports = new Map<string, HostImport>();
  const root = crate.manifest ? path.dirname(crate.manifest.path) : undefined;
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'externBlock' || !isForeignAbi(item.abi) || item.abi.startsWith('Rust')) continue;
      if (item.attributes.some((a) => a.name === 'link' && !a.inner)) continue;
      for (const fn of item.functions) {
        const symbol = fn.attributes.find((a) => a.name === 'link_name' && a.value !== undefined)?.value ?? fn.name;
        if (imports.has(symbol) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(symbol)) continue;
        imports.set(symbol, hostImport(crate, module, fn, symbol, root));
      }
    }
    for (const item of module.syntax.items) if ((item.kind === 'function' || item.kind === 'static') && item.attributes.some((a) => a.name === 'no_mangle' || a.name === 'export_name')) exported.add(item.name);
  }
  // A crate that declares one of its own exports in an `extern` block links it to itself, not to the host.
  return [...imports.values()].filter((i) => !exported.has(i.symbol));
}

function hostImport(crate: CrateModel, module: Module, fn: FunctionItem, symbol: string, root: string | undefined): HostImport {
  const file = root ? path.relative(root, module.file) : path.basename(module.file);
  const declaredAt = `${file}:${fn.range.start.line + 1}`;
  const scope: TypeScope = { module, generics: new Set(), substitutions: new Map(), selfType: undefined };
  const params = fn.params.map((p) => valueType(p, scope));
  const returns = fn.returnType ? valueType(fn.returnType, scope) : 'void';
  const base = { symbol, declaredAt, params: params.filter((p): p is HostValueType => typeof p === 'object'), returns: typeof returns === 'object' || returns === 'void' ? returns : 'void' } as const;
  if (isVariadic(crate, fn, module.file)) return { ...base, reason: 'it is variadic (`...`), which a Rust stub cannot define' };
  const bad = [...fn.params.map((p, i) => ({ text: p.text, t: params[i] })), ...(fn.returnType ? [{ text: fn.returnType.text, t: returns }] : [])].find((x) => typeof x.t !== 'object' && x.t !== 'void');
  if (bad) return { ...base, reason: `\`${bad.text}\` has no C type a stub can take or return (a struct by value, \`i128\`, \`char\`)` };
  return base;
}

/** What a stub sees of a type; `undefined` when it cannot take or return it. */
function valueType(type: TypeRef, scope: TypeScope): HostValueType | 'void' | undefined {
  const t = resolveAliasChain({ type, scope }).type;
  switch (t.kind) {
    case 'primitive':
      return SCALARS.has(t.name) ? { kind: 'scalar', rust: t.name } : undefined;
    case 'tuple':
      return t.elements.length === 0 ? 'void' : undefined;
    case 'pointer': {
      const inner = resolveAliasChain({ type: t.inner, scope }).type;
      const name = inner.kind === 'path' ? inner.segments[inner.segments.length - 1] : undefined;
      return name === 'c_char' && !t.mutable ? { kind: 'c-string' } : { kind: 'pointer' };
    }
    case 'reference':
    case 'fnPointer':
      return { kind: 'pointer' };
    case 'path': {
      const name = t.segments[t.segments.length - 1];
      if (C_SCALARS.has(name) && t.args.length === 0) return { kind: 'scalar', rust: `std::ffi::${name}` };
      if (POINTER_WRAPPERS.has(name) && t.args.length === 1) {
        const inner = resolveAliasChain({ type: t.args[0], scope }).type;
        if (name === 'NonNull' || inner.kind === 'reference' || inner.kind === 'fnPointer' || (inner.kind === 'path' && inner.segments[inner.segments.length - 1] === 'NonNull')) return { kind: 'pointer' };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
