// What a Rust type in an `extern "C"` signature is in C terms, so it can be compared with a declaration by
// meaning (`c_int` = `i32` = `int`, `Option<&T>` = `const T*`) rather than by spelling.
import { resolveAliasChain, meaningOf, TRANSPARENT_WRAPPERS, type ScopedType, type TypeScope } from '../boundary/typeScope';
import type { AdtItem } from '../syntax/items';
import { reprOf } from '../syntax/attributes';
import type { TypeRef } from '../syntax/typeRef';
import { platformWidths } from './cHeader/cPrimitives';
import { evaluateIntegerExpression } from './constExpr';
import type { CType } from './model';

const widths = platformWidths();

/** `std::ffi`/`std::os::raw`/`libc` names for C types, by meaning. */
const C_NAMES: Record<string, CType> = {
  c_char: { kind: 'int', bits: 8, signed: undefined, spelling: 'c_char' },
  c_schar: { kind: 'int', bits: 8, signed: true, spelling: 'c_schar' },
  c_uchar: { kind: 'int', bits: 8, signed: false, spelling: 'c_uchar' },
  c_short: { kind: 'int', bits: 16, signed: true, spelling: 'c_short' },
  c_ushort: { kind: 'int', bits: 16, signed: false, spelling: 'c_ushort' },
  c_int: { kind: 'int', bits: 32, signed: true, spelling: 'c_int' },
  c_uint: { kind: 'int', bits: 32, signed: false, spelling: 'c_uint' },
  c_long: { kind: 'int', bits: widths.long, signed: true, spelling: 'c_long' },
  c_ulong: { kind: 'int', bits: widths.long, signed: false, spelling: 'c_ulong' },
  c_longlong: { kind: 'int', bits: 64, signed: true, spelling: 'c_longlong' },
  c_ulonglong: { kind: 'int', bits: 64, signed: false, spelling: 'c_ulonglong' },
  c_float: { kind: 'float', bits: 32, spelling: 'c_float' },
  c_double: { kind: 'float', bits: 64, spelling: 'c_double' },
  size_t: { kind: 'int', bits: widths.pointer, signed: false, spelling: 'size_t' },
  ssize_t: { kind: 'int', bits: widths.pointer, signed: true, spelling: 'ssize_t' },
  c_void: { kind: 'void', spelling: 'c_void' },
};

const PRIMITIVE_BITS: Record<string, number> = { i8: 8, i16: 16, i32: 32, i64: 64, i128: 128, isize: widths.pointer, u8: 8, u16: 16, u32: 32, u64: 64, u128: 128, usize: widths.pointer };

/** A Rust ADT a converted type names, so rules can pair it with a declared record. */
export interface RustRecord {
  item: AdtItem;
  scope: TypeScope;
}

export interface RustTypeContext {
  /** Every local ADT met while converting, by name. */
  records: Map<string, RustRecord>;
  /** The crate's integer constants, for array lengths such as `[c_char; NAME_LEN]`. */
  constants?: ReadonlyMap<string, bigint>;
}

const unknown = (spelling: string): CType => ({ kind: 'unknown', spelling });

export function rustToCType(context: RustTypeContext, scoped: ScopedType, depth = 0): CType {
  if (depth > 16) return unknown(scoped.type.text);
  const { type, scope } = resolveAliasChain(scoped);
  const recurse = (inner: TypeRef) => rustToCType(context, { type: inner, scope }, depth + 1);
  switch (type.kind) {
    case 'primitive': {
      if (type.name === 'bool') return { kind: 'bool', spelling: 'bool' };
      if (type.name === 'f32' || type.name === 'f64') return { kind: 'float', bits: type.name === 'f32' ? 32 : 64, spelling: type.name };
      const bits = PRIMITIVE_BITS[type.name];
      return bits ? { kind: 'int', bits, signed: type.name.startsWith('i'), spelling: type.name } : unknown(type.text);
    }
    case 'tuple':
      return type.elements.length === 0 ? { kind: 'void', spelling: '()' } : unknown(type.text);
    case 'never':
      return { kind: 'void', spelling: '!' };
    case 'pointer':
    case 'reference': {
      const pointee = recurse(type.inner);
      return { kind: 'pointer', pointee, constPointee: !type.mutable, nullable: type.kind === 'pointer', spelling: type.text };
    }
    case 'array': {
      const lengthText = /;\s*([^\]]+)\]\s*$/.exec(type.text)?.[1]?.trim();
      const length = lengthText === undefined ? undefined : arrayLength(lengthText, context.constants);
      return { kind: 'array', element: recurse(type.element), length, spelling: type.text };
    }
    case 'fnPointer': {
      if (type.abi === undefined) return unknown(type.text);
      const fn: CType = { kind: 'function', params: type.params.map(recurse), returnType: type.returnType ? recurse(type.returnType) : { kind: 'void', spelling: '()' }, variadic: false, spelling: type.text };
      // Unlike `NonNull<T>`, not a deliberate "never NULL": Rust has no other spelling of a fn pointer, and C
      // callers pass NULL to unset a callback (the reviewed corpus: gifski's progress callback).
      return { kind: 'pointer', pointee: fn, constPointee: false, nullable: false, spelling: type.text };
    }
    case 'path':
      return pathToCType(context, type, scope, recurse);
    default:
      return unknown(type.text);
  }
}

/** `16`, `1_024usize`, `NAME_LEN`, `crate::limits::NAME_LEN + 1`: undefined when it cannot be told. */
function arrayLength(text: string, constants: ReadonlyMap<string, bigint> | undefined): number | undefined {
  const plain = text.replace(/_/g, '').replace(/usize$/, '');
  if (/^\d+$/.test(plain)) return Number(plain);
  if (!constants) return undefined;
  const value = evaluateIntegerExpression(text.replace(/\b(?:[A-Za-z_]\w*::)+(?=[A-Za-z_])/g, ''), (name) => constants.get(name));
  return value === undefined || value < 0n ? undefined : Number(value);
}

function pathToCType(context: RustTypeContext, type: Extract<TypeRef, { kind: 'path' }>, scope: TypeScope, recurse: (t: TypeRef) => CType): CType {
  const meaning = meaningOf(type, scope);
  if (meaning.kind === 'adt') {
    const item = meaning.item;
    if (item.generics.length > 0) return unknown(type.text);
    const repr = reprOf(item.attributes);
    if (repr.transparent && item.fields.length > 0) return rustToCType(context, { type: item.fields[0].type, scope: { module: meaning.module, generics: new Set(), substitutions: new Map(), selfType: undefined } });
    context.records.set(item.name, { item, scope: { module: meaning.module, generics: new Set(), substitutions: new Map(), selfType: undefined } });
    const reprBits = item.kind === 'enum' ? (repr.primitive ? (PRIMITIVE_BITS[repr.primitive] ?? undefined) : 32) : undefined;
    const carriesData = item.kind === 'enum' && item.variants.some((v) => v.fields.length > 0);
    return { kind: 'record', tag: item.kind, name: item.name, spelling: type.text, ...(reprBits ? { reprBits } : {}), ...(carriesData ? { carriesData: true as const } : {}) };
  }
  if (meaning.kind !== 'external') return unknown(type.text);
  const name = meaning.path[meaning.path.length - 1];
  const first = type.args[0];
  const known = C_NAMES[name];
  if (known) return { ...known, spelling: type.text };
  if (/^NonZero(?:[IU](?:8|16|32|64|size))$/.test(name)) {
    const bits = PRIMITIVE_BITS[name.slice(7).toLowerCase()];
    return { kind: 'int', bits, signed: name[7] === 'I', spelling: type.text };
  }
  if (!first) return unknown(type.text);
  const inner = recurse(first);
  if (name === 'Option') {
    // `Option<&T>`, `Option<Box<T>>`, `Option<NonNull<T>>`, `Option<extern "C" fn>`: the null pointer is `None`.
    return inner.kind === 'pointer' && !inner.nullable ? { ...inner, nullable: true, spelling: type.text } : unknown(type.text);
  }
  if (name === 'NonNull' || name === 'Box') return { kind: 'pointer', pointee: inner, constPointee: false, nullable: false, spelling: type.text, ...(name === 'NonNull' ? { nonNullType: true as const } : {}) };
  if (TRANSPARENT_WRAPPERS.has(name)) return { ...inner, spelling: type.text };
  return unknown(type.text);
}
