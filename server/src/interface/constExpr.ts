// Integer constant expressions as C (`#if`, enumerator values, `#define`) and Rust (enum discriminants, consts)
// write them. Hand-written: no maintained npm package evaluates C preprocessor/constant expressions.

/** What an identifier stands for; `undefined` when it is not known (the whole expression is then unknown). */
export type NameLookup = (name: string) => bigint | undefined;

export interface EvaluateOptions {
  /** `#if` semantics: `defined X` is allowed and unknown identifiers are 0. */
  preprocessor?: { isDefined(name: string): boolean };
}

type Token = { kind: 'num'; value: bigint } | { kind: 'id'; name: string } | { kind: 'op'; op: string };

const OPERATORS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '::', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '(', ')', '?', ':'];
/** Type names a cast may name: `(uint32_t)3`, `(int)X`, `3 as u32`. */
const CAST_WORDS = /^(?:unsigned|signed|int|long|short|char|const|u?int(?:8|16|32|64|ptr|max)_t|size_t|ssize_t|[iu](?:8|16|32|64|128|size))$/;

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^(?:\s+|\/\/.*|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const number = /^(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|\d[\d_]*)([uUlLiz0-9_]*|size)?/.exec(rest);
    if (number) {
      const digits = number[0].slice(0, number[0].length - (number[1]?.length ?? 0)).replace(/_/g, '');
      const octal = /^0\d+$/.test(digits);
      try {
        tokens.push({ kind: 'num', value: octal ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits) });
      } catch {
        return undefined;
      }
      i += number[0].length;
      continue;
    }
    const char = /^b?'(\\?.)'/.exec(rest);
    if (char) {
      tokens.push({ kind: 'num', value: BigInt(charValue(char[1])) });
      i += char[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (word) {
      tokens.push({ kind: 'id', name: word[0] });
      i += word[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (!op) return undefined;
    tokens.push({ kind: 'op', op });
    i += op.length;
  }
  return tokens;
}

function charValue(body: string): number {
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '0': 0, '\\': 92, "'": 39 };
  return body.startsWith('\\') ? (escapes[body[1]] ?? body.charCodeAt(1)) : body.charCodeAt(0);
}

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};

class Unknown extends Error {}

/** The value of `text`, or undefined when it is not an integer constant expression we can evaluate. */
export function evaluateIntegerExpression(text: string, lookup: NameLookup, options: EvaluateOptions = {}): bigint | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (op: string) => {
    const t = peek();
    return t?.kind === 'op' && t.op === op;
  };
  const expect = (op: string) => {
    if (!isOp(op)) throw new Unknown();
    pos++;
  };

  const primary = (): bigint => {
    const t = tokens[pos++];
    if (!t) throw new Unknown();
    if (t.kind === 'num') return t.value;
    if (t.kind === 'id') {
      if (t.name === 'defined' && options.preprocessor) {
        const parenthesized = isOp('(');
        if (parenthesized) pos++;
        const name = tokens[pos++];
        if (name?.kind !== 'id') throw new Unknown();
        if (parenthesized) expect(')');
        return options.preprocessor.isDefined(name.name) ? 1n : 0n;
      }
      // Rust paths such as `Self::A` or `Kind::B`: the last segment names the value.
      let name = t.name;
      while (isOp('::') && tokens[pos + 1]?.kind === 'id') {
        name = (tokens[pos + 1] as { name: string }).name;
        pos += 2;
      }
      if (name === 'true') return 1n;
      if (name === 'false') return 0n;
      const value = lookup(name);
      if (value !== undefined) return value;
      if (options.preprocessor) return 0n;
      throw new Unknown();
    }
    if (t.op === '(') {
      // A cast: `(uint32_t)X`, `(unsigned int)X`.
      let look = pos;
      while (tokens[look]?.kind === 'id' && CAST_WORDS.test((tokens[look] as { name: string }).name)) look++;
      if (look > pos && tokens[look]?.kind === 'op' && (tokens[look] as { op: string }).op === ')') {
        pos = look + 1;
        return unary();
      }
      const value = ternary();
      expect(')');
      return value;
    }
    throw new Unknown();
  };

  const postfix = (): bigint => {
    let value = primary();
    // Rust `X as u32`.
    while (peek()?.kind === 'id' && (peek() as { name: string }).name === 'as' && tokens[pos + 1]?.kind === 'id') {
      pos += 2;
      value = BigInt.asIntN(64, value);
    }
    return value;
  };

  const unary = (): bigint => {
    const t = peek();
    if (t?.kind === 'op' && ['-', '+', '~', '!'].includes(t.op)) {
      pos++;
      const value = unary();
      if (t.op === '-') return -value;
      if (t.op === '+') return value;
      if (t.op === '~') return ~value;
      return value === 0n ? 1n : 0n;
    }
    return postfix();
  };

  const binary = (minPrecedence: number): bigint => {
    let left = unary();
    for (;;) {
      const t = peek();
      const precedence = t?.kind === 'op' ? BINARY[t.op] : undefined;
      if (precedence === undefined || precedence < minPrecedence) return left;
      pos++;
      const right = binary(precedence + 1);
      left = apply((t as { op: string }).op, left, right);
    }
  };

  const ternary = (): bigint => {
    const condition = binary(1);
    if (!isOp('?')) return condition;
    pos++;
    const whenTrue = ternary();
    expect(':');
    const whenFalse = ternary();
    return condition !== 0n ? whenTrue : whenFalse;
  };

  try {
    const value = ternary();
    return pos === tokens.length ? value : undefined;
  } catch (error) {
    if (error instanceof Unknown || error instanceof RangeError) return undefined;
    throw error;
  }
}

function apply(op: string, a: bigint, b: bigint): bigint {
  const truth = (x: boolean) => (x ? 1n : 0n);
  switch (op) {
    case '||': return truth(a !== 0n || b !== 0n);
    case '&&': return truth(a !== 0n && b !== 0n);
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return truth(a === b);
    case '!=': return truth(a !== b);
    case '<': return truth(a < b);
    case '>': return truth(a > b);
    case '<=': return truth(a <= b);
    case '>=': return truth(a >= b);
    case '<<': return a << b;
    case '>>': return a >> b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': if (b === 0n) throw new Unknown(); return a / b;
    case '%': if (b === 0n) throw new Unknown(); return a % b;
    default: throw new Unknown();
  }
}
