// The tokenizer of the WIT parser (see parser.ts for why it is hand-written). One pass over the text, no
// backtracking: linear time. Comments are trivia; doc comments are kept on the next token for hover later.

/** Half-open UTF-16 offsets into the file's text. */
export interface Span {
  start: number;
  end: number;
}

export type TokenKind = 'id' | 'keyword' | 'symbol' | 'version' | 'integer' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The name without a leading `%` for ids; the text otherwise. */
  value: string;
  span: Span;
  /** `%name`: an explicit id, which may spell a keyword. */
  explicit?: boolean;
}

export interface LexError {
  message: string;
  span: Span;
}

/** The words wit-parser reserves: a name that spells one must be written `%name`. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'use', 'type', 'func', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'record', 'resource',
  'own', 'borrow', 'flags', 'variant', 'enum', 'bool', 'string', 'option', 'result', 'future', 'stream', 'error-context',
  'list', 'tuple', 'as', 'from', 'static', 'interface', 'import', 'export', 'world', 'package', 'constructor', 'include',
  'with', 'async', 'map',
]);

const SYMBOLS = new Set(['=', ',', ':', ';', '(', ')', '{', '}', '<', '>', '*', '/', '.', '@', '_']);
const SEMVER = /\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?/y;

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isIdContinue(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57) || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Every token of `text` (ending with one `eof`), and the characters that are not WIT. */
export function tokenize(text: string): { tokens: Token[]; errors: LexError[] } {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      // Block comments nest in WIT.
      const start = i;
      let depth = 0;
      while (i < n) {
        if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) {
          depth++;
          i += 2;
        } else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      if (depth > 0) errors.push({ message: 'unterminated block comment: close it with `*/`', span: { start, end: Math.min(start + 2, n) } });
      continue;
    }
    if (isIdStart(c) || (c === 37 && isIdStart(text.charCodeAt(i + 1)))) {
      const explicit = c === 37;
      const start = i;
      i += explicit ? 2 : 1;
      while (i < n && isIdContinue(text.charCodeAt(i))) i++;
      const word = text.slice(explicit ? start + 1 : start, i);
      const keyword = !explicit && KEYWORDS.has(word);
      const token: Token = { kind: keyword ? 'keyword' : 'id', value: word, span: { start, end: i } };
      if (explicit) token.explicit = true;
      tokens.push(token);
      continue;
    }
    if (isDigit(c)) {
      SEMVER.lastIndex = i;
      const version = SEMVER.exec(text);
      const start = i;
      if (version) i += version[0].length;
      else while (i < n && isDigit(text.charCodeAt(i))) i++;
      tokens.push({ kind: version ? 'version' : 'integer', value: text.slice(start, i), span: { start, end: i } });
      continue;
    }
    if (c === 45 && text.charCodeAt(i + 1) === 62) {
      tokens.push({ kind: 'symbol', value: '->', span: { start: i, end: i + 2 } });
      i += 2;
      continue;
    }
    const ch = text[i];
    if (SYMBOLS.has(ch)) {
      tokens.push({ kind: 'symbol', value: ch, span: { start: i, end: i + 1 } });
      i++;
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    errors.push({ message: `unexpected character ${JSON.stringify(text.slice(i, i + width))}: WIT has no such token`, span: { start: i, end: i + width } });
    i += width;
  }
  tokens.push({ kind: 'eof', value: '', span: { start: n, end: n } });
  return { tokens, errors };
}

/** The common case without allocating: lower-case words (or upper-case ones) of letters and digits, one `-` between. */
function isPlainIdentifier(name: string): boolean {
  if (name.length === 0 || !isIdStart(name.charCodeAt(0))) return false;
  let wordCase = 0; // 0: not known yet in this word, 1: lower, 2: upper
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 45) {
      if (i === name.length - 1 || name.charCodeAt(i + 1) === 45) return false;
      wordCase = 0;
    } else if (c >= 97 && c <= 122) {
      if (wordCase === 2) return false;
      wordCase = 1;
    } else if (c >= 65 && c <= 90) {
      if (wordCase === 1) return false;
      wordCase = 2;
    }
  }
  return true;
}

/** What wit-parser checks of a name: kebab-case words, each all lower or all upper case (digits anywhere but first). */
export function identifierProblem(name: string): string | undefined {
  if (isPlainIdentifier(name)) return undefined;
  if (name.length === 0) return 'an empty name';
  const words = name.split('-');
  if (words.some((w) => w.length === 0)) return 'identifiers must have characters between `-`s (no leading, trailing or doubled `-`)';
  if (!isIdStart(name.charCodeAt(0))) return 'an identifier starts with a letter';
  for (const word of words) {
    const letters = word.replace(/[0-9]/g, '');
    if (letters !== letters.toLowerCase() && letters !== letters.toUpperCase()) return `a word of an identifier is either all lower case or all upper case (\`${word}\`)`;
  }
  return undefined;
}
