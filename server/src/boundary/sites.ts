import type { CrateModel, Module } from '../crate/crateModel';
import type { FunctionItem, ItemCommon } from '../syntax/items';
import { walkTypeRefs, type TypeRef } from '../syntax/typeRef';
import { exportedSymbol } from './exportedSymbols';
import type { TypeScope } from './typeScope';


/**
 * Where a type crosses the C boundary, following rustc's `improper_ctypes` (items of `extern` blocks, where
 * pointees are checked too) and `improper_ctypes_definitions` (`extern "ABI" fn` definitions and every
 * `extern "ABI" fn(..)` pointer type, where a pointer to a sized type is an opaque handle).
 */
export interface BoundarySite {
  /** The type as written; its range is where a finding is reported. */
  type: TypeRef;
  scope: TypeScope;
  mode: 'definition' | 'declaration';
  /** A parameter or return value: an array here is passed by value (a different problem than layout). */
  byValue: boolean;
  /** The return type (where `()` is fine), not a parameter. */
  isReturn?: boolean;
  /** The rustc lint whose `#[allow]` silences findings here. */
  lint: 'improper_ctypes' | 'improper_ctypes_definitions';
  /** Completes "crosses the C boundary …", e.g. "in `plugin_init`". */
  where: string;
  /** Items whose attributes and suppression comments apply, innermost first. */
  owners: ItemCommon[];
  module: Module;
  /** The symbol of an exported static whose type this is (a host reads it by name). */
  exportedStatic?: string;
}

const RUST_ABIS = new Set(['Rust', 'rust-call', 'rust-intrinsic']);

export function isForeignAbi(abi: string | undefined): abi is string {
  return abi !== undefined && !RUST_ABIS.has(abi);
}

export function* boundarySites(crate: CrateModel): Generator<BoundarySite> {
  for (const module of crate.modules) yield* moduleSites(module);
}

function* moduleSites(module: Module): Generator<BoundarySite> {
  const plainScope = (generics: readonly string[], selfType?: TypeRef): TypeScope => {
    const scope: TypeScope = { module, generics: new Set(generics), substitutions: new Map(), selfType: undefined };
    if (selfType) scope.selfType = { type: selfType, scope: { ...scope, generics: new Set(), selfType: undefined } };
    return scope;
  };
  for (const item of module.syntax.items) {
    switch (item.kind) {
      case 'function':
        yield* functionSites(item, module, plainScope(item.generics), [item]);
        break;
      case 'impl':
      case 'trait':
        for (const fn of item.functions) yield* functionSites(fn, module, plainScope(fn.generics, item.selfType), [fn, item]);
        for (const constant of item.consts) {
          if (constant.type) yield* fnPointerSites(constant.type, plainScope(item.generics, item.selfType), `${constant.kind} \`${constant.name}\``, [constant, item], module);
        }
        break;
      case 'externBlock':
        if (!isForeignAbi(item.abi)) break;
        for (const fn of item.functions) {
          const scope = plainScope(fn.generics);
          const where = `in \`${fn.name}\` (an import from an \`extern "${item.abi}"\` block)`;
          for (const type of signatureTypes(fn)) yield { type, scope, mode: 'declaration', byValue: true, isReturn: type === fn.returnType, lint: 'improper_ctypes', where, owners: [fn, item], module };
        }
        for (const staticItem of item.statics) {
          if (!staticItem.type) continue;
          const where = `in static \`${staticItem.name}\` (an import from an \`extern "${item.abi}"\` block)`;
          yield { type: staticItem.type, scope: plainScope([]), mode: 'declaration', byValue: false, lint: 'improper_ctypes', where, owners: [staticItem, item], module };
        }
        break;
      case 'struct':
      case 'union':
      case 'enum': {
        const scope = plainScope(item.generics);
        const fields = [...item.fields.map((f) => ({ field: f, owner: `field \`${f.name}\` of \`${item.name}\`` })), ...item.variants.flatMap((v) => v.fields.map((f) => ({ field: f, owner: `field \`${f.name}\` of variant \`${item.name}::${v.name}\`` })))];
        for (const { field, owner } of fields) yield* fnPointerSites(field.type, scope, owner, [item], module);
        break;
      }
      case 'typeAlias':
        if (item.target) yield* fnPointerSites(item.target, plainScope(item.generics), `type alias \`${item.name}\``, [item], module);
        break;
      case 'static':
      case 'const': {
        if (!item.type) break;
        const exported = item.kind === 'static' ? exportedSymbol(item) : undefined;
        if (exported) {
          // The host reads an exported static through `dlsym`: its whole type crosses (rustc does not check this).
          const where = `in the exported static \`${item.name}\``;
          yield { type: item.type, scope: plainScope([]), mode: 'definition', byValue: false, lint: 'improper_ctypes_definitions', where, owners: [item], module, exportedStatic: exported.name };
        } else {
          yield* fnPointerSites(item.type, plainScope([]), `${item.kind} \`${item.name}\``, [item], module);
        }
        break;
      }
      default:
        break;
    }
  }
}

function* functionSites(fn: FunctionItem, module: Module, scope: TypeScope, owners: ItemCommon[]): Generator<BoundarySite> {
  const qualifiedName = fn.context === 'impl' && fn.selfType ? `${fn.selfType.text}::${fn.name}` : fn.name;
  // rustc checks `extern` method declarations of traits only where they have a body.
  if (isForeignAbi(fn.abi) && (fn.hasBody || fn.context === 'free')) {
    for (const type of signatureTypes(fn)) {
      yield { type, scope, mode: 'definition', byValue: true, isReturn: type === fn.returnType, lint: 'improper_ctypes_definitions', where: `in \`${qualifiedName}\``, owners, module };
    }
    return;
  }
  for (const type of signatureTypes(fn)) yield* fnPointerSites(type, scope, `the signature of \`${qualifiedName}\``, owners, module);
}

function signatureTypes(fn: FunctionItem): TypeRef[] {
  return fn.returnType ? [...fn.params, fn.returnType] : fn.params;
}

/** Every `extern "ABI" fn(..)` pointer type written in `type`: its parameters and return value cross. */
function* fnPointerSites(type: TypeRef, scope: TypeScope, owner: string, owners: ItemCommon[], module: Module): Generator<BoundarySite> {
  for (const part of foreignFnPointers(type)) {
    const where = `in the \`extern "${part.abi}" fn\` pointer type of ${owner}`;
    yield { type: part, scope, mode: 'definition', byValue: true, lint: 'improper_ctypes_definitions', where, owners, module };
  }
}

type FnPointerType = Extract<TypeRef, { kind: 'fnPointer' }>;

/**
 * Type objects are never changed once read, and an unedited item keeps its objects from one extraction to the
 * next: the walk of each type is done once, not on every analysis (most types hold no fn pointer at all).
 */
const fnPointersByType = new WeakMap<TypeRef, readonly FnPointerType[]>();
const NONE: readonly FnPointerType[] = [];

/** Every foreign-ABI fn pointer type written in `type`, nested ones included (rustc checks each one). */
function foreignFnPointers(type: TypeRef): readonly FnPointerType[] {
  let found = fnPointersByType.get(type);
  if (!found) {
    found = [...walkTypeRefs(type)].filter((part): part is FnPointerType => part.kind === 'fnPointer' && isForeignAbi(part.abi));
    fnPointersByType.set(type, found.length === 0 ? NONE : found);
  }
  return found;
}
