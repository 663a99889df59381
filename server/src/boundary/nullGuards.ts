// Whether an export checks a raw pointer parameter for null before any use, read from the function's own tree:
// only then may the loader pass NULL for it. What counts as a check (anything else that names the parameter is a
// use, so an unrecognised form means "do not pass NULL"):
// - `if p.is_null() { return ..; }` (or `p == ptr::null()`, one of several `||` conditions) before any use;
// - `let Some(x) = p.as_ref() else { return .. };` (`as_mut`, `NonNull::new(p)`), in `unsafe { }` or not;
// - `if let Some(x) = p.as_mut() { .. }`, `if !p.is_null() { .. }`, `match p.as_ref() { Some(..) => .., None => .. }`
//   with no use after them and none in the branch where it is null;
// - the same inside a block, an `unsafe` block or the closure handed to `catch_unwind`;
// - `as_ref()` & co. through a crate helper that does only that (`fn borrow(h: *const H) -> Option<&H> { h.as_ref() }`);
// - a parameter the body never names.
import type { Node, Tree } from 'web-tree-sitter';
import { resolveCall, type CrateFunction, type Expr } from '../bodies';
import type { CrateModel } from '../crate/crateModel';
import { parseWithBudget } from '../parsing/treeSitter';
import type { FunctionItem } from '../syntax/items';

/**
 * `unused`: no statement names it. `guarded`: a check that returns when it is null ran first: anything after is
 * safe. `contained`: every use so far sits where it is known non-null, and it must not be named again after.
 * `unsafe`: a use that may see NULL, or a form not recognised.
 */
type Verdict = 'unused' | 'guarded' | 'contained' | 'unsafe';

/** The parameter scanned for, and whether a callee (the `function` of a call) is a crate helper that converts its argument. */
interface Check {
  p: string;
  /** Ids of the nodes that name `p` or contain one that does (see `mentions`). */
  naming: ReadonlySet<number>;
  isConvertingHelper(callee: Node): boolean;
}

/** A check of `p` only by shape (`isParam`, `isConversion`), where nothing asks whether a node names it. */
const shapeOnly = (p: string): Check => ({ p, naming: new Set(), isConvertingHelper: () => false });

/**
 * The nodes of `body` that name `p` (an identifier, a shorthand field, a shadowing `let`, a macro argument:
 * anything but a field name) or contain one, found in one walk with its own stack: generated bodies nest
 * thousands deep, and asking each level again would be quadratic.
 */
function namingNodes(body: Node, p: string): Set<number> {
  const naming = new Set<number>();
  // Post-order (children first), never through `parent`: tree-sitter finds a parent by descending from the root.
  const stack: { node: Node; children?: Node[] }[] = [{ node: body }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (!top.children) {
      top.children = top.node.children.filter((c): c is Node => c !== null);
      for (const child of top.children) stack.push({ node: child });
      continue;
    }
    stack.pop();
    const n = top.node;
    const names = (n.type === 'identifier' || n.type === 'shorthand_field_identifier') && n.text === p;
    if (names || top.children.some((c) => naming.has(c.id))) naming.add(n.id);
  }
  return naming;
}

/** The parameters among `names` that `target` checks for null before any use (empty when the body cannot be read). */
export function nullCheckedParams(crate: CrateModel, target: CrateFunction, names: readonly string[]): Set<string> {
  const checked = new Set<string>();
  if (names.length === 0) return checked;
  const helpers = new Map<FunctionItem, boolean>();
  const isConvertingHelper = (callee: Node): boolean => {
    const helper = resolveCall(crate, target, calleeExpr(callee));
    if (!helper) return false;
    if (!helpers.has(helper.fn)) helpers.set(helper.fn, withBody(crate, helper, (body, fn) => convertsItsParameter(body, fn)) ?? false);
    return helpers.get(helper.fn)!;
  };
  try {
    withBody(crate, target, (body) => {
      for (const name of names) if (scanBlock(body, { p: name, naming: namingNodes(body, name), isConvertingHelper }) !== 'unsafe') checked.add(name);
    });
  } catch (error) {
    // The scan recurses along nested blocks and conditions: a body nested too deeply for the stack is not checked.
    if (!(error instanceof RangeError)) throw error;
    checked.clear();
  }
  return checked;
}

/** Runs `read` on the body of a function parsed from its own text (undefined: no body, over budget, syntax errors). */
function withBody<T>(crate: CrateModel, target: CrateFunction, read: (body: Node, fn: Node) => T): T | undefined {
  const parsed = crate.files.get(target.file);
  if (!parsed || !target.fn.hasBody) return undefined;
  const tree: Tree | undefined = parseWithBudget(parsed.parser, parsed.text.slice(target.fn.startOffset, target.fn.endOffset));
  if (!tree) return undefined;
  try {
    const fn = tree.rootNode.namedChildren.find((c) => c?.type === 'function_item');
    const body = fn?.childForFieldName('body');
    return fn && body && !fn.hasError ? read(body, fn) : undefined;
  } finally {
    tree.delete();
  }
}

/** The callee of a call as the call graph resolves it (only its path matters there). */
function calleeExpr(callee: Node): Expr {
  const text = callee.text.replace(/\s+/g, '').replace(/::<.*>$/, '');
  const none = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { kind: 'call', callee: text.split('::'), turbofish: undefined, args: [], range: none, calleeRange: none, text };
}

/**
 * A helper of one parameter returning `Option<..>` whose body is only `q.as_ref()` (`as_mut`, `NonNull::new(q)`),
 * after `let` renames through casts (`let g = q.cast::<T>();`, `let g = q as *const T;`): `None` exactly when null.
 */
function convertsItsParameter(body: Node, fn: Node): boolean {
  const params = named(fn.childForFieldName('parameters') ?? fn).filter((n) => n.type === 'parameter');
  const returns = fn.childForFieldName('return_type')?.text.replace(/\s+/g, '') ?? '';
  const pattern = params[0]?.childForFieldName('pattern');
  if (params.length !== 1 || pattern?.type !== 'identifier' || !/^(?:(?:std|core)::option::)?Option</.test(returns)) return false;
  let name = pattern.text;
  const statements = named(body);
  for (const statement of statements.slice(0, -1)) {
    const bound = statement.type === 'let_declaration' ? statement.childForFieldName('pattern') : null;
    const value = statement.childForFieldName('value');
    if (!bound || bound.type !== 'identifier' || !value || statement.childForFieldName('alternative') || !isCastOf(value, name)) return false;
    name = bound.text;
  }
  const last = statements[statements.length - 1];
  if (!last || last.type === 'let_declaration') return false;
  const expr = last.type === 'expression_statement' ? named(last)[0] : last;
  const value = expr?.type === 'return_expression' ? named(expr)[0] : last.type === 'expression_statement' ? undefined : expr;
  return value !== undefined && isConversion(value, shapeOnly(name));
}

/** `q.cast::<T>()`, `q.cast_mut()`, `q.cast_const()`, `q as *const T`: the same address. */
function isCastOf(node: Node, name: string): boolean {
  const n = unwrap(node);
  if (n.type === 'type_cast_expression') return isParam(n.childForFieldName('value'), shapeOnly(name));
  if (n.type !== 'call_expression' || named(n.childForFieldName('arguments') ?? n).length > 0) return false;
  let fn = n.childForFieldName('function');
  if (fn?.type === 'generic_function') fn = fn.childForFieldName('function');
  return fn?.type === 'field_expression' && /^(cast|cast_mut|cast_const)$/.test(fn.childForFieldName('field')?.text ?? '') && isParam(fn.childForFieldName('value'), shapeOnly(name));
}

const named = (node: Node): Node[] => node.namedChildren.filter((c): c is Node => c !== null && !c.type.endsWith('comment'));

/** Whether `node` names `p` anywhere (see `namingNodes`). */
function mentions(node: Node, c: Check): boolean {
  return c.naming.has(node.id);
}

function scanBlock(block: Node, c: Check): Verdict {
  let state: Verdict = 'unused';
  for (const statement of named(block)) {
    if (!mentions(statement, c)) continue;
    if (state === 'contained') return 'unsafe';
    const verdict = scanStatement(statement, c);
    if (verdict === 'guarded' || verdict === 'unsafe') return verdict;
    state = verdict;
  }
  return state;
}

function scanStatement(statement: Node, c: Check): Verdict {
  if (statement.type === 'let_declaration') return scanLet(statement, c);
  const expr = statement.type === 'expression_statement' ? named(statement)[0] : statement;
  return expr ? scanExpression(expr, c) : 'unsafe';
}

function scanExpression(expr: Node, c: Check): Verdict {
  const e = unwrap(expr);
  switch (e.type) {
    case 'if_expression':
      return scanIf(e, c);
    case 'match_expression':
      return scanMatch(e, c);
    case 'block':
      return scanBlock(e, c);
    default:
      return scanCatchUnwind(e, c);
  }
}

/** `let Some(x) = p.as_ref() else { return };`, or a `let` whose value is a guarded `catch_unwind`. */
function scanLet(statement: Node, c: Check): Verdict {
  const pattern = statement.childForFieldName('pattern');
  const value = statement.childForFieldName('value');
  const alternative = statement.childForFieldName('alternative');
  if (!pattern || !value) return 'unsafe';
  if (alternative) {
    // `let Some(c) = p.as_ref() else { return }` may shadow it: from here on it is checked either way.
    if (isSomePattern(pattern) && isConversion(value, c) && !mentions(alternative, c) && returns(alternative)) return 'guarded';
    return 'unsafe';
  }
  if (mentions(pattern, c)) return 'unsafe';
  return scanCatchUnwind(unwrap(value), c);
}

function scanIf(e: Node, c: Check): Verdict {
  const condition = e.childForFieldName('condition');
  const consequence = e.childForFieldName('consequence');
  const alternative = elseBlock(e);
  if (!condition || !consequence || alternative === 'unreadable') return 'unsafe';
  const other = alternative ?? undefined;
  if (condition.type === 'let_condition') {
    const pattern = condition.childForFieldName('pattern');
    const value = condition.childForFieldName('value');
    // `Some(c)` may shadow it: inside, either one is not null.
    if (!pattern || !value || !isSomePattern(pattern) || !isConversion(value, c)) return 'unsafe';
    // Non-null inside `consequence`; the `else` runs when it is null.
    if (other && mentions(other, c)) return 'unsafe';
    return 'contained';
  }
  if (!mentions(condition, c)) {
    const branches = [scanBlock(consequence, c), other ? branchVerdict(other, c) : 'unused'];
    if (branches.includes('unsafe')) return 'unsafe';
    // Checked in every branch (with an `else`): checked after the `if` too.
    if (other && branches.every((b) => b === 'guarded')) return 'guarded';
    return 'contained';
  }
  const nullWhen = testedNull(condition, c);
  if (nullWhen === 'taken') {
    // `if p.is_null() { return .. }`: the consequence sees NULL, the `else` (and what follows, when it returns) does not.
    if (mentions(consequence, c)) return 'unsafe';
    return returns(consequence) ? 'guarded' : 'contained';
  }
  if (nullWhen === 'not-taken') {
    // `if !p.is_null() { .. } else { return .. }`
    if (other && mentions(other, c)) return 'unsafe';
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

function branchVerdict(branch: Node, c: Check): Verdict {
  return branch.type === 'block' ? scanBlock(branch, c) : scanExpression(branch, c);
}

/** `match p.as_ref() { Some(x) => .., None => .. }`: the `None` arm (and any guard) must not name it. */
function scanMatch(e: Node, c: Check): Verdict {
  const value = e.childForFieldName('value');
  const body = e.childForFieldName('body');
  if (!value || !body || !isConversion(value, c)) return 'unsafe';
  for (const arm of named(body)) {
    if (arm.type !== 'match_arm') return 'unsafe';
    const pattern = arm.childForFieldName('pattern');
    if (!pattern) return 'unsafe';
    const some = isSomePattern(named(pattern)[0] ?? pattern);
    if (!some && mentions(arm, c)) return 'unsafe';
  }
  return 'contained';
}

/**
 * `catch_unwind(|| { .. })` (through `AssertUnwindSafe`, with `.unwrap_or(..)` & co. after it): the closure runs
 * once, right there, so it is scanned as a block; every mention must be inside it.
 */
function scanCatchUnwind(e: Node, c: Check): Verdict {
  let call = e;
  while (call.type === 'call_expression' && call.childForFieldName('function')?.type === 'field_expression') {
    const receiver = call.childForFieldName('function')!.childForFieldName('value');
    const args = call.childForFieldName('arguments');
    if (!receiver || (args && mentions(args, c))) return 'unsafe';
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
  if (!body || (params && mentions(params, c))) return 'unsafe';
  const verdict = body.type === 'block' ? scanBlock(body, c) : scanExpression(body, c);
  // A `return` in the closure leaves only the closure: nothing after the call is known checked.
  return verdict === 'unsafe' ? 'unsafe' : 'contained';
}

/** Whether the condition is true when `p` is null (`taken`), false when it is (`not-taken`), or neither is known. */
function testedNull(condition: Node, c: Check): 'taken' | 'not-taken' | undefined {
  const tested = unwrap(condition);
  // `a || p.is_null() || f(p)`: the operands before the test must not name `p`; those after run only when it is not null.
  const any = operands(tested, '||');
  const atAny = any.findIndex((o) => mentions(o, c));
  if (atAny >= 0 && isNullTest(any[atAny], c, true)) return 'taken';
  const all = operands(tested, '&&');
  const atAll = all.findIndex((o) => mentions(o, c));
  if (atAll >= 0 && isNullTest(all[atAll], c, false)) return 'not-taken';
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
function isNullTest(node: Node, c: Check, isNull: boolean): boolean {
  const n = unwrap(node);
  if (n.type === 'unary_expression' && n.child(0)?.type === '!') {
    const operand = named(n)[0];
    return operand !== undefined && isNullTest(operand, c, !isNull);
  }
  if (n.type === 'call_expression' && isNull) {
    const fn = n.childForFieldName('function');
    return fn?.type === 'field_expression' && isParam(fn.childForFieldName('value'), c) && fn.childForFieldName('field')?.text === 'is_null' && named(n.childForFieldName('arguments') ?? n).length === 0;
  }
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.type === (isNull ? '==' : '!=')) {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    return (isParam(left, c) && isNullPointer(right)) || (isParam(right, c) && isNullPointer(left));
  }
  return false;
}

function isNullPointer(node: Node | null): boolean {
  const n = node && unwrap(node);
  if (!n || n.type !== 'call_expression') return false;
  const name = lastSegment(n.childForFieldName('function'));
  return (name === 'null' || name === 'null_mut') && named(n.childForFieldName('arguments') ?? n).length === 0;
}

/**
 * `p.as_ref()`, `p.as_mut()`, `NonNull::new(p)` (in parentheses or an `unsafe` block), or a call of a crate
 * function that is one of these on its parameter (`borrow(p)`): `Some` only when not null.
 */
function isConversion(node: Node, c: Check): boolean {
  const n = unwrap(node);
  if (n.type !== 'call_expression') return false;
  const fn = n.childForFieldName('function');
  const args = named(n.childForFieldName('arguments') ?? n);
  if (fn?.type === 'field_expression') {
    const method = fn.childForFieldName('field')?.text;
    return (method === 'as_ref' || method === 'as_mut') && args.length === 0 && isParam(fn.childForFieldName('value'), c);
  }
  if (!fn || args.length !== 1 || !isParam(args[0], c)) return false;
  return /^(?:(?:(?:std|core)::)?ptr::)?NonNull::new$/.test(fn.text.replace(/\s+/g, '')) || c.isConvertingHelper(fn);
}

function isSomePattern(pattern: Node): boolean {
  return pattern.type === 'tuple_struct_pattern' && pattern.childForFieldName('type')?.text === 'Some';
}

function isParam(node: Node | null, c: Check): boolean {
  const n = node && unwrap(node);
  return n !== null && n.type === 'identifier' && n.text === c.p;
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
