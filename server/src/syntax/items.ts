import type { Node } from 'web-tree-sitter';
import type { Position } from '../engine/types';
import { allowedLints, isCfgTest, parseAttributeNode, suppressedRules, type Attribute } from './attributes';
import { childrenOf, namedChildrenOf, rangeOf, textOf } from './nodes';
import { abiOfExternModifier, abiOfModifiers, parseTypeRef, type TypeRef } from './typeRef';
import { useImports } from './useImports';
import { parseMacroDefinition } from '../macros/definition';
import { groupOf, rangeIn } from '../macros/tokens';
import type { FileSyntax, ModuleSyntax, ItemCommon, Item, MacroCallItem, AdtItem, FieldDecl, FunctionContext, ContainerItem, FunctionItem, StaticItem, ExternBlockItem, ImplItem } from './itemTypes';
import type { TopLevelReuse } from './reuse';

export type * from './itemTypes';
export { allItems, unreadItemsOf } from './itemWalk';

/**
 * Extracts items from a parsed file. Only item-level nodes are visited (never function bodies), so the cost
 * follows the number of items, not the size of the file.
 */
export function extractFileSyntax(root: Node, source: string): FileSyntax {
  return runToEnd(extractFileSyntaxSteps(root, source));
}

/**
 * The same extraction, pausing after every top-level item, so that the language server can spread the
 * work of a large open file over several turns of the event loop. With `reuse`, top-level items the edits
 * since the last extraction did not touch are taken from it instead of being read again.
 */
export function* extractFileSyntaxSteps(root: Node, source: string, reuse?: TopLevelReuse): Generator<void, FileSyntax> {
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const module = yield* extractModuleSteps(root, source, reuse);
  reuse?.finish();
  return {
    module,
    fileSuppressed: /^\s*\/\//.test(firstLine) ? suppressedRules(firstLine) : [],
  };
}

function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

interface Leading {
  attributes: Attribute[];
  suppressed: string[];
  start: Position | undefined;
}

function emptyLeading(): Leading {
  return { attributes: [], suppressed: [], start: undefined };
}

/** An inline `mod x { … }` body still to read, the (empty until then) syntax it fills, and how deep it is. */
interface PendingBody {
  container: Node;
  into: ModuleSyntax;
  depth: number;
}

/**
 * Inline modules nested deeper than this are not read (their items are unknown, and the file says so): each
 * module's path and lints copy its ancestors', so 10,000 levels cost minutes; real code stays far below this.
 */
export const MAX_MODULE_DEPTH = 128;

function* extractModuleSteps(root: Node, source: string, reuse: TopLevelReuse | undefined): Generator<void, ModuleSyntax> {
  const top: ModuleSyntax = { items: [], innerAttributes: [] };
  // Inline module bodies wait in a worklist instead of being read recursively: generated code nests modules
  // 2,000 deep, which would overflow the stack.
  const pending: PendingBody[] = [{ container: root, into: top, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) yield* extractModuleBody(next, source, pending, next.depth === 0 ? reuse : undefined);
  return top;
}

/** The attributes and comments before an item, read. */
function leadingOf(trivia: readonly Node[], source: string): Leading {
  const leading = emptyLeading();
  for (const node of trivia) {
    if (node.type === 'attribute_item') {
      const attribute = parseAttributeNode(node, source);
      if (attribute) leading.attributes.push(attribute);
    } else {
      leading.suppressed.push(...suppressedRules(textOf(node, source)));
    }
    leading.start ??= rangeOf(node, source).start;
  }
  return leading;
}

function* extractModuleBody({ container, into, depth }: PendingBody, source: string, pending: PendingBody[], reuse: TopLevelReuse | undefined): Generator<void, void> {
  const { items, innerAttributes } = into;
  /** The syntax of a nested `mod` body, read later from the worklist (or never, past MAX_MODULE_DEPTH). */
  const nested = (body: Node): ModuleSyntax => {
    if (depth >= MAX_MODULE_DEPTH) return { items: [], innerAttributes: [], unreadItems: [{ range: rangeOf(body, source) }] };
    const syntax: ModuleSyntax = { items: [], innerAttributes: [] };
    pending.push({ container: body, into: syntax, depth: depth + 1 });
    return syntax;
  };
  // Attributes and comments are read with the item they lead (an item taken from `reuse` needs neither).
  let trivia: Node[] = [];
  for (const node of namedChildrenOf(container)) {
    if (node.type === 'inner_attribute_item') {
      const attribute = parseAttributeNode(node, source);
      if (attribute) innerAttributes.push(attribute);
      continue;
    }
    if (node.type === 'attribute_item' || node.type === 'line_comment' || node.type === 'block_comment') {
      trivia.push(node);
      continue;
    }
    const start = trivia.length > 0 ? trivia[0].startIndex : node.startIndex;
    const reused = reuse?.reused(start, node.endIndex);
    if (reused) {
      if (reused.item) items.push(reused.item);
    } else {
      const leading = leadingOf(trivia, source);
      let item: Item | undefined;
      let read = true;
      if (!isCfgTest(leading.attributes)) {
        try {
          item = extractItem(node, source, leading, nested);
          if (item) items.push(item);
        } catch (error) {
          // One item the extractor cannot read costs only that item; the file says it was read in part.
          (into.unreadItems ??= []).push({ range: rangeOf(node, source), error });
          read = false;
        }
      }
      if (read) reuse?.record(start, node.endIndex, item);
    }
    trivia = [];
    yield;
  }
}

function common(node: Node, source: string, leading: Leading, nameNode: Node | null): ItemCommon {
  const range = rangeOf(node, source);
  return {
    name: nameNode ? textOf(nameNode, source) : '',
    nameRange: nameNode ? rangeOf(nameNode, source) : range,
    range,
    leadingStart: leading.start ?? range.start,
    attributes: leading.attributes,
    allowedLints: allowedLints(leading.attributes),
    suppressed: leading.suppressed,
    isPublic: namedChildrenOf(node).some((c) => c.type === 'visibility_modifier'),
  };
}

function extractItem(node: Node, source: string, leading: Leading, nested: (body: Node) => ModuleSyntax): Item | undefined {
  switch (node.type) {
    case 'struct_item':
    case 'union_item':
    case 'enum_item':
      return extractAdt(node, source, leading);
    case 'type_item': {
      const target = node.childForFieldName('type');
      return {
        ...common(node, source, leading, node.childForFieldName('name')),
        kind: 'typeAlias',
        generics: genericNames(node.childForFieldName('type_parameters'), source),
        target: target ? parseTypeRef(target, source) : undefined,
      };
    }
    case 'function_item':
    case 'function_signature_item':
      return extractFunction(node, source, leading, 'free', undefined, [], undefined);
    case 'static_item':
    case 'const_item':
      return extractStatic(node, source, leading, undefined);
    case 'foreign_mod_item':
      return extractExternBlock(node, source, leading);
    case 'impl_item':
    case 'trait_item':
      return extractImpl(node, source, leading);
    case 'use_declaration': {
      const argument = node.childForFieldName('argument');
      return { ...common(node, source, leading, null), kind: 'use', imports: argument ? useImports(argument, [], source) : [] };
    }
    case 'macro_definition':
      return { ...common(node, source, leading, node.childForFieldName('name')), kind: 'macroRules', definition: parseMacroDefinition(node, source), text: textOf(node, source) };
    case 'expression_statement': {
      const call = node.namedChild(0);
      return call?.type === 'macro_invocation' ? extractMacroCall(call, source, leading) : undefined;
    }
    case 'macro_invocation':
      return extractMacroCall(node, source, leading);
    case 'mod_item': {
      const body = node.childForFieldName('body');
      const bodySyntax = body ? nested(body) : undefined;
      return {
        ...common(node, source, leading, node.childForFieldName('name')),
        kind: 'mod',
        body: bodySyntax,
        pathAttribute: leading.attributes.find((a) => a.name === 'path')?.value,
      };
    }
    default:
      return undefined;
  }
}

function extractMacroCall(node: Node, source: string, leading: Leading): MacroCallItem | undefined {
  const macro = node.childForFieldName('macro');
  const tree = namedChildrenOf(node).find((c) => c.type === 'token_tree');
  const input = tree ? groupOf(tree, source) : undefined;
  if (!macro || !input) return undefined;
  const path = textOf(macro, source).split('::').map((segment) => segment.trim());
  const nameNode = macro.type === 'scoped_identifier' ? macro.childForFieldName('name') : macro;
  return { ...common(node, source, leading, nameNode), kind: 'macroCall', path, input, text: textOf(node, source) };
}

function extractAdt(node: Node, source: string, leading: Leading): AdtItem {
  const kind = node.type === 'struct_item' ? 'struct' : node.type === 'union_item' ? 'union' : 'enum';
  const body = node.childForFieldName('body');
  const variants: AdtItem['variants'] = [];
  if (kind === 'enum' && body) {
    for (const variant of namedChildrenOf(body).filter((c) => c.type === 'enum_variant')) {
      const name = variant.childForFieldName('name');
      const variantBody = variant.childForFieldName('body');
      const cfgs = cfgsBefore(variant, source);
      const value = variant.childForFieldName('value');
      variants.push({
        name: name ? textOf(name, source) : '',
        fields: variantBody ? fieldsOf(variantBody, source) : [],
        ...(cfgs ? { cfgs } : {}),
        ...(value ? { discriminant: textOf(value, source) } : {}),
        ...(name ? { nameRange: rangeIn(name, source) } : {}),
      });
    }
  }
  return {
    ...common(node, source, leading, node.childForFieldName('name')),
    kind,
    generics: genericNames(node.childForFieldName('type_parameters'), source),
    fields: kind !== 'enum' && body ? fieldsOf(body, source) : [],
    variants,
  };
}

function fieldsOf(body: Node, source: string): FieldDecl[] {
  if (body.type === 'field_declaration_list') {
    return namedChildrenOf(body)
      .filter((c) => c.type === 'field_declaration')
      .flatMap((field) => {
        const type = field.childForFieldName('type');
        const name = field.childForFieldName('name');
        const cfgs = cfgsBefore(field, source);
        return type ? [{ name: name ? textOf(name, source) : undefined, type: parseTypeRef(type, source), ...(cfgs ? { cfgs } : {}) }] : [];
      });
  }
  if (body.type === 'ordered_field_declaration_list') {
    return body.childrenForFieldName('type')
      .filter((t): t is Node => t !== null)
      .map((type, index) => ({ name: String(index), type: parseTypeRef(type, source) }));
  }
  return [];
}

/** The predicates of the `#[cfg(..)]` attributes right before a field or variant (undefined when none). */
function cfgsBefore(node: Node, source: string): string[] | undefined {
  const cfgs: string[] = [];
  for (let sibling = node.previousNamedSibling; sibling?.type === 'attribute_item' || sibling?.type === 'line_comment' || sibling?.type === 'block_comment'; sibling = sibling.previousNamedSibling) {
    const attribute = sibling.type === 'attribute_item' ? parseAttributeNode(sibling, source) : undefined;
    if (attribute?.name === 'cfg' && attribute.args !== undefined) cfgs.push(attribute.args);
  }
  return cfgs.length > 0 ? cfgs : undefined;
}

function extractFunction(
  node: Node,
  source: string,
  leading: Leading,
  context: FunctionContext,
  container: ContainerItem | undefined,
  outerGenerics: string[],
  blockAbi: string | undefined,
): FunctionItem {
  const modifiers = namedChildrenOf(node).find((c) => c.type === 'function_modifiers');
  const paramsNode = node.childForFieldName('parameters');
  const params: TypeRef[] = [];
  for (const param of paramsNode ? namedChildrenOf(paramsNode) : []) {
    if (param.type === 'parameter') {
      const type = param.childForFieldName('type');
      if (type) params.push(parseTypeRef(type, source));
    } else if (param.type === 'self_parameter') {
      params.push(selfParameterType(param, source));
    }
  }
  const returnType = node.childForFieldName('return_type');
  const body = node.childForFieldName('body');
  return {
    ...common(node, source, leading, node.childForFieldName('name')),
    kind: 'function',
    abi: context === 'foreign' ? blockAbi : modifiers ? abiOfModifiers(modifiers, source) : undefined,
    context,
    generics: [...outerGenerics, ...genericNames(node.childForFieldName('type_parameters'), source)],
    params,
    returnType: returnType ? parseTypeRef(returnType, source) : undefined,
    hasBody: body !== null,
    bodyRange: body ? rangeOf(body, source) : undefined,
    startOffset: node.startIndex,
    endOffset: node.endIndex,
    fnKeyword: rangeOf(childrenOf(node).find((c) => c.type === 'fn') ?? node, source).start,
    selfType: container && container.kind !== 'externBlock' ? container.selfType : undefined,
    container,
  };
}

/** `self` / `mut self` pass `Self` by value; `&self` and `self: Box<Self>` pass a pointer. */
function selfParameterType(param: Node, source: string): TypeRef {
  const range = rangeOf(param, source);
  const text = textOf(param, source);
  const selfType: TypeRef = { kind: 'path', segments: ['Self'], args: [], range, text };
  if (!text.includes('&')) return selfType;
  return { kind: 'reference', mutable: /\bmut\b/.test(text), inner: selfType, range, text };
}

function extractStatic(node: Node, source: string, leading: Leading, container: ContainerItem | undefined): StaticItem {
  const type = node.childForFieldName('type');
  return {
    ...common(node, source, leading, node.childForFieldName('name')),
    kind: node.type === 'const_item' ? 'const' : 'static',
    type: type ? parseTypeRef(type, source) : undefined,
    container,
  };
}

function extractExternBlock(node: Node, source: string, leading: Leading): ExternBlockItem {
  const externModifier = namedChildrenOf(node).find((c) => c.type === 'extern_modifier');
  const itemRange = rangeOf(node, source);
  const block: ExternBlockItem = {
    ...common(node, source, leading, null),
    headRange: { start: itemRange.start, end: externModifier ? rangeOf(externModifier, source).end : itemRange.start },
    kind: 'externBlock',
    abi: externModifier ? abiOfExternModifier(externModifier, source) : 'C',
    isUnsafe: childrenOf(node).some((c) => c.type === 'unsafe'),
    functions: [],
    statics: [],
  };
  forEachMember(node.childForFieldName('body'), source, (member, memberLeading) => {
    if (member.type === 'function_signature_item' || member.type === 'function_item') {
      block.functions.push(extractFunction(member, source, memberLeading, 'foreign', block, [], block.abi));
    } else if (member.type === 'static_item') {
      block.statics.push(extractStatic(member, source, memberLeading, block));
    }
  });
  return block;
}

function extractImpl(node: Node, source: string, leading: Leading): ImplItem {
  const isTrait = node.type === 'trait_item';
  const typeNode = node.childForFieldName('type');
  const generics = genericNames(node.childForFieldName('type_parameters'), source);
  const nameNode = isTrait ? node.childForFieldName('name') : null;
  const traitNode = isTrait ? null : node.childForFieldName('trait');
  const impl: ImplItem = {
    ...common(node, source, leading, nameNode),
    kind: isTrait ? 'trait' : 'impl',
    generics,
    selfType: typeNode && !isTrait ? parseTypeRef(typeNode, source) : undefined,
    ...(traitNode ? { trait: source.slice(traitNode.startIndex, traitNode.endIndex) } : {}),
    functions: [],
    consts: [],
  };
  // In a trait, `Self` is a generic parameter: it is never resolved to a concrete type.
  const methodGenerics = isTrait ? [...generics, 'Self'] : generics;
  forEachMember(node.childForFieldName('body'), source, (member, memberLeading) => {
    if (member.type === 'function_item' || member.type === 'function_signature_item') {
      impl.functions.push(extractFunction(member, source, memberLeading, isTrait ? 'trait' : 'impl', impl, methodGenerics, undefined));
    } else if (member.type === 'const_item') {
      impl.consts.push(extractStatic(member, source, memberLeading, impl));
    } else if (member.type === 'macro_invocation') {
      const call = extractMacroCall(member, source, memberLeading);
      if (call) (impl.macroCalls ??= []).push(call);
    }
  });
  return impl;
}

function forEachMember(body: Node | null, source: string, visit: (member: Node, leading: Leading) => void): void {
  if (!body) return;
  let leading = emptyLeading();
  for (const member of namedChildrenOf(body)) {
    if (member.type === 'attribute_item') {
      const attribute = parseAttributeNode(member, source);
      if (attribute) leading.attributes.push(attribute);
      leading.start ??= rangeOf(member, source).start;
    } else if (member.type === 'line_comment' || member.type === 'block_comment') {
      leading.suppressed.push(...suppressedRules(textOf(member, source)));
      leading.start ??= rangeOf(member, source).start;
    } else {
      if (!isCfgTest(leading.attributes)) visit(member, leading);
      leading = emptyLeading();
    }
  }
}

function genericNames(typeParameters: Node | null, source: string): string[] {
  if (!typeParameters) return [];
  return namedChildrenOf(typeParameters).flatMap((param) => {
    if (param.type === 'type_parameter' || param.type === 'const_parameter') {
      const name = param.childForFieldName('name');
      return name ? [textOf(name, source)] : [];
    }
    if (param.type === 'type_identifier') return [textOf(param, source)];
    if (param.type === 'constrained_type_parameter' || param.type === 'optional_type_parameter') {
      const left = param.childForFieldName('left') ?? param.childForFieldName('name');
      return left && left.type === 'type_identifier' ? [textOf(left, source)] : [];
    }
    return [];
  });
}
