import type { Module } from '../crate/crateModel';
import { resolvePath, type Resolution } from '../crate/resolve';
import { reprOf } from '../syntax/attributes';
import type { TypeRef } from '../syntax/typeRef';

/** What names in a type mean: the module it is written in, generic parameters, and what they stand for. */
export interface TypeScope {
  module: Module;
  generics: ReadonlySet<string>;
  substitutions: ReadonlyMap<string, ScopedType>;
  selfType: ScopedType | undefined;
}

export interface ScopedType {
  type: TypeRef;
  scope: TypeScope;
}

/** std types that are `#[repr(transparent)]` over their first type argument. */
export const TRANSPARENT_WRAPPERS: ReadonlySet<string> = new Set(['ManuallyDrop', 'MaybeUninit', 'Cell', 'UnsafeCell', 'SyncUnsafeCell', 'Pin', 'Wrapping', 'Saturating']);

/** How deep type walks go (through aliases, generics and fields) before giving up. */
export const MAX_TYPE_DEPTH = 24;

/** A scope for the inside of a generic item, its parameters bound to the arguments written at the use site. */
export function bindGenerics(module: Module, generics: readonly string[], args: readonly TypeRef[], useScope: TypeScope): TypeScope {
  const substitutions = new Map<string, ScopedType>();
  generics.forEach((name, index) => {
    const arg = args[index];
    if (arg) substitutions.set(name, { type: arg, scope: useScope });
  });
  return { module, generics: new Set(generics), substitutions, selfType: undefined };
}

/**
 * What a path type names where it is written: a generic parameter bound at a use site (or `Self`), a generic
 * parameter nothing binds, or whatever the module's names resolve it to.
 */
export type TypeMeaning = { kind: 'bound'; scoped: ScopedType } | { kind: 'generic' } | Resolution;

export function meaningOf(type: Extract<TypeRef, { kind: 'path' }>, scope: TypeScope): TypeMeaning {
  if (type.segments.length === 1) {
    const name = type.segments[0];
    const substitute = scope.substitutions.get(name);
    if (substitute) return { kind: 'bound', scoped: substitute };
    if (scope.generics.has(name)) return { kind: 'generic' };
    if (name === 'Self') return scope.selfType ? { kind: 'bound', scoped: scope.selfType } : { kind: 'generic' };
  }
  return resolvePath(scope.module, type.segments);
}

/** Follows type aliases and bound generic parameters to the type they stand for. */
export function resolveAliasChain(scoped: ScopedType): ScopedType {
  let current = scoped;
  for (let i = 0; i < MAX_TYPE_DEPTH; i++) {
    const type = current.type;
    if (type.kind !== 'path') return current;
    const meaning = meaningOf(type, current.scope);
    if (meaning.kind === 'bound') current = meaning.scoped;
    else if (meaning.kind === 'alias' && meaning.item.target) current = { type: meaning.item.target, scope: bindGenerics(meaning.module, meaning.item.generics, type.args, current.scope) };
    else return current;
  }
  return current;
}

/** The name of a std or crates.io type (`CStr` for `std::ffi::CStr`), or undefined for one of this workspace. */
export function externalName(type: TypeRef, scope: TypeScope): string | undefined {
  if (type.kind !== 'path') return undefined;
  const resolution = resolvePath(scope.module, type.segments);
  return resolution.kind === 'external' ? resolution.path[resolution.path.length - 1] : undefined;
}

/** `str`, slices and trait objects: a pointer to one is a fat pointer. */
export function isUnsized(type: TypeRef): boolean {
  return type.kind === 'slice' || type.kind === 'dyn' || (type.kind === 'primitive' && type.name === 'str');
}

/**
 * rustc's null-pointer optimisation looks through `#[repr(transparent)]` structs of this workspace:
 * `Option<S>` with `#[repr(transparent)] struct S(Box<T>)` is a nullable pointer. Returns the wrapped field.
 */
export function transparentField(scoped: ScopedType): ScopedType | undefined {
  const { type } = scoped;
  if (type.kind !== 'path') return undefined;
  const meaning = meaningOf(type, scoped.scope);
  if (meaning.kind !== 'adt' || meaning.item.kind !== 'struct' || !reprOf(meaning.item.attributes).transparent) return undefined;
  const scope = bindGenerics(meaning.module, meaning.item.generics, type.args, scoped.scope);
  const sized = meaning.item.fields.filter((field) => !isZeroSized({ type: field.type, scope }));
  return sized.length === 1 ? { type: sized[0].type, scope } : undefined;
}

function isZeroSized({ type, scope }: ScopedType): boolean {
  if (type.kind === 'tuple') return type.elements.length === 0;
  return type.kind === 'path' && externalName(type, scope) === 'PhantomData';
}
