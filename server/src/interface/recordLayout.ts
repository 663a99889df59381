// Field-by-field comparison of a Rust struct or union with its declared counterpart, and of a data-carrying
// Rust enum with the tag enum and union of per-variant structs C writes for it (as cbindgen does:
// `repr(C)`/`repr(C, u8)` is `struct { Tag tag; union { … }; }`, `repr(u8)` is `union { Tag tag; struct { Tag
// tag; …fields } variant; … }`). Only definite differences of size or meaning are problems.
import type { CrateModel, Module } from '../crate/crateModel';
import type { Range } from '../engine/types';
import { reprOf } from '../syntax/attributes';
import type { AdtItem, FieldDecl } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import { compareTypes, describeCType } from './compareTypes';
import type { CType, DeclaredField, DeclaredInterface, DeclaredRecord } from './model';
import { renamedToPrimitive } from './primitiveRenames';
import { rustToCType, type RustTypeContext } from './rustCType';
import { scopeOf } from './rustSide';

export interface Adt {
  item: AdtItem;
  module: Module;
  /** The crate the item is defined in (the plugin, or a local dependency it re-exports). */
  crate: CrateModel;
}

export interface LayoutProblem {
  range: Range;
  reason: string;
  help: string;
  declaredRange?: Range;
  /** Further places that show the same problem (later enum values shifted by one missing variant). */
  related?: { range: Range; message: string; declared?: boolean }[];
}

/** `PhantomData<T>`, `PhantomPinned`, `()` and `[T; 0]` take no space and have no C counterpart. */
export function isZeroSized(type: TypeRef): boolean {
  if (type.kind === 'tuple') return type.elements.length === 0;
  if (type.kind === 'array') return /;\s*0(?:usize)?\s*\]\s*$/.test(type.text);
  if (type.kind === 'path') return ['PhantomData', 'PhantomPinned'].includes(type.segments[type.segments.length - 1]);
  return false;
}

/** A field name as C sees it: `r#type` is `type`. */
const cName = (name: string | undefined) => name?.replace(/^r#/, '');

/** `T name[0]`, or a flexible array member `T name[]` at the end: C's spelling of a zero-sized tail. */
function isZeroSizedDeclared(field: DeclaredField, index: number, all: readonly DeclaredField[]): boolean {
  return field.type.kind === 'array' && (field.type.length === 0 || (field.type.length === undefined && index === all.length - 1));
}

export function compareRecord(record: DeclaredRecord, adt: Adt, declared: DeclaredInterface, context: RustTypeContext): LayoutProblem[] {
  if (!record.fields) return []; // opaque in the header: the host never looks inside
  const fields = record.fields.filter((f, i, all) => !isZeroSizedDeclared(f, i, all));
  const item = adt.item;
  if (item.kind === 'enum') return item.variants.some((v) => v.fields.length > 0) ? compareDataEnum(record, adt, declared, context) : [];
  if (item.kind !== record.kind) return [{ range: item.nameRange, reason: `it is a ${item.kind}, the declaration a ${record.kind}`, help: `make both a ${record.kind}` }];
  if (item.generics.length > 0) return [];
  const rustFields = item.fields.filter((f) => !isZeroSized(f.type));
  const rustNames = rustFields.map((f) => cName(f.name) ?? '');
  if (fields.length !== rustFields.length) {
    return [{ range: item.nameRange, reason: `it has ${rustFields.length} field(s)${rustFields.length !== item.fields.length ? ' that take space' : ''}, the declaration ${fields.length}`, help: 'add or remove fields so both sides have the same ones, in the same order' }];
  }
  const sameNames = [...rustNames].sort().join() === fields.map((f) => f.name).sort().join();
  if (sameNames && rustNames.some((name, i) => name !== fields[i].name)) {
    return [{ range: item.nameRange, reason: `its fields are in a different order (${rustNames.join(', ')} vs ${fields.map((f) => f.name).join(', ')})`, help: 'order the fields as the declaration does: C lays them out in declaration order' }];
  }
  return compareFieldLists(fields, rustFields, adt, declared, context);
}

function compareFieldLists(declaredFields: readonly DeclaredField[], rustFields: readonly FieldDecl[], adt: Adt, declared: DeclaredInterface, context: RustTypeContext, prefix = ''): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const pairs = new Map<string, string>();
  rustFields.forEach((field, index) => {
    const declaredField = declaredFields[index];
    const rust = renamedToPrimitive(rustToCType(context, { type: field.type, scope: scopeOf(adt.module) }), declared.names);
    const difference = compareTypes(declaredField.type, rust, 'field', pairs);
    if (difference?.severity !== 'error') return;
    const label = `${prefix}field \`${cName(field.name) ?? index}\``;
    const fnField = declaredField.type.kind === 'pointer' && declaredField.type.pointee.kind === 'function';
    problems.push({
      range: field.type.range,
      reason: `${label} is \`${field.type.text}\`, declared \`${describeCType(declaredField.type)}\` (${difference.reason})`,
      help: fnField ? `give the field the declared function-pointer type \`${declaredField.type.spelling}\`` : `change the field's type to match \`${describeCType(declaredField.type)}\``,
      declaredRange: declaredField.range,
    });
  });
  return problems;
}

const normalize = (name: string, prefixes: readonly string[]) => {
  let n = name.toLowerCase().replace(/_/g, '');
  for (const prefix of prefixes) if (prefix && n.startsWith(prefix) && n.length > prefix.length) n = n.slice(prefix.length);
  return n;
};

function recordOf(type: CType, declared: DeclaredInterface): DeclaredRecord | undefined {
  return type.kind === 'record' && type.tag !== 'enum' ? declared.records.get(type.name) : undefined;
}

function bitsOf(type: CType): number | undefined {
  if (type.kind === 'int') return type.bits;
  if (type.kind === 'record' && type.tag === 'enum') return 32; // a C enum is an `int`
  return undefined;
}

const PRIMITIVE_BITS: Record<string, number> = { u8: 8, i8: 8, u16: 16, i16: 16, u32: 32, i32: 32, u64: 64, i64: 64 };

/** A data-carrying `#[repr(C)]`/`#[repr(u8)]`/`#[repr(C, u8)]` enum against its tag-and-union rendering. */
function compareDataEnum(record: DeclaredRecord, adt: Adt, declared: DeclaredInterface, context: RustTypeContext): LayoutProblem[] {
  const fields = record.fields ?? [];
  const item = adt.item;
  const repr = reprOf(item.attributes);
  // Struct form: `tag` then one union (named or anonymous). Union form: `tag` then one member per variant.
  const tagField = fields[0];
  if (!tagField || item.generics.length > 0) return [];
  const members = record.kind === 'struct' ? (fields.length === 2 ? recordOf(fields[1].type, declared)?.fields : undefined) : fields.slice(1);
  if (!members) return [];
  const problems: LayoutProblem[] = [];
  const rustTagBits = repr.primitive ? PRIMITIVE_BITS[repr.primitive] : 32;
  const declaredTagBits = bitsOf(tagField.type);
  if (rustTagBits !== undefined && declaredTagBits !== undefined && rustTagBits !== declaredTagBits) {
    problems.push({ range: item.nameRange, reason: `its tag is ${rustTagBits} bits (\`#[repr(${repr.primitive ?? 'C'})]\`), the declared \`${tagField.name}\` is \`${describeCType(tagField.type)}\` (${declaredTagBits} bits)`, help: `give the enum the declared tag type, e.g. \`#[repr(C, u${declaredTagBits})]\``, declaredRange: tagField.range });
  }
  // The tag enum's variants, in order, are the Rust variants.
  const tagEnum = tagField.type.kind === 'record' ? declared.enums.get(tagField.type.name) : tagField.type.kind === 'int' ? declared.enums.get(tagField.type.spelling) : undefined;
  if (tagEnum) {
    const prefixes = [tagEnum.name, record.name, item.name, `${item.name}_tag`].map((n) => n.toLowerCase().replace(/_/g, ''));
    const declaredNames = tagEnum.variants.map((v) => normalize(v.name, prefixes));
    const rustNames = item.variants.map((v) => normalize(v.name, prefixes));
    if (declaredNames.join() !== rustNames.join()) {
      problems.push({ range: item.nameRange, reason: `its variants are ${item.variants.map((v) => v.name).join(', ')}, the declared tag \`${tagEnum.name}\` lists ${tagEnum.variants.map((v) => v.name).join(', ')}`, help: 'declare the same variants in the same order on both sides: the tag value is the variant\'s position', declaredRange: tagEnum.origin.range });
      return problems;
    }
  }
  const withData = item.variants.filter((v) => v.fields.length > 0);
  if (members.length !== withData.length) return problems; // a rendering we do not know: say nothing
  withData.forEach((variant, index) => {
    const member = members[index];
    const body = recordOf(member.type, declared);
    let declaredFields: readonly DeclaredField[] = body?.fields ?? [member];
    // The union form repeats the tag at the start of every variant's struct.
    if (record.kind === 'union' && declaredFields.length > 0 && bitsOf(declaredFields[0].type) === declaredTagBits && /tag$/i.test(declaredFields[0].name)) declaredFields = declaredFields.slice(1);
    const rustFields = variant.fields.filter((f) => !isZeroSized(f.type));
    if (declaredFields.length !== rustFields.length) {
      problems.push({ range: item.nameRange, reason: `variant \`${variant.name}\` has ${rustFields.length} field(s), its declared body \`${member.name || describeCType(member.type)}\` ${declaredFields.length}`, help: 'give the variant the declared fields, in order', declaredRange: member.range });
      return;
    }
    problems.push(...compareFieldLists(declaredFields, rustFields, adt, declared, context, `variant \`${variant.name}\`: `));
  });
  return problems;
}
