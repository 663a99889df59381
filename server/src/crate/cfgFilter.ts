import { allowedLints, type Attribute } from '../syntax/attributes';
import type { AdtItem, ContainerItem, ExternBlockItem, FieldDecl, FunctionItem, ImplItem, Item, ModuleSyntax, StaticItem } from '../syntax/items';
import { evaluateCfg, type CfgContext } from './cfg';

/**
 * The items of a module that exist in one build: `#[cfg(..)]` known to be false removes an item (a member
 * of an impl, trait or extern block, a field, a variant, a whole file through `#![cfg(..)]`), and
 * `#[cfg_attr(pred, a)]` becomes `#[a]` when `pred` holds and nothing when it does not. Unknown predicates
 * keep the item as written. Syntax objects are shared with the file's cached extraction: a new object is
 * made only where something changes, so a crate without `cfg` costs one walk and no copies.
 */
export function cfgModuleSyntax(syntax: ModuleSyntax, context: CfgContext): ModuleSyntax {
  // Inline module bodies are filtered innermost first, each once, instead of recursively: generated code
  // nests modules 2,000 deep, which would overflow the stack.
  const bodies: ModuleSyntax[] = [];
  for (const stack = [syntax]; stack.length > 0; ) {
    const body = stack.pop()!;
    bodies.push(body);
    for (const item of body.items) if (item.kind === 'mod' && item.body) stack.push(item.body);
  }
  const filtered: FilteredBodies = new Map();
  for (let i = bodies.length - 1; i >= 0; i--) filtered.set(bodies[i], cfgOneModule(bodies[i], context, filtered));
  return filtered.get(syntax)!;
}

/** Module bodies already filtered, by their syntax as extracted. */
type FilteredBodies = Map<ModuleSyntax, ModuleSyntax>;

function cfgOneModule(syntax: ModuleSyntax, context: CfgContext, filtered: FilteredBodies): ModuleSyntax {
  const inner = resolveAttributes(syntax.innerAttributes, context);
  if (inner === undefined) return { items: [], innerAttributes: syntax.innerAttributes };
  const items = filterList(syntax.items, (item) => cfgItem(item, context, filtered));
  return items === syntax.items && inner === syntax.innerAttributes ? syntax : { items, innerAttributes: inner };
}

/**
 * The attributes in effect: `cfg_attr` expanded or dropped. `undefined` when a `#[cfg]` among them (or
 * added by a `cfg_attr`) is false, i.e. the item is not in the build. The same array when nothing changed.
 */
export function resolveAttributes(attributes: Attribute[], context: CfgContext): Attribute[] | undefined {
  let changed = false;
  const resolved: Attribute[] = [];
  for (const attribute of attributes) {
    if (attribute.cfgAttr) {
      const holds = evaluateCfg(attribute.cfgAttr.predicate, context);
      if (holds !== undefined) {
        changed = true;
        if (holds) resolved.push(...attribute.cfgAttr.attributes);
        continue;
      }
    }
    resolved.push(attribute);
  }
  if (resolved.some((a) => a.name === 'cfg' && a.args !== undefined && evaluateCfg(a.args, context) === false)) return undefined;
  return changed ? resolved : attributes;
}

/** Whether an item with these `cfg` predicates (of a field or variant) is in the build. */
function present(cfgs: string[] | undefined, context: CfgContext): boolean {
  return !cfgs?.some((predicate) => evaluateCfg(predicate, context) === false);
}

/** `list` without the elements `keep` drops (undefined), with those it replaces; the same array when unchanged. */
function filterList<T>(list: T[], keep: (element: T) => T | undefined): T[] {
  let out: T[] | undefined;
  list.forEach((element, index) => {
    const kept = keep(element);
    if (kept === element && !out) return;
    out ??= list.slice(0, index);
    if (kept) out.push(kept);
  });
  return out ?? list;
}

function cfgItem(item: Item, context: CfgContext, filtered: FilteredBodies): Item | undefined {
  const attributes = resolveAttributes(item.attributes, context);
  if (!attributes) return undefined;
  const common = attributes === item.attributes ? {} : { attributes, allowedLints: allowedLints(attributes) };
  switch (item.kind) {
    case 'mod': {
      const body = item.body ? (filtered.get(item.body) ?? item.body) : undefined;
      const pathAttribute = attributes.find((a) => a.name === 'path')?.value;
      if (attributes === item.attributes && body === item.body) return item;
      return { ...item, ...common, body, pathAttribute };
    }
    case 'struct':
    case 'enum':
    case 'union':
      return cfgAdt(item, common, context);
    case 'impl':
    case 'trait':
      return cfgImpl(item, common, context);
    case 'externBlock':
      return cfgExternBlock(item, common, context);
    default:
      return attributes === item.attributes ? item : { ...item, ...common };
  }
}

function cfgAdt(item: AdtItem, common: Partial<AdtItem>, context: CfgContext): AdtItem {
  const keepField = (field: FieldDecl) => (present(field.cfgs, context) ? field : undefined);
  const fields = filterList(item.fields, keepField);
  const variants = filterList(item.variants, (variant) => {
    if (!present(variant.cfgs, context)) return undefined;
    const variantFields = filterList(variant.fields, keepField);
    return variantFields === variant.fields ? variant : { ...variant, fields: variantFields };
  });
  if (Object.keys(common).length === 0 && fields === item.fields && variants === item.variants) return item;
  return { ...item, ...common, fields, variants };
}

/** Members are copied with the container, so that their `container` is the copy the module holds. */
function cfgImpl(item: ImplItem, common: Partial<ImplItem>, context: CfgContext): ImplItem {
  const functions = filterList(item.functions, (fn) => cfgMember(fn, context));
  const consts = filterList(item.consts, (c) => cfgMember(c, context));
  if (Object.keys(common).length === 0 && functions === item.functions && consts === item.consts) return item;
  const copy: ImplItem = { ...item, ...common, functions: [], consts: [] };
  copy.functions = functions.map((fn) => rehome(fn, copy));
  copy.consts = consts.map((c) => rehome(c, copy));
  return copy;
}

function cfgExternBlock(item: ExternBlockItem, common: Partial<ExternBlockItem>, context: CfgContext): ExternBlockItem {
  const functions = filterList(item.functions, (fn) => cfgMember(fn, context));
  const statics = filterList(item.statics, (s) => cfgMember(s, context));
  if (Object.keys(common).length === 0 && functions === item.functions && statics === item.statics) return item;
  const copy: ExternBlockItem = { ...item, ...common, functions: [], statics: [] };
  copy.functions = functions.map((fn) => rehome(fn, copy));
  copy.statics = statics.map((s) => rehome(s, copy));
  return copy;
}

function cfgMember<T extends FunctionItem | StaticItem>(member: T, context: CfgContext): T | undefined {
  const attributes = resolveAttributes(member.attributes, context);
  if (!attributes) return undefined;
  return attributes === member.attributes ? member : { ...member, attributes, allowedLints: allowedLints(attributes) };
}

function rehome<T extends FunctionItem | StaticItem>(member: T, container: ContainerItem): T {
  return { ...member, container };
}
