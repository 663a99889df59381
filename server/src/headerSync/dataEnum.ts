// A data-carrying `#[repr(C)]`/`#[repr(u8)]`/`#[repr(C, u8)]` enum in cbindgen's C form: a tag enum
// (`Shape_Tag`), a body struct per variant with several fields (`Rect_Body`), and the enum itself — for
// `repr(C)` (with or without an integer) `struct { Tag tag; union { …bodies… }; }`, for a bare integer repr a
// union whose every member starts with the tag (Rust's documented layout for both, RFC 2195).
import type { Module } from '../crate/crateModel';
import { evaluateIntegerExpression } from '../interface/constExpr';
import type { CType } from '../interface/model';
import { rustToCType, type RustTypeContext } from '../interface/rustCType';
import { scopeOf } from '../interface/rustSide';
import type { AdtItem } from '../syntax/items';
import type { HeaderConfig } from './config';
import type { HeaderField, HeaderItem, TypeName } from './model';
import { variantName } from './variantNames';

type Common = Omit<Extract<HeaderItem, { kind: 'record' }>, 'kind' | 'tag' | 'fields'>;

/** `MoveTo` → `move_to`, as cbindgen names a variant's member. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

const isTupleField = (name: string | undefined) => name === undefined || /^\d+$/.test(name);

/** A tuple field (`0`) is `_0` in C, as cbindgen writes it; `r#type` is `type`. */
export function fieldName(name: string | undefined, index: number): string {
  return isTupleField(name) ? `_${name ?? index}` : name!.replace(/^r#/, '');
}

export interface DataEnumInput {
  item: AdtItem;
  module: Module;
  common: Common;
  config: HeaderConfig;
  context: RustTypeContext;
  /** The integer the tag is stored in (`repr(u8)`), undefined for `repr(C)`'s C enum. */
  intRepr: CType | undefined;
  /** `repr(C)` is among the reprs: the tag-and-union struct; otherwise the union of tagged members. */
  reprC: boolean;
  types: Map<string, TypeName>;
  isZeroSized: (type: CType, text: string) => boolean;
}

export function dataEnumItems({ item, module, common, config, context, intRepr, reprC, types, isZeroSized }: DataEnumInput): HeaderItem[] {
  const cName = common.name;
  const tagKey = `${item.name}::Tag`;
  const tagName = `${cName}_Tag`;
  types.set(tagKey, { cName: tagName, form: intRepr ? 'enum-int' : 'enum-c' });
  types.set(item.name, { cName, form: reprC ? 'struct' : 'union' });
  const tagType: CType = { kind: 'record', tag: 'enum', name: tagKey, spelling: tagName };
  let next = 0n;
  const variants = item.variants.map((v) => {
    const value = v.discriminant !== undefined ? (evaluateIntegerExpression(v.discriminant, () => undefined) ?? next) : next;
    next = value + 1n;
    return { name: variantName(cName, v.name, config.prefixVariantsWithName, config.renameVariants), value };
  });
  const shared = { source: common.source, ...(common.condition ? { condition: common.condition } : {}) };
  const items: HeaderItem[] = [{ ...shared, kind: 'enum', name: tagName, rustName: tagKey, repr: intRepr, variants }];
  const scope = scopeOf(module);
  const members: HeaderField[] = [];
  for (const variant of item.variants) {
    const fields = variant.fields
      .map((f, i) => ({ name: fieldName(f.name, i), type: rustToCType(context, { type: f.type, scope }), text: f.type.text }))
      .filter((f) => !isZeroSized(f.type, f.text))
      .map(({ name, type }) => ({ name, type }));
    if (fields.length === 0) continue;
    const member = snakeCase(variant.name);
    const tagged = (list: HeaderField[], tagField: string) => (reprC ? list : [{ name: tagField, type: tagType }, ...list]);
    if (variant.fields.length === 1 && isTupleField(variant.fields[0].name)) {
      members.push({ name: '', type: { kind: 'void', spelling: '' }, anonymous: { tag: 'struct', fields: tagged([{ name: member, type: fields[0].type }], `${member}_tag`) } });
      continue;
    }
    const bodyKey = `${item.name}::${variant.name}::Body`;
    // cbindgen's names: `Rect_Body` (prefixed like a type), and with `prefix_with_name` the enum's name in front.
    const plainBody = config.names.declaredNameOf(`${variant.name}_Body`);
    const bodyName = config.prefixVariantsWithName ? `${cName}_${plainBody}` : plainBody;
    types.set(bodyKey, { cName: bodyName, form: 'struct' });
    items.push({ ...shared, kind: 'record', tag: 'struct', name: bodyName, rustName: bodyKey, fields: tagged(fields, 'tag') });
    members.push({ name: member, type: { kind: 'record', tag: 'struct', name: bodyKey, spelling: bodyName } });
  }
  const fields: HeaderField[] = reprC ? [{ name: 'tag', type: tagType }, { name: '', type: { kind: 'void', spelling: '' }, anonymous: { tag: 'union', fields: members } }] : [{ name: 'tag', type: tagType }, ...members];
  items.push({ ...common, kind: 'record', tag: reprC ? 'struct' : 'union', fields });
  return items;
}
