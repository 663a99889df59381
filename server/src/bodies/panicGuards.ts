import type { Node, Tree } from 'web-tree-sitter';
import type { CrateModel } from '../crate/crateModel';
import type { Range } from '../engine/types';
import { evaluateIntegerExpression } from '../interface/constExpr';
import { splitTopLevel } from '../syntax/attributes';
import type { CrateFunction } from './callGraph';
import type { BodyFacts, DivisionFact, Expr, IndexFact, MethodCallFact } from './facts';
import { letBefore } from './values';
import { ownCopy } from '../parsing/ownCopy';
import { parseWithBudget } from '../parsing/treeSitter';
import { expandedSource } from '../macros/bodyMap';

/**
 * Why an index or a division in a function cannot panic, for `panics.ts`:
 * - a constant index into a fixed-size array (rustc rejects an out-of-bounds constant at compile time) and a
 *   constant range within the array's length;
 * - a guard in the same function: `if d != 0 { a / d }`, `if d == 0 { return .. }` before it, `if i < v.len()`,
 *   `if v.is_empty() { return }` before `v[0]`, `for i in 0..v.len() { v[i] }`.
 * Guards are read from the function's own tree (parsed only when a site needs it, cached by text).
 */
export interface GuardScope {
  crate: CrateModel;
  target: CrateFunction;
  facts: BodyFacts;
}

const UNSIGNED = /^(u8|u16|u32|u64|u128|usize)$/;

/** Whether indexing can be shown not to panic. */
export function indexCannotPanic(scope: GuardScope, index: IndexFact): boolean {
  const array = arrayLength(scope, index.base);
  if (array !== undefined) {
    if (isConstant(index.index) || constantValue(scope, index.index.text) !== undefined) return true;
    const range = rangeBounds(index.index.text);
    if (range && array !== 'unknown') {
      const bounds = range.map((b) => (b === '' ? 0n : constantValue(scope, b)));
      if (bounds.every((b) => b !== undefined) && bounds.every((b) => b! <= array) && (bounds.length < 2 || bounds[0]! <= bounds[1]!)) return true;
    }
  }
  return guardedBy(scope, index.range, (condition, polarity) => indexGuard(condition, polarity, index.base.text, index.index.text));
}

/**
 * `TLS.with(|cell| *cell.borrow_mut() = v)`: the `RefCell` of a thread-local, borrowed inside the closure of
 * `LocalKey::with` and not held across a call: it can only be borrowed already if the closure re-enters,
 * which a closure that calls nothing of the crate does not.
 */
export function borrowCannotPanic(scope: GuardScope, call: MethodCallFact): boolean {
  const receiver = call.expr.receiver;
  if (receiver.kind !== 'path' || receiver.segments.length !== 1) return false;
  const located = nodeAt(scope, call.expr.range);
  if (!located) return false;
  let closure: Node | null = located.node;
  while (closure && closure.type !== 'closure_expression') closure = closure.parent;
  const args = closure?.parent;
  const method = args?.type === 'arguments' ? args.parent?.childForFieldName('function') : null;
  if (!closure || method?.type !== 'field_expression' || method.childForFieldName('field')?.text !== 'with') return false;
  const params = closure.childForFieldName('parameters')?.text ?? '';
  if (!new RegExp(`^\\|\\s*${receiver.segments[0]}\\s*(?::[^|]*)?\\|$`).test(params)) return false;
  const body = closure.childForFieldName('body')?.text ?? '';
  // Only the borrow itself and plain values: no call that could come back and borrow again.
  return !/\b(?!borrow_mut\b|borrow\b|Some\b|take\b|replace\b|clone\b)[a-z_]\w*\s*\(/.test(body);
}

/** `x.unwrap()` after `if x.is_none() { return .. }`, or inside `if x.is_some() { .. }` (`is_err`/`is_ok` for results). */
export function unwrapCannotPanic(scope: GuardScope, call: MethodCallFact): boolean {
  const receiver = compact(call.expr.receiver.text);
  if (!/^[A-Za-z_][\w.]*$/.test(receiver) || /\(/.test(receiver)) return false;
  const r = escape(receiver);
  const unwrapsErr = /_err$/.test(call.expr.method);
  const [good, bad] = unwrapsErr ? ['is_err', 'is_ok'] : ['(?:is_some|is_ok)', '(?:is_none|is_err)'];
  return guardedBy(scope, call.expr.range, (condition, polarity) =>
    polarity ? conjuncts(condition).some((c) => new RegExp(`^(?:${r}\\.${good}\\(\\)|!${r}\\.${bad}\\(\\))$`).test(c)) : disjuncts(condition).some((c) => new RegExp(`^(?:${r}\\.${bad}\\(\\)|!${r}\\.${good}\\(\\))$`).test(c)),
  );
}

/** Whether the divisor is known non-zero here: a guard, `size_of`, `.max(1)`. */
export function divisionCannotPanic(scope: GuardScope, division: DivisionFact): boolean {
  const divisor = division.right;
  if (divisor.kind === 'call' && /^(size_of|align_of|size_of_val|align_of_val)$/.test(divisor.callee[divisor.callee.length - 1])) return true;
  if (divisor.kind === 'method' && divisor.method === 'max' && divisor.args.length === 1 && /^[1-9][\d_]*(?:[iu](?:8|16|32|64|128|size))?$/.test(divisor.args[0].text.trim())) return true;
  const value = isConstant(divisor) ? constantValue(scope, divisor.text) : undefined;
  if (value !== undefined && value !== 0n) return true;
  return guardedBy(scope, division.range, (condition, polarity) => zeroGuard(condition, polarity, compact(divisor.text)));
}

/** Whether the division is known to be on unsigned integers (it can then never overflow). */
export function isUnsignedDivision(scope: GuardScope, division: DivisionFact): boolean {
  return [division.left, division.right].some((operand) => {
    const type = operandType(scope, operand);
    return type !== undefined && UNSIGNED.test(type);
  });
}

/**
 * Float division never panics (it gives an infinity or NaN). Rust divides only like types, so one operand
 * known to be `f32`/`f64` (a parameter, a typed or float-valued local, `f64::from(..)`, a float literal or cast)
 * makes the division a float one.
 */
export function isFloatDivision(scope: GuardScope, division: DivisionFact): boolean {
  return [division.left, division.right].some((operand) => {
    const type = operandType(scope, operand);
    return type !== undefined && FLOAT.test(type);
  });
}

const FLOAT = /^f(?:32|64)$/;

function operandType(scope: GuardScope, operand: Expr): string | undefined {
  if (operand.kind === 'cast') return operand.type.trim();
  if (operand.kind === 'literal') {
    // `0x1f32` is a hexadecimal integer whose digits end in f32, not a float.
    if (/^0[xob]/i.test(operand.text)) return /([iu](?:8|16|32|64|128|size))$/.exec(operand.text)?.[1];
    return /([iu](?:8|16|32|64|128|size)|f32|f64)$/.exec(operand.text)?.[1] ?? (/^\d[\d_]*(?:\.\d|[eE])/.test(operand.text) ? 'f64' : undefined);
  }
  // `f64::from(x)`, `f32::from_bits(b)`, `f64::max(a, b)`: associated functions of a float type return it.
  if (operand.kind === 'call' && operand.callee.length === 2 && FLOAT.test(operand.callee[0]) && !/^(?:to_|is_)/.test(operand.callee[1])) return operand.callee[0];
  if (operand.kind === 'method' && /^(len|count|capacity)$/.test(operand.method)) return 'usize';
  if (operand.kind === 'call' && /^(size_of|align_of)$/.test(operand.callee[operand.callee.length - 1])) return 'usize';
  if (operand.kind === 'path' && operand.segments.length === 1) {
    const name = operand.segments[0];
    const binding = letBefore(scope.facts, name, operand.range.start);
    if (binding) return binding.type?.trim() ?? (binding.value ? operandType(scope, binding.value) : undefined);
    return scope.facts.params.find((p) => p.name === name)?.type.trim();
  }
  return undefined;
}

function isConstant(expr: Expr): boolean {
  if (expr.kind === 'literal') return /^\d/.test(expr.text);
  return expr.kind === 'path' && /^[A-Z][A-Z0-9_]*$/.test(expr.segments[expr.segments.length - 1]);
}

/** `a..b`, `..b`, `a..`, `a..=b` → the bounds as exclusive ends (`a..=b` → `b + 1`); undefined if not a range. */
function rangeBounds(text: string): string[] | undefined {
  const match = /^\s*([^.]*?)\s*\.\.(=?)\s*([^.]*?)\s*$/.exec(text);
  if (!match) return undefined;
  const [, from, inclusive, to] = match;
  if (to === '') return [from];
  return [from, inclusive ? `(${to}) + 1` : to];
}

/** The value of an integer constant expression, with the crate's `const`s. */
function constantValue(scope: GuardScope, text: string): bigint | undefined {
  return evaluateIntegerExpression(text.replace(/\b(\d+)(?:[iu](?:8|16|32|64|128|size))\b/g, '$1'), (name) => crateConst(scope.crate, name.split('::').pop() ?? name, 0));
}

function crateConst(crate: CrateModel, name: string, depth: number): bigint | undefined {
  if (depth > 4) return undefined;
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if ((item.kind !== 'const' && item.kind !== 'static') || item.name !== name) continue;
      const text = crate.files.get(module.file)?.text;
      const lines = crate.files.get(module.file)?.lines;
      if (!text || !lines) return undefined;
      const itemText = text.slice(lines.offsetAt(item.range.start), lines.offsetAt(item.range.end));
      const value = /=\s*([\s\S]*?);?\s*$/.exec(itemText)?.[1];
      return value ? evaluateIntegerExpression(value.replace(/\b(\d+)(?:[iu](?:8|16|32|64|128|size))\b/g, '$1'), (n) => crateConst(crate, n, depth + 1)) : undefined;
    }
  }
  return undefined;
}

/** Length of the fixed-size array `base` is (`unknown` when it is one of unknown length), or undefined if it is not known to be an array. */
function arrayLength(scope: GuardScope, base: Expr): bigint | 'unknown' | undefined {
  const type = baseType(scope, base);
  if (type === undefined) return undefined;
  const array = arrayOf(scope.crate, type, 0);
  if (array === undefined) return undefined;
  return constantValue(scope, array) ?? 'unknown';
}

/** The length expression of `[T; N]` (through references, pointers and type aliases of the crate). */
function arrayOf(crate: CrateModel, typeText: string, depth: number): string | undefined {
  const type = typeText.trim().replace(/^(?:&\s*(?:'\w+\s+)?(?:mut\s+)?|\*\s*(?:const|mut)\s+)+/, '').trim();
  if (type.startsWith('[') && type.endsWith(']')) {
    const parts = splitTopLevel(type.slice(1, -1).replace(/;/, ',\u0000'));
    const length = parts.find((p) => p.startsWith('\u0000'));
    return length ? length.slice(1).trim() : undefined;
  }
  if (depth > 3 || !/^[A-Za-z_][\w:]*$/.test(type)) return undefined;
  const name = type.split('::').pop()!;
  for (const module of crate.modules) {
    for (const item of module.syntax.items) if (item.kind === 'typeAlias' && item.name === name && item.target) return arrayOf(crate, item.target.text, depth + 1);
  }
  return undefined;
}

/** The declared type of a local, parameter, `*p` or field of a crate struct, as text. */
function baseType(scope: GuardScope, base: Expr): string | undefined {
  const { facts } = scope;
  if (base.kind === 'deref') return baseType(scope, base.value);
  if (base.kind === 'path' && base.segments.length === 1) {
    const name = base.segments[0];
    const binding = letBefore(facts, name, base.range.start);
    if (binding) {
      if (binding.type) return binding.type;
      const value = binding.value?.text.trim() ?? '';
      const repeat = /^\[[\s\S]*;\s*([^\]]+)\]$/.exec(value);
      if (repeat && binding.value?.kind === 'other') return `[_; ${repeat[1]}]`;
      if (/^\[[\s\S]*\]$/.test(value) && binding.value?.kind === 'other') return `[_; ${splitTopLevel(value.slice(1, -1)).length}]`;
      return undefined;
    }
    return facts.params.find((p) => p.name === name)?.type;
  }
  if (base.kind === 'field') {
    const owner = base.value.kind === 'path' && base.value.text === 'self' ? scope.target.fn.selfType?.text : baseType(scope, base.value);
    const struct = owner ? structNamed(scope.crate, owner) : undefined;
    return struct?.fields.find((f) => f.name === base.field)?.type.text;
  }
  return undefined;
}

function structNamed(crate: CrateModel, typeText: string) {
  const name = typeText.replace(/^(?:&\s*(?:'\w+\s+)?(?:mut\s+)?|\*\s*(?:const|mut)\s+)+/, '').replace(/<[\s\S]*$/, '').trim().split('::').pop();
  const found = crate.modules.flatMap((m) => m.syntax.items).filter((i) => i.kind === 'struct' && i.name === name);
  return found.length === 1 && found[0].kind === 'struct' ? found[0] : undefined;
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * Whether a condition protects the site: `polarity` true when the site runs only if `condition` holds (an
 * enclosing `if` branch), false when it runs only if `condition` does not hold (the `else` branch, or after
 * `if condition { return }`).
 */
export type Guard = (condition: string, polarity: boolean) => boolean;

/** `d != 0`, `d > 0`, `0 < d`, `d >= 1` (in an `&&` chain) when it holds; `d == 0` (in an `||` chain) when it does not. */
function zeroGuard(condition: string, polarity: boolean, divisor: string): boolean {
  const d = escape(divisor);
  const zero = '0(?:[iu](?:8|16|32|64|128|size))?';
  if (polarity) return conjuncts(condition).some((c) => new RegExp(`^(?:${d}(?:!=|>)${zero}|${zero}(?:!=|<)${d}|${d}>=1)$`).test(c));
  return disjuncts(condition).some((c) => new RegExp(`^(?:${d}==${zero}|${zero}==${d}|${d}<1|${d}<=${zero})$`).test(c));
}

/** `i < v.len()`, `!v.is_empty()` for `v[0]`, `v.len() > N` for a literal index below N, `m.contains_key(&k)` for `m[&k]`. */
function indexGuard(condition: string, polarity: boolean, baseText: string, indexText: string): boolean {
  const b = escape(compact(baseText));
  const i = escape(compact(indexText));
  const literal = /^\d+$/.test(compact(indexText)) ? BigInt(compact(indexText)) : undefined;
  const len = `${b}\\.len\\(\\)`;
  if (polarity) {
    return conjuncts(condition).some((c) => {
      if (new RegExp(`^(?:${i}<${len}|${len}>${i}|${b}\\.contains_key\\(${i}\\)|${b}\\.contains_key\\(&${i}\\))$`).test(c)) return true;
      if (literal === 0n && new RegExp(`^!${b}\\.is_empty\\(\\)$`).test(c)) return true;
      const atLeast = new RegExp(`^${len}(>=|>)(\\d+)$`).exec(c);
      return literal !== undefined && atLeast !== null && (atLeast[1] === '>' ? literal <= BigInt(atLeast[2]) : literal < BigInt(atLeast[2]));
    });
  }
  return disjuncts(condition).some((c) => {
    if (new RegExp(`^(?:${i}>=${len}|${len}<=${i}|!${b}\\.contains_key\\(&?${i}\\))$`).test(c)) return true;
    if (literal === 0n && new RegExp(`^${b}\\.is_empty\\(\\)$`).test(c)) return true;
    const below = new RegExp(`^${len}(<=|<)(\\d+)$`).exec(c);
    return literal !== undefined && below !== null && (below[1] === '<' ? literal < BigInt(below[2]) : literal < BigInt(below[2]) + 1n);
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Top-level parts of `a && b && c` (spaces removed); a condition with `||` at top level is one part. */
function conjuncts(condition: string): string[] {
  const text = compact(stripParens(condition));
  // `||` binds looser than `&&`: a disjunction at the top promises none of its parts.
  return splitOperator(text, '||').length > 1 ? [text] : splitOperator(text, '&&').map(stripParens);
}

function disjuncts(condition: string): string[] {
  return splitOperator(compact(stripParens(condition)), '||').map(stripParens);
}

function stripParens(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function splitOperator(text: string, operator: '&&' | '||'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (depth === 0 && text.startsWith(operator, i)) {
      parts.push(text.slice(start, i));
      start = i + 2;
      i++;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Whether an enclosing `if`, an early exit before the site, or a `for i in 0..v.len()` loop guards it. */
export function guardedBy(scope: GuardScope, siteRange: Range, guard: Guard): boolean {
  const located = nodeAt(scope, siteRange);
  if (!located) return false;
  const { node, text } = located;
  for (let child: Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'if_expression') {
      const condition = parent.childForFieldName('condition');
      const consequence = parent.childForFieldName('consequence');
      const alternative = parent.childForFieldName('alternative');
      if (condition && condition.type !== 'let_condition' && condition.type !== 'let_chain') {
        const conditionText = text.slice(condition.startIndex, condition.endIndex);
        if (consequence && child.id === consequence.id && guard(conditionText, true)) return true;
        if (alternative && child.id === alternative.id && guard(conditionText, false)) return true;
      }
    }
    if (parent.type === 'for_expression' && child.id === parent.childForFieldName('body')?.id) {
      const pattern = parent.childForFieldName('pattern');
      const value = parent.childForFieldName('value');
      const range = value ? /^(?:0\s*)?\.\.\s*([\s\S]+)$/.exec(text.slice(value.startIndex, value.endIndex)) : null;
      if (pattern && range && guard(`${text.slice(pattern.startIndex, pattern.endIndex)} < ${range[1]}`, true)) return true;
    }
    if (parent.type === 'block') {
      for (const statement of parent.namedChildren) {
        if (!statement || statement.startIndex >= child.startIndex) break;
        const early = statement.type === 'expression_statement' ? statement.namedChildren[0] : statement;
        if (early?.type !== 'if_expression' || early.childForFieldName('alternative')) continue;
        const condition = early.childForFieldName('condition');
        const consequence = early.childForFieldName('consequence');
        if (condition && consequence && diverges(consequence) && guard(text.slice(condition.startIndex, condition.endIndex), false)) return true;
      }
    }
    if (parent.type === 'closure_expression' || parent.type === 'function_item') break;
  }
  return false;
}

/** A block that never falls through: its last statement returns, breaks, continues or panics. */
function diverges(block: Node): boolean {
  const statements = block.namedChildren.filter((c): c is Node => c !== null && !c.type.endsWith('comment'));
  const last = statements[statements.length - 1];
  const expr = last?.type === 'expression_statement' ? last.namedChildren[0] : last;
  if (!expr) return false;
  if (/^(return_expression|break_expression|continue_expression)$/.test(expr.type)) return true;
  if (expr.type === 'macro_invocation') return /^(panic|unreachable|todo|unimplemented)$/.test(expr.childForFieldName('macro')?.text.split('::').pop() ?? '');
  return false;
}

/**
 * Function text → its tree; few entries: only functions with an index or division site not cleared otherwise
 * are parsed. Key and parse get their own copy of the text (see ownCopy): a slice would keep the whole file
 * version alive for as long as the entry lives.
 */
const trees = new Map<string, { tree: Tree; text: string } | null>();
const MAX_TREES = 64;

export function nodeAt(scope: GuardScope, siteRange: Range): { node: Node; text: string } | undefined {
  const { crate, target } = scope;
  const parsed = crate.files.get(target.file);
  if (!parsed || !target.fn.hasBody) return undefined;
  // A function read with its workspace macro calls expanded: its facts are positions of the expanded text.
  const expanded = expandedSource(crate, target.file, target.fn.range.start);
  const sliced = expanded?.text ?? parsed.text.slice(target.fn.startOffset, target.fn.endOffset);
  let entry = trees.get(sliced);
  if (entry === undefined) {
    const own = ownCopy(sliced);
    const tree = parseWithBudget(parsed.parser, own);
    // null: over the parse budget (pathological text), remembered so that it is not parsed again.
    entry = tree ? { tree, text: own } : null;
    trees.set(own, entry);
    if (trees.size > MAX_TREES) {
      const oldest = trees.keys().next().value as string;
      trees.get(oldest)?.tree.delete();
      trees.delete(oldest);
    }
  }
  if (!entry) return undefined;
  // Offsets through the file's line index, not tree-sitter rows: those count only `\n`, the index also a lone CR.
  const start = expanded ? expanded.offsetOf(siteRange.start) : parsed.lines.offsetAt(siteRange.start) - target.fn.startOffset;
  const end = expanded ? expanded.offsetOf(siteRange.end) : parsed.lines.offsetAt(siteRange.end) - target.fn.startOffset;
  if (start < 0 || end > sliced.length) return undefined;
  const node = entry.tree.rootNode.descendantForIndex(start, end);
  return node ? { node, text: entry.text } : undefined;
}
