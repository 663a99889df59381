import type { TranscriberElement } from './definition';
import type { Bindings, Match } from './matcher';
import { firstRange, lastRange, type TokenTree } from './tokens';

/** An expansion too large to be a real macro (a runaway recursion): given up on. */
export const MAX_EXPANSION_TOKENS = 20_000;

export class TranscriptionError extends Error {}

export interface TranscribeOptions {
  /** What `$crate` becomes where the expansion is read: `crate`, or the defining crate's extern name. */
  crateName: string;
}

/**
 * The rule's transcriber with the bindings substituted. Tokens written in the definition are marked `def`;
 * substituted fragments keep the call's tokens (and their ranges in the call's file).
 */
export function transcribe(elements: readonly TranscriberElement[], bindings: Bindings, options: TranscribeOptions): TokenTree[] {
  const out: TokenTree[] = [];
  const count = { tokens: 0 };
  emit(elements, bindings, options, out, count);
  return out;
}

function emit(elements: readonly TranscriberElement[], bindings: Bindings, options: TranscribeOptions, out: TokenTree[], count: { tokens: number }): void {
  if ((count.tokens += elements.length) > MAX_EXPANSION_TOKENS) throw new TranscriptionError('expansion too large');
  for (const element of elements) {
    switch (element.kind) {
      case 'group': {
        const children: TokenTree[] = [];
        emit(element.children, bindings, options, children, count);
        out.push({ kind: 'group', delim: element.delim, open: element.open, close: element.close, children, side: 'def' });
        break;
      }
      case 'variable':
        emitVariable(element, bindings, options, out, count);
        break;
      case 'repetition':
        emitRepetition(element, bindings, options, out, count);
        break;
      default:
        out.push({ ...element, side: 'def' });
    }
  }
}

function emitVariable(element: Extract<TranscriberElement, { kind: 'variable' }>, bindings: Bindings, options: TranscribeOptions, out: TokenTree[], count: { tokens: number }): void {
  if (element.name === 'crate') {
    out.push({ kind: 'ident', text: options.crateName, range: element.range, side: 'def' });
    return;
  }
  const match = bindings.get(element.name);
  if (!match) {
    // Not a metavariable of this rule: rustc keeps `$name` as written.
    out.push({ kind: 'punct', text: '$', range: element.range, side: 'def' }, { kind: 'ident', text: element.name, range: element.range, side: 'def' });
    return;
  }
  if (match.kind === 'many') throw new TranscriptionError(`\`$${element.name}\` is still repeating at this depth`);
  count.tokens += match.tokens.length;
  out.push(...opaque(match));
}

/**
 * rustc keeps a matched `expr` as one node (`$e * 2` with `$e` = `1 + 1` is `(1 + 1) * 2`); in text the
 * same grouping needs parentheses. Other fragments read the same without them (and `(T)` would read as a
 * tuple type).
 */
function opaque(match: Extract<Match, { kind: 'one' }>): TokenTree[] {
  const { tokens } = match;
  if (!(match.fragment === 'expr' || match.fragment === 'expr_2021') || tokens.length < 2) return tokens;
  return [{ kind: 'group', delim: '(', open: firstRange(tokens[0]), close: lastRange(tokens.at(-1)!), children: tokens, side: tokens[0].side }];
}

function emitRepetition(element: Extract<TranscriberElement, { kind: 'repetition' }>, bindings: Bindings, options: TranscribeOptions, out: TokenTree[], count: { tokens: number }): void {
  const names = variableNames(element.body).filter((name) => bindings.get(name)?.kind === 'many');
  if (names.length === 0) throw new TranscriptionError('a repetition without a repeating metavariable');
  const lengths = names.map((name) => (bindings.get(name) as Extract<Match, { kind: 'many' }>).items.length);
  if (lengths.some((length) => length !== lengths[0])) throw new TranscriptionError('metavariables repeat a different number of times');
  for (let i = 0; i < lengths[0]; i++) {
    if (i > 0 && element.separator) out.push({ ...element.separator, side: 'def' });
    const inner = new Map(bindings);
    for (const name of names) inner.set(name, (bindings.get(name) as Extract<Match, { kind: 'many' }>).items[i]);
    emit(element.body, inner, options, out, count);
  }
}

function variableNames(elements: readonly TranscriberElement[]): string[] {
  return elements.flatMap((e) => (e.kind === 'variable' ? [e.name] : e.kind === 'group' ? variableNames(e.children) : e.kind === 'repetition' ? variableNames(e.body) : []));
}
