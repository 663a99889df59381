import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types';
import { namedChildrenOf, positionIn, rangeOf, textOf } from './nodes';

/** One `#[...]` or `#![...]`, read from its text. `#[unsafe(x)]` is unwrapped to `x` with `unsafeWrapped`. */
export interface Attribute {
  name: string;
  /** Raw text inside the parentheses of `name(...)`, if any. */
  args?: string;
  /** Unquoted value of `name = "value"`, if any. */
  value?: string;
  unsafeWrapped: boolean;
  inner: boolean;
  range: Range;
  /** `#[cfg_attr(pred, a, b)]`: the predicate and the attributes it adds (ranges of `a`, `b` inside it). */
  cfgAttr?: { predicate: string; attributes: Attribute[] };
  /** Added by a `cfg_attr` whose predicate holds in this build (its range is the inner attribute's text). */
  fromCfgAttr?: true;
}

export interface Repr {
  c: boolean;
  transparent: boolean;
  /** `u8`, `i32`, … for enums with a primitive representation. */
  primitive?: string;
  packed: boolean;
  align: boolean;
  /** The first `#[repr(...)]` attribute, where a fix can add `C`. */
  attribute?: Attribute;
}

const PRIMITIVE_REPRS = new Set(['u8', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize']);

export function parseAttributeNode(node: Node, source: string): Attribute | undefined {
  const attribute = namedChildrenOf(node).find((c) => c.type === 'attribute');
  if (!attribute) return undefined;
  const text = textOf(attribute, source);
  const parsed = parseAttributeText(text);
  if (!parsed) return undefined;
  const inner = node.type === 'inner_attribute_item';
  const result: Attribute = { ...parsed, inner, range: rangeOf(node, source) };
  if (parsed.name === 'cfg_attr' && parsed.args !== undefined && !parsed.unsafeWrapped) {
    const argsStart = text.indexOf('(') + 1;
    const [predicate, ...rest] = splitWithOffsets(parsed.args);
    if (predicate && rest.length > 0) {
      const at = attribute.startIndex + argsStart;
      const attributes = rest.flatMap(({ text: part, offset }) => {
        const innerParsed = parseAttributeText(part);
        const from = positionIn(source, at + offset);
        const to = positionIn(source, at + offset + part.length);
        return innerParsed ? [{ ...innerParsed, inner, range: { start: from, end: to }, fromCfgAttr: true as const }] : [];
      });
      result.cfgAttr = { predicate: predicate.text, attributes };
    }
  }
  return result;
}

/** `a, b(c, d)` → its top-level parts, trimmed, with their offsets in `args`. */
function splitWithOffsets(args: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const raw = args.slice(start, end);
    const text = raw.trim();
    if (text) parts.push({ text, offset: start + (raw.length - raw.trimStart().length) });
  };
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (ch === '"') {
      i++;
      while (i < args.length && args[i] !== '"') i += args[i] === '\\' ? 2 : 1;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(args.length);
  return parts;
}

/** Parses the text between `#[` and `]`. Exported for tests. */
export function parseAttributeText(text: string): Omit<Attribute, 'inner' | 'range'> | undefined {
  const match = /^\s*([A-Za-z_][\w]*(?:\s*::\s*[A-Za-z_]\w*)*)\s*/.exec(text);
  if (!match) return undefined;
  const name = match[1].replace(/\s+/g, '');
  let rest = text.slice(match[0].length);
  let args: string | undefined;
  let value: string | undefined;
  if (rest.startsWith('(')) {
    const close = matchingParen(rest, 0);
    args = rest.slice(1, close < 0 ? rest.length : close);
    rest = close < 0 ? '' : rest.slice(close + 1);
  } else if (rest.startsWith('=')) {
    const literal = /^=\s*"((?:[^"\\]|\\.)*)"/.exec(rest);
    value = literal ? literal[1] : rest.slice(1).trim();
  }
  if (name === 'unsafe' && args !== undefined) {
    const innerAttribute = parseAttributeText(args);
    return innerAttribute ? { ...innerAttribute, unsafeWrapped: true } : undefined;
  }
  return { name, args, value, unsafeWrapped: false };
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits `a, b(c, d), e` at top-level commas. */
export function splitTopLevel(args: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const ch = args[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = args.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

/** Combines every `#[repr(...)]` (and `cfg_attr(_, repr(...))`, assumed active) on an item. */
export function reprOf(attributes: readonly Attribute[]): Repr {
  const repr: Repr = { c: false, transparent: false, packed: false, align: false };
  for (const attribute of attributes) {
    for (const hint of reprHints(attribute)) {
      if (!repr.attribute && attribute.name === 'repr') repr.attribute = attribute;
      const word = hint.replace(/\(.*$/s, '').trim();
      if (word === 'C') repr.c = true;
      else if (word === 'transparent') repr.transparent = true;
      else if (word === 'packed') repr.packed = true;
      else if (word === 'align') repr.align = true;
      else if (PRIMITIVE_REPRS.has(word)) repr.primitive = word;
    }
  }
  return repr;
}

function reprHints(attribute: Attribute): string[] {
  if (attribute.name === 'repr' && attribute.args !== undefined) return splitTopLevel(attribute.args);
  if (attribute.name === 'cfg_attr' && attribute.args !== undefined) {
    return splitTopLevel(attribute.args)
      .slice(1)
      .map((part) => parseAttributeText(part))
      .flatMap((inner) => (inner?.name === 'repr' && inner.args !== undefined ? splitTopLevel(inner.args) : []));
  }
  return [];
}

/** Lint names allowed or expected by `#[allow(...)]` / `#[expect(...)]` attributes. */
export function allowedLints(attributes: readonly Attribute[]): string[] {
  return attributes
    .filter((a) => (a.name === 'allow' || a.name === 'expect') && a.args !== undefined)
    .flatMap((a) => splitTopLevel(a.args ?? '').map((lint) => lint.replace(/\s+/g, '')));
}

export function isCfgTest(attributes: readonly Attribute[]): boolean {
  return attributes.some((a) => a.name === 'cfg' && a.args?.replace(/\s+/g, '') === 'test');
}

const SUPPRESSION = /rust-plugin-guard\s*:\s*allow\(([^)]*)\)/;

/** Rule ids named by a `// rust-plugin-guard: allow(a, b)` comment. */
export function suppressedRules(commentText: string): string[] {
  const match = SUPPRESSION.exec(commentText);
  return match ? match[1].split(',').map((id) => id.trim()).filter(Boolean) : [];
}
