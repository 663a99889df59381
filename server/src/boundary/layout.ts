import type { CrateModel, Module } from '../crate/crateModel';
import { reprOf } from '../syntax/attributes';
import type { AdtItem, FieldDecl } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import type { Location } from '../engine/types';
import type { BoundarySite } from './sites';
import { bindGenerics, externalName, isUnsized, MAX_TYPE_DEPTH, meaningOf, resolveAliasChain, transparentField, TRANSPARENT_WRAPPERS, type ScopedType, type TypeScope } from './typeScope';

/** A crate-local type without a C-compatible layout, reached from a boundary site. */
export interface LayoutProblem {
  adt: AdtItem;
  module: Module;
  /** How it was reached from the site's type, outermost first (empty when the site's type is the ADT). */
  path: PathStep[];
}

/** One field on the way from the site's type to the problem: `owner.field`. */
export interface PathStep {
  owner: string;
  field: string;
  location: Location;
}

/** std pointer types that are never null, which makes `Option<T>` of them a nullable C pointer. */
const NON_NULL_POINTERS = new Set(['Box', 'NonNull']);

interface Visit {
  mode: BoundarySite['mode'];
  byValue: boolean;
  path: PathStep[];
  depth: number;
}

/**
 * Walks a site's type as rustc's FFI-safety check does and yields every crate-local struct, enum or union
 * that crosses by value without a C-compatible `repr`. Unlike rustc, it keeps walking into a type it already
 * reported, so that one round of fixes is enough.
 */
export function findLayoutProblems(site: BoundarySite): LayoutProblem[] {
  const walk = new LayoutWalk(adtMemoOf(site.module.crate));
  walk.start({ type: site.type, scope: site.scope }, { mode: site.mode, byValue: site.byValue, path: [], depth: 0 });
  return walk.problems;
}

type AdtMemo = WeakMap<AdtItem, Map<string, { problems: LayoutProblem[]; keys: string[] }>>;

/** One walk from one site (methods, not closures made per site: the walk runs thousands of times per analysis). */
class LayoutWalk {
  readonly problems: LayoutProblem[] = [];
  private readonly seen = new Set<string>();
  private readonly visiting = new Set<string>();

  constructor(private readonly memo: AdtMemo) {}

  start(scoped: ScopedType, state: Visit): void {
    this.visit(scoped, state);
  }

  private visit(scoped: ScopedType, state: Visit): void {
    if (state.depth > MAX_TYPE_DEPTH) return;
    const { type, scope } = scoped;
    switch (type.kind) {
      case 'reference':
      case 'pointer':
        this.visitPointee(type.inner, scope, state);
        return;
      case 'array':
        // A raw array passed by value is unsafe for another reason; inside a struct its elements are laid out.
        if (!state.byValue) this.visit({ type: type.element, scope }, { ...state, depth: state.depth + 1 });
        return;
      case 'fnPointer':
        if (!isForeignFnPointer(type)) return;
        for (const part of type.returnType ? [...type.params, type.returnType] : type.params) {
          // rustc applies its arrays-by-value rule only to a function's own parameters, not a fn pointer's.
          this.visit({ type: part, scope }, { mode: 'definition', byValue: false, path: state.path, depth: state.depth + 1 });
        }
        return;
      case 'path':
        this.visitPath(type, scope, state);
        return;
      default:
        // Primitives, `()`, tuples, slices, trait objects: either fine or unsafe for a reason other than layout.
        return;
    }
  }

  private visitPointee(inner: TypeRef, scope: TypeScope, state: Visit): void {
    if (isUnsized(inner)) return;
    // In definitions a pointer to a sized type is an opaque handle; declarations check what it points to.
    if (state.mode === 'definition') return;
    this.visit({ type: inner, scope }, { ...state, byValue: false, depth: state.depth + 1 });
  }

  private visitPath(type: Extract<TypeRef, { kind: 'path' }>, scope: TypeScope, state: Visit): void {
    const meaning = meaningOf(type, scope);
    switch (meaning.kind) {
      case 'bound':
        this.visit(meaning.scoped, { ...state, depth: state.depth + 1 });
        return;
      case 'alias': {
        const alias = meaning.item;
        if (!alias.target) return;
        this.visit({ type: alias.target, scope: bindGenerics(meaning.module, alias.generics, type.args, scope) }, { ...state, depth: state.depth + 1 });
        return;
      }
      case 'adt':
        this.visitAdt(meaning.item, meaning.module, type, scope, state);
        return;
      case 'external':
        this.visitExternal(meaning.path[meaning.path.length - 1] ?? '', type.args, scope, state);
        return;
      default:
        return;
    }
  }

  private visitExternal(name: string, args: TypeRef[], scope: TypeScope, state: Visit): void {
    const first = args[0];
    if (!first) return;
    if (TRANSPARENT_WRAPPERS.has(name)) {
      this.visit({ type: first, scope }, { ...state, byValue: false, depth: state.depth + 1 });
    } else if (name === 'NonNull') {
      this.visitPointee(first, scope, state);
    } else if (name === 'Option') {
      this.visitNullablePointer({ type: first, scope }, state);
    }
    // Box<T> alone, PhantomData, String, Vec, … are judged by what they are, not by `T`'s layout.
  }

  /** The payload of an `Option`-like enum: only a non-null pointer keeps the enum FFI-safe. */
  private visitNullablePointer(payload: ScopedType, state: Visit): boolean {
    const resolved = resolveAliasChain(payload);
    const type = resolved.type;
    if (type.kind === 'reference' || type.kind === 'fnPointer') {
      this.visit(resolved, { ...state, depth: state.depth + 1 });
      return true;
    }
    const name = externalName(type, resolved.scope);
    if (name === undefined) {
      // A `#[repr(transparent)]` struct of this workspace around a non-null pointer is one too.
      const field = state.depth < MAX_TYPE_DEPTH ? transparentField(resolved) : undefined;
      return field !== undefined && this.visitNullablePointer(field, { ...state, depth: state.depth + 1 });
    }
    if (type.kind !== 'path') return false;
    if (/^NonZero/.test(name)) return true;
    if (!NON_NULL_POINTERS.has(name) || type.args.length === 0) return false;
    this.visitPointee(type.args[0], resolved.scope, state);
    return true;
  }

  /**
   * A non-generic ADT met before anything was reported or entered (a site's own type, or what it points to) has
   * one answer per module, mode and depth in this model: every site that passes it asks the same question.
   */
  private visitAdt(adt: AdtItem, module: Module, use: Extract<TypeRef, { kind: 'path' }>, useScope: TypeScope, state: Visit): void {
    if (adt.generics.length > 0 || this.seen.size > 0 || this.visiting.size > 0 || state.path.length > 0) {
      this.walkAdt(adt, module, use, useScope, state);
      return;
    }
    const memoKey = `${module.id}|${state.mode}|${state.depth}`;
    let byState = this.memo.get(adt);
    if (!byState) this.memo.set(adt, (byState = new Map()));
    let found = byState.get(memoKey);
    if (!found) {
      this.walkAdt(adt, module, use, useScope, state);
      found = { problems: [...this.problems], keys: [...this.seen] };
      byState.set(memoKey, found);
      return;
    }
    this.problems.push(...found.problems);
    for (const key of found.keys) this.seen.add(key);
  }

  private walkAdt(adt: AdtItem, module: Module, use: Extract<TypeRef, { kind: 'path' }>, useScope: TypeScope, state: Visit): void {
    const key = `${module.id}:${adt.name}:${use.args.map((a) => a.text).join(',')}`;
    if (this.visiting.has(key)) return;
    const repr = reprOf(adt.attributes);
    const fieldScope = bindGenerics(module, adt.generics, use.args, useScope);
    if (adt.kind === 'enum') {
      if (adt.variants.length === 0) return; // uninhabited: rustc accepts it
      if (!repr.c && !repr.primitive && !repr.transparent) {
        const payload = optionLikePayload(adt);
        if (payload && this.visitNullablePointer({ type: payload.type, scope: fieldScope }, state)) return;
        this.report(adt, module, state.path);
      }
    } else if (!repr.c && !repr.transparent) {
      this.report(adt, module, state.path);
    }
    this.visiting.add(key);
    const fields: { field: FieldDecl; owner: string }[] =
      adt.kind === 'enum'
        ? adt.variants.flatMap((v) => v.fields.map((field) => ({ field, owner: `${adt.name}::${v.name}` })))
        : adt.fields.map((field) => ({ field, owner: adt.name }));
    for (const { field, owner } of fields) {
      const step: PathStep = { owner, field: field.name ?? '?', location: { file: module.file, range: field.type.range } };
      this.visit({ type: field.type, scope: fieldScope }, { mode: state.mode, byValue: false, path: [...state.path, step], depth: state.depth + 1 });
    }
    this.visiting.delete(key);
  }

  private report(adt: AdtItem, module: Module, path: PathStep[]): void {
    const key = `${module.id}:${adt.name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push({ adt, module, path });
  }
}

const adtMemos = new WeakMap<CrateModel, AdtMemo>();

function adtMemoOf(crate: CrateModel): AdtMemo {
  let memo = adtMemos.get(crate);
  if (!memo) adtMemos.set(crate, (memo = new WeakMap()));
  return memo;
}

function isForeignFnPointer(type: Extract<TypeRef, { kind: 'fnPointer' }>): boolean {
  return type.abi !== undefined && type.abi !== 'Rust';
}

/** rustc's "Option-like" enum: one fieldless variant and one with a single field. */
function optionLikePayload(adt: AdtItem): FieldDecl | undefined {
  if (adt.variants.length !== 2) return undefined;
  const [a, b] = adt.variants;
  if (a.fields.length === 0 && b.fields.length === 1) return b.fields[0];
  if (b.fields.length === 0 && a.fields.length === 1) return a.fields[0];
  return undefined;
}
