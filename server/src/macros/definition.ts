import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types';
import { rangeAt, rangeIn, tokensOfNodes, type Delimiter, type Leaf, type TokenTree } from './tokens';

export type RepetitionOp = '*' | '+' | '?';

/** One element of a rule's matcher: a literal token, a `(...)` group, `$x:frag` or `$( ... ) sep op`. */
export type MatcherElement =
  | { kind: 'token'; text: string }
  | { kind: 'group'; delim: Delimiter; body: MatcherElement[] }
  | { kind: 'binding'; name: string; fragment: string }
  | { kind: 'repetition'; body: MatcherElement[]; separator: string | undefined; op: RepetitionOp };

/** One element of a rule's transcriber. Literal tokens keep their range in the definition's file. */
export type TranscriberElement =
  | Leaf
  | { kind: 'group'; delim: Delimiter; open: Range; close: Range; children: TranscriberElement[] }
  | { kind: 'variable'; name: string; range: Range }
  | { kind: 'repetition'; body: TranscriberElement[]; separator: Leaf | undefined; op: RepetitionOp; range: Range };

export interface MacroRule {
  matcher: MatcherElement[];
  transcriber: TranscriberElement[];
  /** The rule's `(...) => {...}`, for "the macro rule that produced it". */
  range: Range;
}

export interface MacroDefinition {
  rules: MacroRule[];
}

/** The rules of a `macro_rules!` definition node. */
export function parseMacroDefinition(node: Node, source: string): MacroDefinition {
  const rules: MacroRule[] = [];
  for (const rule of node.namedChildren) {
    if (rule?.type !== 'macro_rule') continue;
    const left = rule.childForFieldName('left') ?? rule.namedChildren.find((c) => c?.type === 'token_tree_pattern') ?? null;
    const right = rule.childForFieldName('right') ?? rule.namedChildren.find((c) => c?.type === 'token_tree') ?? null;
    if (!left || !right) continue;
    rules.push({ matcher: matcherOf(left, source), transcriber: transcriberOf(right, source), range: rangeIn(rule, source) });
  }
  return { rules };
}

/** The children between a delimited node's delimiters. */
function inner(node: Node): Node[] {
  const children = node.children.filter((c): c is Node => c !== null);
  return children.slice(1, -1);
}

function matcherOf(node: Node, source: string): MatcherElement[] {
  return matcherOfNodes(inner(node), source);
}

function matcherOfNodes(nodes: Node[], source: string): MatcherElement[] {
  const out: MatcherElement[] = [];
  for (const child of nodes) {
    switch (child.type) {
      case 'token_binding_pattern': {
        const variable = child.namedChildren.find((c) => c?.type === 'metavariable');
        const fragment = child.namedChildren.find((c) => c?.type === 'fragment_specifier');
        if (variable && fragment) out.push({ kind: 'binding', name: text(variable, source).slice(1), fragment: text(fragment, source) });
        break;
      }
      case 'token_repetition_pattern': {
        const { body, separator, op } = repetitionParts(child, source);
        out.push({ kind: 'repetition', body: matcherOfNodes(body, source), separator: separator?.text, op });
        break;
      }
      case 'token_tree_pattern': {
        const delim = child.child(0)?.type;
        if (delim === '(' || delim === '[' || delim === '{') out.push({ kind: 'group', delim, body: matcherOf(child, source) });
        break;
      }
      default:
        for (const token of tokensOfNodes([child], source)) out.push(...literalMatcher(token));
    }
  }
  return out;
}

function literalMatcher(token: TokenTree): MatcherElement[] {
  if (token.kind !== 'group') return [{ kind: 'token', text: token.text }];
  return [{ kind: 'group', delim: token.delim, body: token.children.flatMap(literalMatcher) }];
}

function transcriberOf(node: Node, source: string): TranscriberElement[] {
  return transcriberOfNodes(inner(node), source);
}

function transcriberOfNodes(nodes: Node[], source: string): TranscriberElement[] {
  const out: TranscriberElement[] = [];
  for (const child of nodes) {
    switch (child.type) {
      case 'metavariable':
        out.push({ kind: 'variable', name: text(child, source).slice(1), range: rangeIn(child, source) });
        break;
      case 'token_repetition': {
        const { body, separator, op } = repetitionParts(child, source);
        out.push({ kind: 'repetition', body: transcriberOfNodes(body, source), separator, op, range: rangeIn(child, source) });
        break;
      }
      case 'token_tree': {
        const delim = child.child(0)?.type;
        const last = child.child(child.childCount - 1);
        if ((delim === '(' || delim === '[' || delim === '{') && last) {
          out.push({ kind: 'group', delim, open: rangeIn(child.child(0)!, source), close: rangeIn(last, source), children: transcriberOf(child, source) });
        }
        break;
      }
      default:
        out.push(...(tokensOfNodes([child], source) as Leaf[]));
    }
  }
  return mergeTranscriberLifetimes(out);
}

/** `'a` in a transcriber: the leaves were split by tree-sitter; tokenTreesOf merges them only within one call. */
function mergeTranscriberLifetimes(elements: TranscriberElement[]): TranscriberElement[] {
  const out: TranscriberElement[] = [];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const next = elements[i + 1];
    if (element.kind === 'punct' && element.text === "'" && next?.kind === 'ident' && element.range.end.line === next.range.start.line && element.range.end.character === next.range.start.character) {
      out.push({ kind: 'lifetime', text: `'${next.text}`, range: { start: element.range.start, end: next.range.end } });
      i++;
      continue;
    }
    out.push(element);
  }
  return out;
}

/**
 * `$ ( body ) sep? op` → its parts. The grammar does not keep the separator as a child (`$(...),*` has no
 * `,` node), so it is read from the text between `)` and the operator.
 */
function repetitionParts(node: Node, source: string): { body: Node[]; separator: Leaf | undefined; op: RepetitionOp } {
  const children = node.children.filter((c): c is Node => c !== null);
  const open = children.findIndex((c) => c.type === '(');
  let depth = 0;
  let close = -1;
  for (let i = open; i < children.length; i++) {
    if (children[i].type === '(') depth++;
    if (children[i].type === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  const last = children.at(-1);
  const op: RepetitionOp = last?.type === '+' || last?.type === '?' ? last.type : '*';
  if (close < 0 || !last) return { body: children.slice(open + 1), separator: undefined, op };
  const from = children[close].endIndex;
  const between = source.slice(from, last.startIndex);
  const text = between.trim();
  const start = from + between.indexOf(text);
  const separator: Leaf | undefined = text ? { kind: /^[\p{L}_]/u.test(text) ? 'ident' : 'punct', text, range: rangeAt(source, start, start + text.length) } : undefined;
  return { body: children.slice(open + 1, close), separator, op };
}

function text(node: Node, source: string): string {
  return source.slice(node.startIndex, node.endIndex);
}
