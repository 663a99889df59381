// Size, alignment and field offsets of `#[repr(C)]` (and `transparent`, primitive-repr) types for one target,
// computed from the crate model with the C layout algorithm rustc uses for them: each field at the next offset
// that is a multiple of its alignment, the size rounded up to the largest alignment (`packed` and `align(N)`
// change both). What the model cannot tell (a Rust-layout type, an unknown external type, a generic) is
// `undefined`, never a guess. The test oracle is rustc itself (`size_of`, `align_of`, `offset_of!`).
import type { CrateModel, Module } from '../crate/crateModel';
import type { TargetCfg } from '../crate/targetCfg';
import { evaluateIntegerExpression } from '../interface/constExpr';
import { crateConstants } from '../interface/rustSide';
import { bindGenerics, meaningOf, MAX_TYPE_DEPTH, resolveAliasChain, TRANSPARENT_WRAPPERS, type ScopedType, type TypeScope } from '../boundary/typeScope';
import { reprOf } from '../syntax/attributes';
import type { AdtItem } from '../syntax/items';

export interface Layout {
  size: number;
  align: number;
}

export interface FieldLayout extends Layout {
  name: string;
  offset: number;
}

export interface AdtLayout extends Layout {
  /** Fields in declaration order (struct and union; a fieldless enum has none). */
  fields: FieldLayout[];
}

/** The target facts the layout depends on. */
export interface LayoutTarget {
  pointerBytes: 4 | 8;
  /** `c_long`: 8 on 64-bit Unix, 4 on Windows and 32-bit targets. */
  longBytes: 4 | 8;
  /** Alignment of 8-byte scalars (`u64`, `f64`): 4 on 32-bit x86 Linux, else 8. */
  align8: 4 | 8;
  /** Alignment of `u128`/`i128`: 16 on x86_64 and aarch64 (Rust ≥ 1.77), else 8. */
  align16: 8 | 16;
}

export function layoutTarget(target: TargetCfg): LayoutTarget {
  const has = (key: string, value: string) => target.values.get(key)?.has(value) === true;
  const pointerBytes = has('target_pointer_width', '64') ? 8 : 4;
  const windows = has('target_os', 'windows');
  const x86 = has('target_arch', 'x86');
  return {
    pointerBytes,
    longBytes: pointerBytes === 8 && !windows ? 8 : 4,
    align8: x86 && !windows ? 4 : 8,
    align16: has('target_arch', 'x86_64') || has('target_arch', 'aarch64') ? 16 : 8,
  };
}

const NULLABLE_POINTERS = new Set(['NonNull', 'Box']);

/** A computer of layouts for one crate and target; memoised per ADT. */
export class LayoutComputer {
  private readonly memo = new Map<AdtItem, AdtLayout | null>();

  /** `constants`: the crate's integer constants (array lengths), when the caller has them already. */
  constructor(private readonly crate: CrateModel, private readonly target: LayoutTarget, private constants?: ReadonlyMap<string, bigint>) {}

  /** The layout of a non-generic ADT of the crate with a C-compatible repr, or undefined. */
  ofAdt(item: AdtItem, module: Module, depth = 0): AdtLayout | undefined {
    const known = this.memo.get(item);
    if (known !== undefined) return known ?? undefined;
    if (depth > MAX_TYPE_DEPTH || item.generics.length > 0) return undefined;
    this.memo.set(item, null); // a type that contains itself by value has no layout
    const computed = this.compute(item, { module, generics: new Set(), substitutions: new Map(), selfType: undefined }, depth);
    this.memo.set(item, computed ?? null);
    return computed;
  }

  private compute(item: AdtItem, scope: TypeScope, depth: number): AdtLayout | undefined {
    const repr = reprOf(item.attributes);
    const reprArgs = item.attributes.filter((a) => a.name === 'repr').map((a) => a.args ?? '').join(', ');
    const packed = packedValue(reprArgs);
    const minAlign = alignValue(reprArgs);
    if (item.kind === 'enum') {
      if (item.variants.some((v) => v.fields.length > 0)) return undefined; // data-carrying: not modelled here
      const tag = repr.primitive ? this.primitive(repr.primitive) : repr.c ? { size: 4, align: 4 } : undefined;
      return tag && { ...tag, fields: [] };
    }
    if (!repr.c && !repr.transparent) return undefined;
    const fields: FieldLayout[] = [];
    let offset = 0;
    let align = 1;
    let size = 0;
    for (const field of item.fields) {
      const layout = this.ofType({ type: field.type, scope }, depth + 1);
      if (!layout) return undefined;
      const fieldAlign = packed !== undefined ? Math.min(layout.align, packed) : layout.align;
      align = Math.max(align, fieldAlign);
      if (item.kind === 'union') {
        fields.push({ name: field.name ?? String(fields.length), offset: 0, size: layout.size, align: fieldAlign });
        size = Math.max(size, layout.size);
      } else {
        offset = roundUp(offset, fieldAlign);
        fields.push({ name: field.name ?? String(fields.length), offset, size: layout.size, align: fieldAlign });
        offset += layout.size;
        size = offset;
      }
    }
    if (minAlign !== undefined) align = Math.max(align, minAlign);
    return { size: roundUp(size, align), align, fields };
  }

  /** The layout of a field type, or undefined when it is not one the model can tell. */
  ofType(scoped: ScopedType, depth: number): Layout | undefined {
    if (depth > MAX_TYPE_DEPTH) return undefined;
    const { type, scope } = resolveAliasChain(scoped);
    const pointer = { size: this.target.pointerBytes, align: this.target.pointerBytes };
    switch (type.kind) {
      case 'primitive':
        return this.primitive(type.name);
      case 'pointer':
      case 'reference':
        // A pointer to an unsized type (`*const [u8]`, `&str`, `&dyn T`) is two words: not a C type.
        return type.inner.kind === 'slice' || (type.inner.kind === 'primitive' && type.inner.name === 'str') || type.inner.kind === 'dyn' ? undefined : pointer;
      case 'fnPointer':
        return pointer;
      case 'array': {
        const element = this.ofType({ type: type.element, scope }, depth + 1);
        const length = this.arrayLength(type.text);
        return element && length !== undefined ? { size: element.size * length, align: element.align } : undefined;
      }
      case 'tuple':
        return type.elements.length === 0 ? { size: 0, align: 1 } : undefined;
      case 'path': {
        const name = type.segments[type.segments.length - 1];
        const meaning = meaningOf(type, scope);
        if (meaning.kind === 'adt') {
          if (meaning.item.generics.length > 0) {
            const inner = bindGenerics(meaning.module, meaning.item.generics, type.args, scope);
            return this.compute(meaning.item, inner, depth + 1);
          }
          return this.ofAdt(meaning.item, meaning.module, depth + 1);
        }
        if (meaning.kind !== 'external' && meaning.kind !== 'unresolved') return undefined;
        if (name === 'Option' && type.args[0]) {
          // `Option` of a non-null pointer is that pointer (the guaranteed null-pointer optimisation).
          const inner = resolveAliasChain({ type: type.args[0], scope }).type;
          const nonNull = inner.kind === 'reference' || inner.kind === 'fnPointer' || (inner.kind === 'path' && NULLABLE_POINTERS.has(inner.segments[inner.segments.length - 1]));
          return nonNull ? this.ofType({ type: type.args[0], scope }, depth + 1) : undefined;
        }
        if (NULLABLE_POINTERS.has(name)) return pointer;
        if (TRANSPARENT_WRAPPERS.has(name) && type.args[0]) return this.ofType({ type: type.args[0], scope }, depth + 1);
        if (name === 'PhantomData' || name === 'PhantomPinned') return { size: 0, align: 1 };
        return this.cType(name);
      }
      default:
        return undefined;
    }
  }

  private primitive(name: string): Layout | undefined {
    const p = this.target.pointerBytes;
    switch (name) {
      case 'u8': case 'i8': case 'bool': return { size: 1, align: 1 };
      case 'u16': case 'i16': return { size: 2, align: 2 };
      case 'u32': case 'i32': case 'f32': case 'char': return { size: 4, align: 4 };
      case 'u64': case 'i64': case 'f64': return { size: 8, align: this.target.align8 };
      case 'u128': case 'i128': return { size: 16, align: this.target.align16 };
      case 'usize': case 'isize': return { size: p, align: p };
      default: return undefined;
    }
  }

  /** `std::ffi` / `std::os::raw` / libc C types. */
  private cType(name: string): Layout | undefined {
    const long = this.target.longBytes;
    switch (name) {
      case 'c_char': case 'c_schar': case 'c_uchar': return { size: 1, align: 1 };
      case 'c_short': case 'c_ushort': return { size: 2, align: 2 };
      case 'c_int': case 'c_uint': case 'c_float': return { size: 4, align: 4 };
      case 'c_long': case 'c_ulong': return { size: long, align: long === 8 ? this.target.align8 : 4 };
      case 'c_longlong': case 'c_ulonglong': case 'c_double': return { size: 8, align: this.target.align8 };
      case 'size_t': case 'ssize_t': case 'intptr_t': case 'uintptr_t': case 'c_size_t': case 'c_ssize_t': return this.primitive('usize');
      default: return undefined;
    }
  }

  /** `[T; 16]`, `[T; N]`, `[T; N * 2]` with the crate's integer constants. */
  private arrayLength(text: string): number | undefined {
    const expression = /;\s*([^\]]+)\]\s*$/.exec(text)?.[1];
    if (expression === undefined) return undefined;
    this.constants ??= crateConstants(this.crate);
    const value = evaluateIntegerExpression(expression.replace(/usize$/, ''), (n) => this.constants!.get(n));
    return value !== undefined && value >= 0n && value <= 1n << 32n ? Number(value) : undefined;
  }
}

function roundUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}

/** `packed` → 1, `packed(2)` → 2, in `#[repr(...)]`'s arguments. */
function packedValue(args: string): number | undefined {
  const match = /\bpacked\s*(?:\(\s*(\d+)\s*\))?/.exec(args);
  return match ? Number(match[1] ?? 1) : undefined;
}

function alignValue(args: string): number | undefined {
  const match = /\balign\s*\(\s*(\d+)\s*\)/.exec(args);
  return match ? Number(match[1]) : undefined;
}
