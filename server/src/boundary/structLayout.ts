// The layout of a `#[repr(C)]` struct of the crate as koffi can declare it (koffi.struct), for an export that
// returns one by value. Only what koffi lays out exactly as rustc does: scalars, thin pointers (raw, references,
// `Box`, `NonNull`, `extern` fn pointers and the `Option` of one of them), `NonZero*` integers, transparent
// wrappers, fieldless enums (read as their integer), and nested `#[repr(C)]` structs. Anything else (packed or
// aligned structs, arrays, unions, enums with fields, `i128`) is refused with a reason.
import { evaluateIntegerExpression } from '../interface/constExpr';
import { reprOf } from '../syntax/attributes';
import type { AdtItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import { SCALAR_TYPES } from '../../../client/src/loader/koffiTypes';
import type { StructFieldType, StructLayout } from '../protocol/loader';
import { bindGenerics, externalName, isUnsized, MAX_TYPE_DEPTH, meaningOf, resolveAliasChain, TRANSPARENT_WRAPPERS, type ScopedType } from './typeScope';

/** Nested structs deeper than this are refused (the layout travels to the child as data). */
const MAX_NESTING = 8;
const NON_ZERO = /^NonZero(U8|U16|U32|U64|Usize|I8|I16|I32|I64|Isize)$/;
/** Fields koffi has no type for but that take no room and no alignment in a `repr(C)` struct. */
const ZERO_SIZED = new Set(['PhantomData', 'PhantomPinned']);

export type LayoutResult = { layout: StructLayout } | { reason: string };

/** The koffi layout of `type` when it is a `#[repr(C)]` struct of the crate koffi can read; else why not. */
export function structLayoutOf(scoped: ScopedType): LayoutResult {
  const resolved = resolveAliasChain(scoped);
  const type = resolved.type;
  if (type.kind !== 'path') return { reason: `\`${type.text}\` is not a struct` };
  const meaning = meaningOf(type, resolved.scope);
  if (meaning.kind !== 'adt') return { reason: `\`${type.text}\` is not a struct of the crate` };
  if (meaning.item.kind !== 'struct') return { reason: `\`${type.text}\` is ${meaning.item.kind === 'enum' ? 'an enum' : 'a union'}, not a struct` };
  const layout = adtLayout(meaning.item, { type, scope: bindGenerics(meaning.module, meaning.item.generics, type.args, resolved.scope) }, 0);
  return typeof layout === 'string' ? { reason: layout } : { layout };
}

/** A struct's layout, or why koffi cannot declare it. `scoped` is the use, its scope binding the struct's generics. */
function adtLayout(adt: AdtItem, scoped: ScopedType, depth: number): StructLayout | string {
  if (depth > MAX_NESTING) return `\`${adt.name}\` nests structs more than ${MAX_NESTING} deep`;
  const repr = reprOf(adt.attributes);
  if (!repr.c) return `\`${adt.name}\` has no \`#[repr(C)]\`: its field order and padding are Rust's, which no C declaration can follow`;
  if (repr.packed || repr.align) return `\`${adt.name}\` is \`#[repr(C)]\` with \`packed\` or \`align\`, which the loader does not lay out`;
  const fields: StructLayout['fields'] = [];
  for (const field of adt.fields) {
    if (field.name === undefined) return `\`${adt.name}\` is a tuple struct`;
    const type = fieldType({ type: field.type, scope: scoped.scope }, depth);
    if (type === 'zero-sized') continue;
    if (typeof type === 'string') return `field \`${adt.name}.${field.name}\`: ${type}`;
    fields.push({ name: field.name, type });
  }
  if (fields.length === 0) return `\`${adt.name}\` has no fields koffi can declare (a zero-sized struct)`;
  return { name: adt.name, fields };
}

const POINTER: StructFieldType = { kind: 'pointer' };

function fieldType(scoped: ScopedType, depth: number, hops = 0): StructFieldType | 'zero-sized' | string {
  if (hops > MAX_TYPE_DEPTH) return 'its type is nested too deeply';
  const resolved = resolveAliasChain(scoped);
  const type = resolved.type;
  switch (type.kind) {
    case 'primitive':
      return scalar(type.name, type.text);
    case 'tuple':
      return type.elements.length === 0 ? 'zero-sized' : `\`${type.text}\` (a tuple) has no C layout`;
    case 'pointer':
    case 'reference':
      return isUnsized(resolveAliasChain({ type: type.inner, scope: resolved.scope }).type) ? `\`${type.text}\` is a pointer and a length` : POINTER;
    case 'fnPointer':
      return type.abi !== undefined && type.abi !== 'Rust' ? POINTER : `\`${type.text}\` is a Rust function pointer`;
    case 'path':
      return pathField(type, { type, scope: resolved.scope }, depth, hops);
    default:
      return `\`${type.text}\` has no koffi type`;
  }
}

function scalar(name: string, text: string): StructFieldType | string {
  const koffi = SCALAR_TYPES[name];
  if (!koffi || koffi.value === 'string' || koffi.value === 'pointer' || koffi.value === 'void') return `\`${text}\` has no koffi type`;
  return { kind: 'scalar', koffi: koffi.name, value: koffi.value };
}

function pathField(type: Extract<TypeRef, { kind: 'path' }>, scoped: ScopedType, depth: number, hops: number): StructFieldType | 'zero-sized' | string {
  const meaning = meaningOf(type, scoped.scope);
  if (meaning.kind === 'external') {
    const name = meaning.path[meaning.path.length - 1] ?? '';
    const first = type.args[0];
    if (name.startsWith('c_') && type.args.length === 0) return scalar(name, type.text);
    if (ZERO_SIZED.has(name)) return 'zero-sized';
    const nonZero = NON_ZERO.exec(name);
    if (nonZero) return scalar(nonZero[1].toLowerCase(), type.text);
    if ((name === 'NonNull' || name === 'Box') && first && !isUnsized(first)) return POINTER;
    if (TRANSPARENT_WRAPPERS.has(name) && first) return fieldType({ type: first, scope: scoped.scope }, depth, hops + 1);
    if (name === 'Option' && first) return nullable({ type: first, scope: scoped.scope }, depth, hops) ?? `\`${type.text}\` is not a nullable pointer`;
    return `\`${type.text}\` has no C layout the loader knows`;
  }
  if (meaning.kind !== 'adt') return `\`${type.text}\` has no koffi type`;
  const adt = meaning.item;
  const inner: ScopedType = { type, scope: bindGenerics(meaning.module, adt.generics, type.args, scoped.scope) };
  if (adt.kind === 'struct') {
    const repr = reprOf(adt.attributes);
    if (repr.transparent) {
      const sized = adt.fields.map((f) => fieldType({ type: f.type, scope: inner.scope }, depth, hops + 1)).filter((f) => f !== 'zero-sized');
      return sized.length === 1 ? sized[0] : `\`${adt.name}\` is transparent over no single field`;
    }
    const layout = adtLayout(adt, inner, depth + 1);
    return typeof layout === 'string' ? layout : { kind: 'struct', layout };
  }
  if (adt.kind === 'enum') {
    const integer = enumInteger(adt);
    return integer ? scalar(integer, adt.name) : `\`${adt.name}\` is an enum the loader cannot read as an integer (with fields, or \`repr(C)\` with values it cannot tell fit a C \`int\`)`;
  }
  return `\`${adt.name}\` is a union`;
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

/**
 * The Rust integer type a fieldless enum of the crate is passed as: its primitive `repr` (`#[repr(u8)]`), or
 * `c_int` for `#[repr(C)]` when every value is a literal that fits a C `int` (a larger one makes the C
 * compiler's choice, see `repr-c-enum-larger-than-int`). Undefined for any other enum: no integer is safe to read.
 */
export function enumInteger(adt: AdtItem): string | undefined {
  if (adt.kind !== 'enum' || adt.variants.length === 0 || adt.variants.some((v) => v.fields.length > 0)) return undefined;
  const repr = reprOf(adt.attributes);
  if (repr.primitive) return repr.primitive;
  if (!repr.c) return undefined;
  const values = enumValues(adt);
  return values?.every((v) => v >= INT_MIN && v <= INT_MAX) ? 'c_int' : undefined;
}

/** The values of a fieldless enum's variants (implicit ones counting on from the last), or undefined when one is not a literal. */
export function enumValues(adt: AdtItem): bigint[] | undefined {
  const values: bigint[] = [];
  let next = 0n;
  for (const variant of adt.variants) {
    const value = variant.discriminant === undefined ? next : evaluateIntegerExpression(variant.discriminant, () => undefined);
    if (value === undefined) return undefined;
    values.push(value);
    next = value + 1n;
  }
  return values;
}

/** `Option<&T>`, `Option<NonNull<T>>`, `Option<Box<T>>`, `Option<extern "C" fn>`, `Option<NonZeroU32>`: the payload's own C type. */
function nullable(payload: ScopedType, depth: number, hops: number): StructFieldType | undefined {
  const resolved = resolveAliasChain(payload);
  const type = resolved.type;
  if (type.kind === 'reference') return isUnsized(type.inner) ? undefined : POINTER;
  if (type.kind === 'fnPointer') return type.abi !== undefined && type.abi !== 'Rust' ? POINTER : undefined;
  const name = externalName(type, resolved.scope);
  if (type.kind !== 'path' || name === undefined) return undefined;
  if (NON_ZERO.test(name)) {
    const inner = fieldType(resolved, depth, hops + 1);
    return typeof inner === 'object' ? inner : undefined;
  }
  if ((name === 'NonNull' || name === 'Box') && type.args[0] && !isUnsized(type.args[0])) return POINTER;
  return undefined;
}
