import type { TokenTree } from './tokens';

/**
 * Where a fragment starting at `tokens[start]` ends (exclusive), or -1 when none starts there.
 *
 * rustc parses a fragment with its real parser and then requires what follows to be in the fragment's
 * follow set (`expr` only before `=>`, `,`, `;`; `ty` and `path` before `{ [ => , > = : ; | as where`, …).
 * That rule makes a scan to the first follow-set token at nesting depth 0 find the same end on every macro
 * rustc accepts, without a parser: token trees already balance `()`, `[]` and `{}`, and angle brackets are
 * counted for types and paths.
 */
export function fragmentEnd(fragment: string, tokens: readonly TokenTree[], start: number): number {
  const first = tokens[start];
  switch (fragment) {
    case 'tt':
      return first ? start + 1 : -1;
    case 'ident':
      return first?.kind === 'ident' && first.text !== '_' ? start + 1 : -1;
    case 'lifetime':
      return first?.kind === 'lifetime' ? start + 1 : -1;
    case 'literal':
      return literalEnd(tokens, start);
    case 'block':
      return first?.kind === 'group' && first.delim === '{' ? start + 1 : -1;
    case 'vis':
      return visEnd(tokens, start);
    case 'path':
      return pathEnd(tokens, start);
    case 'meta':
      return metaEnd(tokens, start);
    case 'item':
      return itemEnd(tokens, start);
    case 'ty':
      return scanEnd(tokens, start, TY_FOLLOW, true);
    case 'pat':
      return scanEnd(tokens, start, PAT_FOLLOW, false);
    case 'pat_param':
      return scanEnd(tokens, start, PAT_PARAM_FOLLOW, false);
    case 'expr':
    case 'expr_2021':
      return scanEnd(tokens, start, EXPR_FOLLOW, false);
    case 'stmt':
      return scanEnd(tokens, start, EXPR_FOLLOW, false);
    default:
      return -1;
  }
}

const EXPR_FOLLOW = new Set(['=>', ',', ';']);
const TY_FOLLOW = new Set(['{', '[', '=>', ',', '>', '=', ':', ';', '|', 'as', 'where']);
const PAT_FOLLOW = new Set(['=>', ',', '=', 'if', 'in']);
const PAT_PARAM_FOLLOW = new Set([...PAT_FOLLOW, '|']);

/** Up to the first follow-set token at depth 0 (angle brackets counted when `angles`); empty is no match. */
function scanEnd(tokens: readonly TokenTree[], start: number, follow: ReadonlySet<string>, angles: boolean): number {
  let depth = 0;
  let i = start;
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'group') {
      // A type never holds a `{...}` outside angle brackets: it is the block that follows.
      if (depth === 0 && angles && token.delim === '{' && i > start) break;
      continue;
    }
    const text = token.text;
    if (angles) {
      if (text === '<' || text === '<<') {
        depth += text.length;
        continue;
      }
      if ((text === '>' || text === '>>') && depth > 0) {
        depth = Math.max(0, depth - text.length);
        continue;
      }
      if (text === '->') continue;
    }
    if (depth === 0 && follow.has(text)) break;
  }
  return i > start ? i : -1;
}

function literalEnd(tokens: readonly TokenTree[], start: number): number {
  const first = tokens[start];
  const isLiteral = (t: TokenTree | undefined) => t?.kind === 'literal';
  if (isLiteral(first)) return start + 1;
  if (first?.kind === 'punct' && first.text === '-' && isLiteral(tokens[start + 1])) return start + 2;
  return -1;
}

/** `pub`, `pub(crate)`, `pub(in path)`, or nothing (vis may be empty). */
function visEnd(tokens: readonly TokenTree[], start: number): number {
  const first = tokens[start];
  if (first?.kind !== 'ident' || first.text !== 'pub') return start;
  const next = tokens[start + 1];
  if (next?.kind === 'group' && next.delim === '(') {
    const head = next.children[0];
    if (head?.kind === 'ident' && ['crate', 'self', 'super', 'in'].includes(head.text)) return start + 2;
  }
  return start + 1;
}

/** A type-style path: `::`? segment (`::` segment)*, each segment optionally with `<...>` arguments. */
function pathEnd(tokens: readonly TokenTree[], start: number): number {
  let i = start;
  if (tokens[i]?.kind === 'punct' && (tokens[i] as { text: string }).text === '::') i++;
  let segments = 0;
  for (;;) {
    const segment = tokens[i];
    if (segment?.kind !== 'ident') break;
    i++;
    segments++;
    const open = tokens[i];
    if (open?.kind === 'punct' && open.text === '<') i = anglesEnd(tokens, i);
    if (i < 0) return -1;
    const sep = tokens[i];
    if (sep?.kind === 'punct' && sep.text === '::' && tokens[i + 1]?.kind === 'ident') {
      i++;
      continue;
    }
    break;
  }
  return segments > 0 ? i : -1;
}

/** Past the `>` that closes the `<` at `start`. */
function anglesEnd(tokens: readonly TokenTree[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'group') continue;
    if (token.text === '<' || token.text === '<<') depth += token.text.length;
    else if (token.text === '>' || token.text === '>>') {
      depth -= token.text.length;
      if (depth <= 0) return i + 1;
    } else if (depth === 1 && (token.text === ';' || token.text === '=>')) return -1;
  }
  return -1;
}

/** An attribute's content: a path, then a delimited group or `= expr`. */
function metaEnd(tokens: readonly TokenTree[], start: number): number {
  const afterPath = pathEnd(tokens, start);
  if (afterPath < 0) return -1;
  const next = tokens[afterPath];
  if (next?.kind === 'group') return afterPath + 1;
  if (next?.kind === 'punct' && next.text === '=') return scanEnd(tokens, afterPath + 1, EXPR_FOLLOW, false);
  return afterPath;
}

const SEMICOLON_ITEMS = new Set(['static', 'const', 'use', 'type']);

/**
 * An item: outer attributes, then up to its `;` or the `{...}` that ends it. `static`, `const`, `use` and
 * `type` items end at `;` (their value may hold braces); the others at a `;` or at their body.
 */
function itemEnd(tokens: readonly TokenTree[], start: number): number {
  let i = start;
  while (isPunct(tokens[i], '#') && tokens[i + 1]?.kind === 'group') i += 2;
  if (i >= tokens.length) return -1;
  const head = tokens[visEnd(tokens, i)];
  const afterHead = tokens[visEnd(tokens, i) + 1];
  const semicolonOnly = head?.kind === 'ident' && SEMICOLON_ITEMS.has(head.text) && !(head.text === 'const' && afterHead?.kind === 'ident' && ['fn', 'unsafe', 'extern', 'async'].includes(afterHead.text));
  for (; i < tokens.length; i++) {
    const token = tokens[i];
    if (isPunct(token, ';')) return i + 1;
    if (!semicolonOnly && token.kind === 'group' && token.delim === '{') return i + 1;
  }
  return -1;
}

function isPunct(token: TokenTree | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}
