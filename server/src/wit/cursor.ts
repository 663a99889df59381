// Token access for the WIT parser: peeking, expecting, and the recovery that skips a broken item.
import type { Name, SyntaxError } from './ast';
import { identifierProblem, type Span, type Token } from './lexer';

/** Unwinds to the nearest item boundary; never leaves parser.ts. */
export class ParseFailure {
  constructor(
    readonly message: string,
    readonly span: Span,
  ) {}
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the file';
  if (token.kind === 'keyword') return `keyword \`${token.value}\``;
  if (token.kind === 'id') return `\`${token.explicit ? '%' : ''}${token.value}\``;
  return `\`${token.value}\``;
}

export class Cursor {
  index = 0;

  /** Where recovered failures go. */
  constructor(
    readonly tokens: readonly Token[],
    readonly errors: SyntaxError[],
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  is(value: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return (token.kind === 'symbol' || token.kind === 'keyword') && token.value === value;
  }

  /** Consumes `value` when it comes next. */
  eat(value: string): Token | undefined {
    return this.is(value) ? this.next() : undefined;
  }

  expect(value: string, what = `\`${value}\``): Token {
    if (this.is(value)) return this.next();
    throw this.unexpected(what);
  }

  unexpected(expected: string): ParseFailure {
    const token = this.peek();
    return new ParseFailure(`expected ${expected}, found ${describe(token)}`, token.span);
  }

  /** A name: an id (`%` lets it spell a keyword), checked as wit-parser checks it. */
  name(what = 'an identifier'): Name {
    const token = this.peek();
    if (token.kind !== 'id') throw this.unexpected(what);
    this.next();
    const problem = identifierProblem(token.value);
    if (problem) throw new ParseFailure(`invalid identifier \`${token.value}\`: ${problem}`, token.span);
    return { text: token.value, span: token.span };
  }

  /** Where the token before the current one ends (the end of what was just parsed). */
  lastEnd(): number {
    return this.index > 0 ? this.tokens[this.index - 1].span.end : 0;
  }

  /**
   * After a failure in the item that began at `itemStart`: moves past that item (after its `;` or its closing
   * `}`), or stops before the `}` that closes the enclosing block. Always past the failing token or at a block end.
   */
  recover(itemStart: number, failedAt: number): void {
    let depth = 0;
    for (let j = itemStart; j < this.tokens.length; j++) {
      const token = this.tokens[j];
      if (token.kind === 'eof') {
        this.index = j;
        return;
      }
      if (token.kind !== 'symbol') continue;
      if (token.value === '{') depth++;
      else if (token.value === '}') {
        if (depth === 0) {
          this.index = j;
          if (j === itemStart) return;
          return;
        }
        depth--;
        if (depth === 0 && j >= failedAt) {
          this.index = j + 1;
          return;
        }
      } else if (token.value === ';' && depth === 0 && j >= failedAt) {
        this.index = j + 1;
        return;
      }
    }
  }

  /** The token index of a failure's span (the first token starting at or after it). */
  indexAt(offset: number): number {
    let low = 0;
    let high = this.tokens.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.tokens[mid].span.start < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
