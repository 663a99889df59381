// Whether an export checks a raw pointer parameter for null before any use, read from the function's own tree:
// only then may the loader pass NULL for it. What counts as a check (anything else that names the parameter is a
// use, so an unrecognised form means "do not pass NULL"):
// - `if p.is_null() { return ..; }` (or `p == ptr::null()`, one of several `||` conditions) before any use;
// - `let Some(x) = p.as_ref() else { return .. };` (`as_mut`, `NonNull::new(p)`), in `unsafe { }` or not;
// - `if let Some(x) = p.as_mut() { .. }`, `if !p.is_null() { .. }`, `match p.as_ref() { Some(..) => .., None => .. }`
//   with no use after them and none in the branch where it is null;
// - the same inside a block, an `unsafe` block or the closure handed to `catch_unwind`;
// - a parameter the body never names.
import type { Node } from 'web-tree-sitter';
import type { CrateModel } from '../crate/crateModel';
import { parseWithBudget } from '../parsing/treeSitter';
import type { FunctionItem } from '../syntax/items';

/**
 * `unused`: no statement names it. `guarded`: a check that returns when it is null ran first: anything after is
 * safe. `contained`: every use so far sits where it is known non-null, and it must not be named again after.
 * `unsafe`: a use that may see NULL, or a form not recognised.
 */
type Verdict = 'unused' | 'guarded' | 'contained' | 'unsafe';

/** The parameters among `names` that `fn` checks for null before any use (empty when the body cannot be read). */
export function nullCheckedParams(crate: CrateModel, fn: FunctionItem, file: string, names: readonly string[]): Set<string> {
  const checked = new Set<string>();
  const parsed = crate.files.get(file);
  if (!parsed || !fn.hasBody || names.length === 0) return checked;
  const tree = parseWithBudget(parsed.parser, parsed.text.slice(fn.startOffset, fn.endOffset));
  if (!tree) return checked;
  try {
    const node = tree.rootNode.namedChildren.find((c) => c?.type === 'function_item');
    const body = node?.childForFieldName('body');
    if (!node || !body || node.hasError) return checked;
    for (const name of names) {
      const verdict = scanBlock(body, name);
      if (verdict !== 'unsafe') checked.add(name);
    }
  } finally {
    tree.delete();
  }
  return checked;
}

const named = (node: Node): Node[] => node.namedChildren.filter((c): c is Node => c !== null && !c.type.endsWith('comment'));

/** Whether `node` names `p` anywhere (a use, a shadowing `let`, a macro argument): anything but a field name. */
function mentions(node: Node, p: string): boolean {
  if ((node.type === 'identifier' || node.type === 'shorthand_field_identifier') && node.text === p) return true;
  for (const child of node.children) if (child && mentions(child, p)) return true;
  return false;
}

function scanBlock(block: Node, p: string): Verdict {
  let state: Verdict = 'unused';
  for (const statement of named(block)) {
    if (!mentions(statement, p)) continue;
    if (state === 'contained') return 'unsafe';
    const verdict = scanStatement(statement, p);
    if (verdict === 'guarded' || verdict === 'unsafe') return verdict;
    state = verdict;
  }
  return state;
}

function scanStatement(statement: Node, p: string): Verdict {
  if (statement.type === 'let_declaration') return scanLet(statement, p);
  const expr = statement.type === 'expression_statement' ? named(statement)[0] : statement;
  return expr ? scanExpression(expr, p) : 'unsafe';
}

function scanExpression(expr: Node, p: string): Verdict {
  const e = unwrap(expr);
  switch (e.type) {
    case 'if_expression':
      return scanIf(e, p);
    case 'match_expression':
      return scanMatch(e, p);
    case 'block':
      return scanBlock(e, p);
    default:
      return scanCatchUnwind(e, p);
  }
}

/** `let Some(x) = p.as_ref() else { return };`, or a `let` whose value is a guarded `catch_unwind`. */
function scanLet(statement: Node, p: string): Verdict {
  const pattern = statement.childForFieldName('pattern');
  const value = statement.childForFieldName('value');
  const alternative = statement.childForFieldName('alternative');
  if (!pattern || !value) return 'unsafe';
  if (alternative) {
    // `let Some(p) = p.as_ref() else { return }` may shadow it: from here on it is checked either way.
    if (isSomePattern(pattern) && isConversion(value, p) && !mentions(alternative, p) && returns(alternative)) return 'guarded';
    return 'unsafe';
  }
  if (mentions(pattern, p)) return 'unsafe';
  return scanCatchUnwind(unwrap(value), p);
}

function scanIf(e: Node, p: string): Verdict {
  const condition = e.childForFieldName('condition');
  const consequence = e.childForFieldName('consequence');
  const alternative = elseBlock(e);
  if (!condition || !consequence || alternative === 'unreadable') return 'unsafe';
  const other = alternative ?? undefined;
  if (condition.type === 'let_condition') {
    const pattern = condition.childForFieldName('pattern');
    const value = condition.childForFieldName('value');
    // `Some(p)` may shadow it: inside, either one is not null.
    if (!pattern || !value || !isSomePattern(pattern) || !isConversion(value, p)) return 'unsafe';
    // Non-null inside `consequence`; the `else` runs when it is null.
    if (other && mentions(other, p)) return 'unsafe';
    return 'contained';
  }
  if (!mentions(condition, p)) {
    const branches = [scanBlock(consequence, p), other ? branchVerdict(other, p) : 'unused'];
    if (branches.includes('unsafe')) return 'unsafe';
    // Checked in every branch (with an `else`): checked after the `if` too.
    if (other && branches.every((b) => b === 'guarded')) return 'guarded';
    return 'contained';
  }
  const nullWhen = testedNull(condition, p);
  if (nullWhen === 'taken') {
    // `if p.is_null() { return .. }`: the consequence sees NULL, the `else` (and what follows, when it returns) does not.
    if (mentions(consequence, p)) return 'unsafe';
    return returns(consequence) ? 'guarded' : 'contained';
  }
  if (nullWhen === 'not-taken') {
    // `if !p.is_null() { .. } else { return .. }`
    if (other && mentions(other, p)) return 'unsafe';
    return other && returns(other) ? 'guarded' : 'contained';
  }
  return 'unsafe';
}

/** The `else` of an `if`: its block, an `else if` (scanned as a statement), none, or something else. */
function elseBlock(e: Node): Node | undefined | 'unreadable' {
  const clause = e.childForFieldName('alternative');
  if (!clause) return undefined;
  const inner = named(clause)[0];
  return inner && (inner.type === 'block' || inner.type === 'if_expression') ? inner : 'unreadable';
}

function branchVerdict(branch: Node, p: string): Verdict {
  return branch.type === 'block' ? scanBlock(branch, p) : scanExpression(branch, p);
}

/** `match p.as_ref() { Some(x) => .., None => .. }`: the `None` arm (and any guard) must not name it. */
function scanMatch(e: Node, p: string): Verdict {
  const value = e.childForFieldName('value');
  const body = e.childForFieldName('body');
  if (!value || !body || !isConversion(value, p)) return 'unsafe';
  for (const arm of named(body)) {
    if (arm.type !== 'match_arm') return 'unsafe';
    const pattern = arm.childForFieldName('pattern');
    if (!pattern) return 'unsafe';
    const some = isSomePattern(named(pattern)[0] ?? pattern);
    if (!some && mentions(arm, p)) return 'unsafe';
  }
  return 'contained';
}

/**
 * `catch_unwind(|| { .. })` (through `AssertUnwindSafe`, with `.unwrap_or(..)` & co. after it): the closure runs
 * once, right there, so it is scanned as a block; every mention must be inside it.
 */
function scanCatchUnwind(e: Node, p: string): Verdict {
  let call = e;
  while (call.type === 'call_expression' && call.childForFieldName('function')?.type === 'field_expression') {
    const receiver = call.childForFieldName('function')!.childForFieldName('value');
    const args = call.childForFieldName('arguments');
    if (!receiver || (args && mentions(args, p))) return 'unsafe';
    call = unwrap(receiver);
  }
  if (call.type !== 'call_expression' || lastSegment(call.childForFieldName('function')) !== 'catch_unwind') return 'unsafe';
  const args = named(call.childForFieldName('arguments') ?? call);
  if (args.length !== 1) return 'unsafe';
  let closure = args[0];
  if (closure.type === 'call_expression' && lastSegment(closure.childForFieldName('function')) === 'AssertUnwindSafe') {
    const inner = named(closure.childForFieldName('arguments') ?? closure);
    if (inner.length !== 1) return 'unsafe';
    closure = inner[0];
  }
  if (closure.type !== 'closure_expression') return 'unsafe';
  const params = closure.childForFieldName('parameters');
  const body = closure.childForFieldName('body');
  if (!body || (params && mentions(params, p))) return 'unsafe';
  const verdict = body.type === 'block' ? scanBlock(body, p) : scanExpression(body, p);
  // A `return` in the closure leaves only the closure: nothing after the call is known checked.
  return verdict === 'unsafe' ? 'unsafe' : 'contained';
}

/** Whether the condition is true when `p` is null (`taken`), false when it is (`not-taken`), or neither is known. */
function testedNull(condition: Node, p: string): 'taken' | 'not-taken' | undefined {
  const c = unwrap(condition);
  // `a || p.is_null() || f(p)`: the operands before the test must not name `p`; those after run only when it is not null.
  const any = operands(c, '||');
  const atAny = any.findIndex((o) => mentions(o, p));
  if (atAny >= 0 && isNullTest(any[atAny], p, true)) return 'taken';
  const all = operands(c, '&&');
  const atAll = all.findIndex((o) => mentions(o, p));
  if (atAll >= 0 && isNullTest(all[atAll], p, false)) return 'not-taken';
  return undefined;
}

/** `a || b || c` → [a, b, c]; anything else → [it]. */
function operands(node: Node, operator: '||' | '&&'): Node[] {
  const n = unwrap(node);
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.type === operator) {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (left && right) return [...operands(left, operator), ...operands(right, operator)];
  }
  return [n];
}

/** `p.is_null()` / `p == ptr::null()` (`isNull`), or `!p.is_null()` / `p != ptr::null_mut()` (not `isNull`). */
function isNullTest(node: Node, p: string, isNull: boolean): boolean {
  const n = unwrap(node);
  if (n.type === 'unary_expression' && n.child(0)?.type === '!') {
    const operand = named(n)[0];
    return operand !== undefined && isNullTest(operand, p, !isNull);
  }
  if (n.type === 'call_expression' && isNull) {
    const fn = n.childForFieldName('function');
    return fn?.type === 'field_expression' && isParam(fn.childForFieldName('value'), p) && fn.childForFieldName('field')?.text === 'is_null' && named(n.childForFieldName('arguments') ?? n).length === 0;
  }
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.type === (isNull ? '==' : '!=')) {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    return (isParam(left, p) && isNullPointer(right)) || (isParam(right, p) && isNullPointer(left));
  }
  return false;
}

function isNullPointer(node: Node | null): boolean {
  const n = node && unwrap(node);
  if (!n || n.type !== 'call_expression') return false;
  const name = lastSegment(n.childForFieldName('function'));
  return (name === 'null' || name === 'null_mut') && named(n.childForFieldName('arguments') ?? n).length === 0;
}

/** `p.as_ref()`, `p.as_mut()`, `NonNull::new(p)` (in parentheses or an `unsafe` block): `Some` only when not null. */
function isConversion(node: Node, p: string): boolean {
  const n = unwrap(node);
  if (n.type !== 'call_expression') return false;
  const fn = n.childForFieldName('function');
  const args = named(n.childForFieldName('arguments') ?? n);
  if (fn?.type === 'field_expression') {
    const method = fn.childForFieldName('field')?.text;
    return (method === 'as_ref' || method === 'as_mut') && args.length === 0 && isParam(fn.childForFieldName('value'), p);
  }
  return fn !== null && /^(?:(?:(?:std|core)::)?ptr::)?NonNull::new$/.test(fn.text.replace(/\s+/g, '')) && args.length === 1 && isParam(args[0], p);
}

function isSomePattern(pattern: Node): boolean {
  return pattern.type === 'tuple_struct_pattern' && pattern.childForFieldName('type')?.text === 'Some';
}

function isParam(node: Node | null, p: string): boolean {
  const n = node && unwrap(node);
  return n !== null && n.type === 'identifier' && n.text === p;
}

/** A block whose last statement is `return ..`: it leaves the function (a panic would not be a safe way out). */
function returns(block: Node): boolean {
  const statements = named(block);
  const last = statements[statements.length - 1];
  const expr = last?.type === 'expression_statement' ? named(last)[0] : last;
  return expr?.type === 'return_expression';
}

/** Through parentheses and single-expression (`unsafe`) blocks, which change nothing about null. */
function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    if (n.type === 'parenthesized_expression' || n.type === 'unsafe_block') {
      const inner = named(n)[0];
      if (!inner) return n;
      n = inner;
    } else if (n.type === 'block' && named(n).length === 1 && named(n)[0].type !== 'expression_statement' && named(n)[0].type !== 'let_declaration') {
      n = named(n)[0];
    } else {
      return n;
    }
  }
}

function lastSegment(node: Node | null): string | undefined {
  if (!node) return undefined;
  return node.text.replace(/\s+/g, '').split('::').pop();
}
