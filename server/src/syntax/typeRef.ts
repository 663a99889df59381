import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types';
import { childrenOf, namedChildrenOf, rangeOf, textOf } from './nodes';

/** A Rust type as written, with the range of every part (all in the file of the item that holds it). */
export type TypeRef =
  | { kind: 'path'; segments: string[]; args: TypeRef[]; range: Range; text: string }
  | { kind: 'primitive'; name: string; range: Range; text: string }
  | { kind: 'reference'; mutable: boolean; inner: TypeRef; range: Range; text: string }
  | { kind: 'pointer'; mutable: boolean; inner: TypeRef; range: Range; text: string }
  | { kind: 'array'; element: TypeRef; range: Range; text: string }
  | { kind: 'slice'; element: TypeRef; range: Range; text: string }
  | { kind: 'tuple'; elements: TypeRef[]; range: Range; text: string }
  | { kind: 'fnPointer'; abi: string | undefined; params: TypeRef[]; returnType: TypeRef | undefined; range: Range; text: string }
  | { kind: 'dyn' | 'impl' | 'never' | 'unknown'; range: Range; text: string };

const PRIMITIVES = new Set([
  'bool', 'char', 'str', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize', 'u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'f32', 'f64',
]);

/**
 * How deeply types are read. Deeper parts (generated code reaches `Option<Option<…>>` 2,000 deep) are
 * `unknown`, which every consumer treats as "cannot tell" (no finding), and no walker overflows the stack.
 */
export const MAX_TYPE_REF_DEPTH = 64;

export function parseTypeRef(node: Node, source: string, depth = 0): TypeRef {
  if (depth > MAX_TYPE_REF_DEPTH) return unknown(node, source);
  const range = rangeOf(node, source);
  const text = textOf(node, source);
  const sub = (n: Node): TypeRef => parseTypeRef(n, source, depth + 1);
  switch (node.type) {
    case 'primitive_type':
      return { kind: 'primitive', name: text, range, text };
    case 'type_identifier':
      return PRIMITIVES.has(text) ? { kind: 'primitive', name: text, range, text } : { kind: 'path', segments: [text], args: [], range, text };
    case 'scoped_type_identifier':
      return { kind: 'path', segments: pathSegments(node, source), args: [], range, text };
    case 'generic_type': {
      const base = node.childForFieldName('type');
      const argsNode = node.childForFieldName('type_arguments');
      const segments = base ? (base.type === 'type_identifier' ? [textOf(base, source)] : pathSegments(base, source)) : [];
      const args = argsNode ? namedChildrenOf(argsNode).filter(isTypeNode).map(sub) : [];
      return { kind: 'path', segments, args, range, text };
    }
    case 'reference_type':
    case 'pointer_type': {
      const inner = node.childForFieldName('type');
      const mutable = childrenOf(node).some((c) => c.type === 'mutable_specifier');
      const innerRef = inner ? sub(inner) : unknown(node, source);
      return { kind: node.type === 'reference_type' ? 'reference' : 'pointer', mutable, inner: innerRef, range, text };
    }
    case 'array_type': {
      const element = node.childForFieldName('element');
      const elementRef = element ? sub(element) : unknown(node, source);
      return node.childForFieldName('length')
        ? { kind: 'array', element: elementRef, range, text }
        : { kind: 'slice', element: elementRef, range, text };
    }
    case 'tuple_type':
      return { kind: 'tuple', elements: namedChildrenOf(node).filter(isTypeNode).map(sub), range, text };
    case 'unit_type':
      return { kind: 'tuple', elements: [], range, text };
    case 'never_type':
      return { kind: 'never', range, text };
    case 'dynamic_type':
      return { kind: 'dyn', range, text };
    case 'abstract_type':
      return { kind: 'impl', range, text };
    case 'function_type':
      return parseFunctionType(node, source, range, text, sub);
    case 'bounded_type':
    case 'removed_trait_bound':
      return { kind: 'dyn', range, text };
    default:
      return unknown(node, source);
  }
}

function parseFunctionType(node: Node, source: string, range: Range, text: string, sub: (n: Node) => TypeRef): TypeRef {
  // `Fn(u8) -> u8` inside `dyn`/`impl` is parsed as a function_type with a `trait` field: not a pointer.
  if (node.childForFieldName('trait')) return { kind: 'dyn', range, text };
  const modifiers = childrenOf(node).find((c) => c.type === 'function_modifiers');
  const abi = modifiers ? abiOfModifiers(modifiers, source) : undefined;
  const paramsNode = node.childForFieldName('parameters');
  const params = paramsNode
    ? namedChildrenOf(paramsNode).flatMap((p) => {
        if (p.type === 'parameter') {
          const t = p.childForFieldName('type');
          return t ? [sub(t)] : [];
        }
        return isTypeNode(p) ? [sub(p)] : [];
      })
    : [];
  const ret = node.childForFieldName('return_type');
  return { kind: 'fnPointer', abi, params, returnType: ret ? sub(ret) : undefined, range, text };
}

/** The ABI string of `extern "X"` in a function_modifiers node: "C" for a bare `extern`, undefined for none. */
export function abiOfModifiers(modifiers: Node, source: string): string | undefined {
  const externModifier = childrenOf(modifiers).find((c) => c.type === 'extern_modifier');
  if (!externModifier) return undefined;
  return abiOfExternModifier(externModifier, source);
}

export function abiOfExternModifier(externModifier: Node, source: string): string {
  const literal = childrenOf(externModifier).find((c) => c.type === 'string_literal');
  if (!literal) return 'C';
  const content = childrenOf(literal).find((c) => c.type === 'string_content');
  return content ? textOf(content, source) : '';
}

/** `a::b::C` → ["a", "b", "C"]; read from the last segment towards the first, so a long path needs no recursion. */
function pathSegments(node: Node, source: string): string[] {
  const reversed: string[] = [];
  for (let current: Node | null = node; current; ) {
    switch (current.type) {
      case 'scoped_type_identifier':
      case 'scoped_identifier': {
        const name = current.childForFieldName('name');
        if (name) reversed.push(textOf(name, source));
        current = current.childForFieldName('path');
        if (!current) reversed.push('::');
        break;
      }
      case 'identifier':
      case 'type_identifier':
      case 'crate':
      case 'self':
      case 'super':
      case 'metavariable':
        reversed.push(textOf(current, source));
        current = null;
        break;
      case 'generic_type':
        current = current.childForFieldName('type');
        if (!current) reversed.push('?');
        break;
      default:
        // `<T as Trait>::X` and other qualified paths cannot be resolved syntactically.
        reversed.push('?');
        current = null;
    }
  }
  return reversed.reverse();
}

function unknown(node: Node, source: string): TypeRef {
  return { kind: 'unknown', range: rangeOf(node, source), text: textOf(node, source) };
}

function isTypeNode(node: Node): boolean {
  return node.type !== 'lifetime' && node.type !== 'type_binding' && node.type !== 'block' && !node.type.endsWith('_literal') && node.type !== 'trait_bounds';
}

/** Every type written inside `type` (itself included), outermost first. */
export function* walkTypeRefs(type: TypeRef): Generator<TypeRef> {
  yield type;
  switch (type.kind) {
    case 'path':
      for (const arg of type.args) yield* walkTypeRefs(arg);
      break;
    case 'reference':
    case 'pointer':
      yield* walkTypeRefs(type.inner);
      break;
    case 'array':
    case 'slice':
      yield* walkTypeRefs(type.element);
      break;
    case 'tuple':
      for (const element of type.elements) yield* walkTypeRefs(element);
      break;
    case 'fnPointer':
      for (const param of type.params) yield* walkTypeRefs(param);
      if (type.returnType) yield* walkTypeRefs(type.returnType);
      break;
    default:
      break;
  }
}
