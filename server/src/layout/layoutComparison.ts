// `layout-mismatch` by the numbers: when a `#[repr(C)]` struct or union and its declared counterpart agree field
// by field in type, their layouts can still differ (`#[repr(C, packed)]` or `align(N)` on one side only, or
// `__attribute__((packed))` in the header). Both layouts come from the same algorithm and target facts
// (typeLayout.ts for Rust, cLayout.ts for C), and only a layout known on both sides is compared.
import type { Range } from '../engine/types';
import type { LayoutProblem } from '../interface/recordLayout';
import type { AdtLayout } from './typeLayout';

/**
 * `explicitAlignment`: a side asks for its packing or alignment (`packed`, `align(N)`, an attribute). Without it an
 * alignment-only difference comes from a zero-sized field (`_align: [u64; 0]`, the Rust idiom to raise
 * alignment), which the field comparison deliberately leaves out: not reported here either.
 */
export function compareLayouts(rust: AdtLayout, declared: AdtLayout, rustName: string, declaredName: string, range: Range, rustFieldRanges: readonly Range[], explicitAlignment: boolean): LayoutProblem | undefined {
  // Zero-sized Rust fields (`PhantomData`) have no C counterpart.
  const sized = rust.fields.map((f, i) => ({ field: f, range: rustFieldRanges[i] })).filter((f) => f.field.size > 0);
  const cFields = declared.fields.filter((f) => f.size > 0);
  if (sized.length !== cFields.length) return undefined; // the field comparison reports a different field count
  const moved = sized.findIndex((f, i) => f.field.offset !== cFields[i].offset);
  if (moved < 0 && rust.size === declared.size && (rust.align === declared.align || !explicitAlignment)) return undefined;
  const shape = (l: AdtLayout) => `${l.size} bytes with alignment ${l.align}`;
  const where = moved >= 0 ? `; field \`${sized[moved].field.name}\` is at offset ${sized[moved].field.offset} in Rust and ${cFields[moved].offset} in C` : '';
  return {
    range: moved >= 0 && sized[moved].range ? sized[moved].range! : range,
    reason: `\`${rustName}\` is ${shape(rust)} but \`${declaredName}\` is ${shape(declared)}${where} (the fields agree in type: the packing or alignment differs)`,
    help: 'give both sides the same packing and alignment: `#[repr(C, packed)]` with `__attribute__((packed))`, `#[repr(C, align(N))]` with `__attribute__((aligned(N)))`, or neither',
  };
}
