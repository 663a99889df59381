import { reprOf } from '../syntax/attributes';
import type { AdtItem, FieldDecl } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import type { BoundarySite } from './sites';
import { environmentToken, type EnvironmentToken } from './typeEnvironment';
import { bindGenerics, externalName, isUnsized, MAX_TYPE_DEPTH, meaningOf, resolveAliasChain, transparentField, TRANSPARENT_WRAPPERS, type ScopedType, type TypeScope } from './typeScope';

/** Why a type has no C equivalent, in rustc's terms; `type` is the offending part as written. */
export interface UnsafeType {
  reason: UnsafeReason;
  type: TypeRef;
  /** The std or library type's name, for `std-type` and `cstr`. */
  name?: string;
}

export type UnsafeReason = 'char' | 'str' | 'slice' | 'dyn' | 'tuple' | 'array' | 'rust-fn' | 'opaque' | 'phantom' | 'cstr' | 'std-type' | 'option' | 'box' | 'unsized-box' | 'no-fields';

/** std types that are structs without a C layout (rustc: "this struct has unspecified layout"). */
const STD_WITHOUT_LAYOUT = new Set(['String', 'Vec', 'VecDeque', 'HashMap', 'HashSet', 'BTreeMap', 'BTreeSet', 'Rc', 'Arc', 'Weak', 'RefCell', 'Mutex', 'RwLock', 'Cow', 'Duration', 'Instant', 'SystemTime', 'PathBuf', 'Path', 'OsString', 'OsStr', 'LinkedList', 'BinaryHeap']);

interface State {
  /** Whether pointees are looked into (`declaration`) or are opaque handles (`definition`). */
  mode: BoundarySite['mode'];
  /** Whether `Box<T>` counts as a plain pointer: not in declarations, even inside their fn pointers. */
  boxMode: BoundarySite['mode'];
  /** A parameter of a fn pointer type, where rustc does not apply its arrays-by-value rule. */
  inFnPointer: boolean;
  /** A parameter or return value itself (not something inside it). */
  topLevel: boolean;
  isReturn: boolean;
  inField: boolean;
  depth: number;
}

/**
 * The first part of a site's type that rustc's FFI-safety check rejects for a reason other than a missing
 * `repr` on a crate-local type (that is `missing-repr-c`'s job, and rustc stops there too).
 */
export function findUnsafeType(site: BoundarySite): UnsafeType | undefined {
  return new UnsafeTypeWalk(adtMemoOf(environmentToken(site.module.crate))).start({ type: site.type, scope: site.scope }, { mode: site.mode, boxMode: site.mode, inFnPointer: false, topLevel: site.byValue, isReturn: site.isReturn === true, inField: !site.byValue, depth: 0 });
}

type AdtMemo = WeakMap<AdtItem, Map<string, UnsafeType | null>>;

/** One walk from one site (methods, not closures made per site: the walk runs thousands of times per analysis). */
class UnsafeTypeWalk {
  private readonly visiting = new Set<string>();

  constructor(private readonly memo: AdtMemo) {}

  start(scoped: ScopedType, state: State): UnsafeType | undefined {
    return this.visit(scoped, state);
  }

  private visit({ type, scope }: ScopedType, state: State): UnsafeType | undefined {
    if (state.depth > MAX_TYPE_DEPTH) return undefined;
    const inner = { ...state, topLevel: false, isReturn: false, depth: state.depth + 1 };
    switch (type.kind) {
      case 'primitive':
        if (type.name === 'char') return { reason: 'char', type };
        return type.name === 'str' ? { reason: 'str', type } : undefined;
      case 'tuple':
        if (type.elements.length > 0) return { reason: 'tuple', type };
        return state.topLevel && !state.isReturn ? { reason: 'tuple', type } : undefined;
      case 'slice':
        return { reason: 'slice', type };
      case 'dyn':
        return { reason: 'dyn', type };
      case 'impl':
        return { reason: 'opaque', type };
      case 'array':
        return state.topLevel && !state.inFnPointer ? { reason: 'array', type } : this.visit({ type: type.element, scope }, inner);
      case 'reference':
      case 'pointer':
        return this.visitPointer(type, type.inner, scope, state);
      case 'fnPointer':
        if (type.abi === undefined || type.abi === 'Rust') return { reason: 'rust-fn', type };
        for (const [index, part] of [...type.params, ...(type.returnType ? [type.returnType] : [])].entries()) {
          const found = this.visit({ type: part, scope }, { mode: 'definition', boxMode: state.boxMode, inFnPointer: true, topLevel: true, isReturn: index === type.params.length, inField: false, depth: state.depth + 1 });
          if (found) return found;
        }
        return undefined;
      case 'path':
        return this.visitPath(type, scope, state);
      default:
        return undefined;
    }
  }

  private visitPointer(pointer: TypeRef, pointee: TypeRef, scope: TypeScope, state: State): UnsafeType | undefined {
    if (isUnsized(pointee)) return { reason: pointee.kind === 'slice' ? 'slice' : pointee.kind === 'dyn' ? 'dyn' : 'str', type: pointer };
    if (state.mode === 'definition') {
      // `&CStr` is reported even where other pointees are opaque handles.
      const isShared = pointer.kind === 'reference' && !pointer.mutable;
      return isShared && externalName(pointee, scope) === 'CStr' ? { reason: 'cstr', type: pointer, name: 'CStr' } : undefined;
    }
    return this.visit({ type: pointee, scope }, { ...state, topLevel: false, isReturn: false, depth: state.depth + 1 });
  }


  private visitPath(type: Extract<TypeRef, { kind: 'path' }>, scope: TypeScope, state: State): UnsafeType | undefined {
    const next = { ...state, depth: state.depth + 1 };
    const meaning = meaningOf(type, scope);
    if (meaning.kind === 'bound') return this.visit(meaning.scoped, next);
    if (meaning.kind === 'alias') {
      const target = meaning.item.target;
      return target ? this.visit({ type: target, scope: bindGenerics(meaning.module, meaning.item.generics, type.args, scope) }, next) : undefined;
    }
    if (meaning.kind === 'adt') return this.visitAdt(meaning.item, bindGenerics(meaning.module, meaning.item.generics, type.args, scope), type, state);
    if (meaning.kind !== 'external') return undefined;
    const name = meaning.path[meaning.path.length - 1] ?? '';
    const first = type.args[0];
    const inner = { ...state, topLevel: false, isReturn: false, depth: state.depth + 1 };
    if (name === 'PhantomData') return state.inField ? undefined : { reason: 'phantom', type };
    if (name === 'CStr' || name === 'CString') return { reason: 'cstr', type, name };
    if (STD_WITHOUT_LAYOUT.has(name)) return { reason: 'std-type', type, name };
    if (TRANSPARENT_WRAPPERS.has(name)) return first ? this.visit({ type: first, scope }, { ...inner, inField: true }) : undefined;
    if (name === 'NonNull') return first ? this.visitPointer(type, first, scope, state) : undefined;
    if (name === 'Box') {
      if (!first) return undefined;
      if (isUnsized(first)) return { reason: 'unsized-box', type };
      return state.boxMode === 'declaration' ? { reason: 'box', type } : undefined;
    }
    if (name === 'Option') return first ? this.visitNullable(type, { type: first, scope }, state) : undefined;
    return undefined;
  }

  /** `Option<T>`: FFI-safe only over a non-null pointer, which is then checked as that pointer. */
  private visitNullable(option: TypeRef, written: ScopedType, state: State): UnsafeType | undefined {
    const payload = resolveAliasChain(written);
    const type = payload.type;
    const inner = { ...state, topLevel: false, isReturn: false, depth: state.depth + 1 };
    if (type.kind === 'reference') return this.visitPointer(type, type.inner, payload.scope, inner);
    if (type.kind === 'fnPointer') return this.visit(payload, inner);
    const name = externalName(type, payload.scope);
    if (type.kind === 'path' && type.args[0] && (name === 'Box' || name === 'NonNull')) return this.visitPointer(type, type.args[0], payload.scope, { ...inner, mode: state.mode });
    if (name && /^NonZero/.test(name)) return undefined;
    const field = state.depth < MAX_TYPE_DEPTH ? transparentField(payload) : undefined;
    if (field) return this.visitNullable(option, field, inner);
    // Anything else, other crate-local types included, is not a non-null pointer: rustc rejects the `Option` itself.
    return { reason: 'option', type: option };
  }

  /**
   * A non-generic ADT reached from a site directly (nothing being visited) has one answer per mode in this
   * type environment: every site that passes it by value asks the same question, in every analysis until a
   * type of the crate changes (typeEnvironment.ts).
   */
  private visitAdt(adt: AdtItem, fieldScope: TypeScope, use: TypeRef, state: State): UnsafeType | undefined {
    if (adt.generics.length > 0 || this.visiting.size > 0 || state.depth > 1) return this.walkAdt(adt, fieldScope, use, state);
    // The module too: one item read into two modules (a file mounted twice by `#[path]`) resolves names in each.
    const key = `${state.mode}|${state.boxMode}|${fieldScope.module.file}|${fieldScope.module.path.join('::')}`;
    let byMode = this.memo.get(adt);
    if (!byMode) this.memo.set(adt, (byMode = new Map()));
    let found = byMode.get(key);
    if (found === undefined) {
      found = this.walkAdt(adt, fieldScope, use, state) ?? null;
      byMode.set(key, found);
    }
    return found ? { ...found, type: use } : undefined;
  }

  private walkAdt(adt: AdtItem, fieldScope: TypeScope, use: TypeRef, state: State): UnsafeType | undefined {
    const key = `${fieldScope.module.id}:${adt.name}:${use.text}`;
    if (this.visiting.has(key)) return undefined;
    const repr = reprOf(adt.attributes);
    const fieldState: State = { ...state, topLevel: false, isReturn: false, inField: true, inFnPointer: false, depth: state.depth + 1 };
    // rustc judges each variant (a struct or union is one) on its own: a variant whose every field is
    // `PhantomData` (or a type made only of it) makes the type phantom-only; a phantom field beside a real one is fine.
    let variants: FieldDecl[][];
    if (adt.kind === 'enum') {
      if (adt.variants.length === 0 || (!repr.c && !repr.primitive && !repr.transparent)) return undefined;
      variants = adt.variants.map((v) => v.fields);
    } else {
      if (!repr.c && !repr.transparent) return undefined;
      variants = [adt.fields];
    }
    this.visiting.add(key);
    try {
      for (const fields of variants) {
        let phantomFields = 0;
        for (const field of fields) {
          const found = isPhantomData(field.type, fieldScope) ? ({ reason: 'phantom', type: use } as const) : this.visit({ type: field.type, scope: fieldScope }, fieldState);
          if (found?.reason === 'phantom') phantomFields++;
          else if (found) return { ...found, type: use };
        }
        if (fields.length > 0 && phantomFields === fields.length) return { reason: 'phantom', type: use };
      }
      if (adt.kind !== 'enum' && adt.fields.length === 0 && repr.c) return { reason: 'no-fields', type: use };
      return undefined;
    } finally {
      this.visiting.delete(key);
    }
  }
}

function isPhantomData(type: TypeRef, scope: TypeScope): boolean {
  return type.kind === 'path' && externalName(type, scope) === 'PhantomData';
}

const adtMemos = new WeakMap<EnvironmentToken, AdtMemo>();

function adtMemoOf(token: EnvironmentToken): AdtMemo {
  let memo = adtMemos.get(token);
  if (!memo) adtMemos.set(token, (memo = new WeakMap()));
  return memo;
}
