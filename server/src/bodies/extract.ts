import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types';
import { lineIndexOf, type LineIndex } from '../parsing/lineIndex';
import { namedChildrenOf } from '../syntax/nodes';
import { EMPTY_FACTS, emptyFacts, type BodyFacts, type Expr, type Place } from './facts';

/**
 * How deeply one expression is modelled: a deeper part (a 2,000-link method chain, generated nesting) is
 * `other`, which every rule treats as "cannot tell", so it costs only precision there, never a false alarm.
 */
export const MAX_EXPR_DEPTH = 24;

/**
 * Where a function's nodes are read from: the function's own text (`text`, which starts at offset `base` of the
 * tree's text) and the line index positions are made with. A function parsed alone has base 0 and positions
 * relative to its text; one read from its file's tree has its file offset as base and the file's positions.
 * Texts are sliced from `text` (a copy of the function's own), so facts never keep a whole file alive.
 */
export class BodySource {
  /**
   * A rough size in bytes of what was read, counted as it is made (walking the facts afterwards to size them
   * cost a tenth of the walk): each range is one record (a fact or an expression, ~6 slots) with a
   * range and two positions; each text a string (a view of `text` when long).
   */
  bytes = 0;

  constructor(
    readonly text: string,
    readonly base: number,
    readonly lines: LineIndex,
  ) {}

  range(node: Node): Range {
    this.bytes += RECORD_BYTES;
    return { start: this.lines.positionAt(node.startIndex), end: this.lines.positionAt(node.endIndex) };
  }

  textOf(node: Node): string {
    return this.counted(this.text.slice(node.startIndex - this.base, node.endIndex - this.base));
  }

  /** The text between a node's first and last character (a token tree without its delimiters). */
  innerTextOf(node: Node): string {
    return this.counted(this.text.slice(node.startIndex + 1 - this.base, node.endIndex - 1 - this.base));
  }

  private counted(text: string): string {
    this.bytes += text.length < VIEW_MIN_LENGTH ? 16 + text.length : 20;
    return text;
  }
}

/** Slices of a function's text are views that cost a header; short strings are copies (V8). */
export const VIEW_MIN_LENGTH = 13;
/** A record of ~9 slots (24 + 72), its range (24 + 16) and two positions (2 x 40): 2-7 % over a walk over the facts, so the budget errs on the small side. */
const RECORD_BYTES = 96 + 40 + 80;

/**
 * Where the nodes that follow sit, until `end`: inside a closure, inside the arguments of `catch_unwind`, or
 * in a part not read (a nested item, the callee path of `catch_unwind`).
 */
interface Region {
  end: number;
  kind: 'closure' | 'catch' | 'skip';
}

/** The node types facts are made of or that open a region. */
const FACT_NODE_TYPES = ['function_item', 'impl_item', 'trait_item', 'mod_item', 'closure_expression', 'call_expression', 'macro_invocation', 'return_expression', 'let_declaration', 'assignment_expression', 'compound_assignment_expr', 'binary_expression', 'index_expression', 'struct_expression'];

/** Expressions made so far in one body, by node id, with the depth they were made at (the shallowest). */
type MadeExprs = Map<number, { expr: Expr; depth: number }>;

/**
 * Reads the facts of one function from the tree of its own text (positions relative to that text). One pass over
 * the fact nodes in source order, without recursion (bodies nest thousands deep in generated code); nested `fn`
 * items are skipped (they are functions of their own, analysed when asked for).
 */
export function extractBodyFacts(functionNode: Node, source: string): BodyFacts {
  return extractBodyFactsFrom(functionNode, new BodySource(source, 0, lineIndexOf(source)));
}

function placeOf(node: Node, src: BodySource, inCatchUnwind: boolean, inClosure: boolean): Place {
  return { range: src.range(node), inCatchUnwind, inClosure };
}

/**
 * Each fact's expression is read whole, but one already made as part of an enclosing expression (and not cut
 * short by depth) is reused: a 2,000-link method chain is then read in linear time, not 2,000 x depth.
 */
function toExpr(node: Node, src: BodySource, made: MadeExprs): Expr {
  const earlier = made.get(node.id);
  return earlier && earlier.depth <= MAX_EXPR_DEPTH / 2 ? earlier.expr : exprOf(node, src, 0, made);
}

const SIMPLE_PATTERN = /^(?:ref\s+)?(?:mut\s+)?([A-Za-z_][A-Za-z0-9_]*)$/;

/** The same facts as `extractBodyFacts`, read from `functionNode` of any tree through `src` (see BodySource). */
export function extractBodyFactsFrom(functionNode: Node, src: BodySource): BodyFacts {
  const body = functionNode.childForFieldName('body');
  if (!body) return EMPTY_FACTS;
  const facts: BodyFacts = { ...emptyFacts(), params: paramsOf(functionNode, src), bodyRange: src.range(body), hasErrors: functionNode.hasError };
  const made: MadeExprs = new Map();
  const tail = tailOf(body);
  if (tail) facts.returns.push({ value: toExpr(tail, src, made), isTail: true, range: src.range(tail), inCatchUnwind: false, inClosure: false });

  // The nodes facts are made of, in source order (pre-order), found by tree-sitter in one call instead of a
  // visit of every node from here (a call per node). What holds them is told by the regions open around them.
  const regions: Region[] = [];
  let closures = 0;
  let catches = 0;
  for (const node of body.descendantsOfType(FACT_NODE_TYPES)) {
    if (!node) continue;
    const start = node.startIndex;
    for (let top = regions[regions.length - 1]; top && start >= top.end; top = regions[regions.length - 1]) {
      regions.pop();
      if (top.kind === 'closure') closures--;
      else if (top.kind === 'catch') catches--;
    }
    // Nothing is opened inside a skipped region, so one is always on top while its nodes come.
    if (regions.length > 0 && regions[regions.length - 1].kind === 'skip') continue;
    const inCatchUnwind = catches > 0;
    const inClosure = closures > 0;
    switch (node.type) {
      case 'function_item':
      case 'impl_item':
      case 'trait_item':
      case 'mod_item':
        // Functions of their own, analysed when asked for.
        regions.push({ end: node.endIndex, kind: 'skip' });
        break;
      case 'closure_expression':
        regions.push({ end: node.endIndex, kind: 'closure' });
        closures++;
        break;
      case 'call_expression': {
        const expr = toExpr(node, src, made);
        if (expr.kind === 'call') {
          facts.calls.push({ ...placeOf(node, src, inCatchUnwind, inClosure), expr });
          if (expr.callee[expr.callee.length - 1] === 'catch_unwind') {
            const args = node.childForFieldName('arguments');
            for (const arg of args ? namedChildrenOf(args) : []) facts.catchUnwindClosures.push(src.range(arg));
            // Only the arguments are protected; the callee path is not code that runs (and is not read).
            if (args) {
              regions.push({ end: args.endIndex, kind: 'catch' });
              catches++;
            }
            regions.push({ end: args ? args.startIndex : node.endIndex, kind: 'skip' });
          }
        } else if (expr.kind === 'method') {
          facts.methodCalls.push({ ...placeOf(node, src, inCatchUnwind, inClosure), expr });
        }
        break;
      }
      case 'macro_invocation': {
        const name = node.childForFieldName('macro');
        const tokens = namedChildrenOf(node).find((c) => c.type === 'token_tree');
        if (name) {
          const text = src.textOf(name);
          facts.macros.push({ ...placeOf(node, src, inCatchUnwind, inClosure), name: text.split('::').pop() ?? text, nameRange: src.range(name), tokens: tokens ? src.innerTextOf(tokens) : '' });
        }
        break;
      }
      case 'return_expression': {
        const value = namedChildrenOf(node)[0];
        if (value) facts.returns.push({ ...placeOf(node, src, inCatchUnwind, inClosure), value: toExpr(value, src, made), isTail: false });
        break;
      }
      case 'let_declaration': {
        const pattern = node.childForFieldName('pattern');
        const type = node.childForFieldName('type');
        const value = node.childForFieldName('value');
        const patternText = pattern ? src.textOf(pattern) : '';
        const simple = SIMPLE_PATTERN.exec(patternText);
        // The binding lives until its block ends (`{ let s = ..; } s` names an outer `s`).
        const block = node.parent;
        facts.lets.push({
          ...placeOf(node, src, inCatchUnwind, inClosure),
          ...(block && block.type === 'block' ? { scopeEnd: src.lines.positionAt(block.endIndex) } : {}),
          name: simple?.[1],
          pattern: patternText,
          type: type ? src.textOf(type) : undefined,
          value: value ? toExpr(value, src, made) : undefined,
        });
        break;
      }
      case 'assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left && right) {
          const target = toExpr(left, src, made);
          facts.assignments.push({ ...placeOf(node, src, inCatchUnwind, inClosure), target: target.kind === 'deref' ? target.value : target, throughDeref: target.kind === 'deref', value: toExpr(right, src, made) });
        }
        break;
      }
      case 'compound_assignment_expr':
      case 'binary_expression': {
        const operator = node.childForFieldName('operator');
        const op = operator ? src.textOf(operator) : '';
        if (op === '/' || op === '%' || op === '/=' || op === '%=') {
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (left && right) facts.divisions.push({ ...placeOf(node, src, inCatchUnwind, inClosure), operator: op[0] as '/' | '%', left: toExpr(left, src, made), right: toExpr(right, src, made) });
        }
        break;
      }
      case 'index_expression': {
        const [base, index] = namedChildrenOf(node);
        if (base && index) facts.indexes.push({ ...placeOf(node, src, inCatchUnwind, inClosure), base: toExpr(base, src, made), index: toExpr(index, src, made) });
        break;
      }
      case 'struct_expression': {
        const expr = toExpr(node, src, made);
        if (expr.kind === 'struct') facts.structs.push({ ...placeOf(node, src, inCatchUnwind, inClosure), expr });
        break;
      }
      default:
        break;
    }
  }
  return facts;
}

function paramsOf(functionNode: Node, src: BodySource): BodyFacts['params'] {
  const params = functionNode.childForFieldName('parameters');
  return (params ? namedChildrenOf(params) : []).flatMap((param) => {
    if (param.type !== 'parameter') return [];
    const pattern = param.childForFieldName('pattern');
    const type = param.childForFieldName('type');
    const patternText = pattern ? src.textOf(pattern).replace(/^mut\s+/, '') : undefined;
    return [{ name: patternText && /^[A-Za-z_]\w*$/.test(patternText) ? patternText : undefined, type: type ? src.textOf(type) : '', range: src.range(param) }];
  });
}

/** The expression a block evaluates to: its last child when that is an expression (no `;`). */
function tailOf(block: Node): Node | undefined {
  const children = namedChildrenOf(block).filter((c) => c.type !== 'line_comment' && c.type !== 'block_comment');
  const last = children[children.length - 1];
  if (!last || last.type.endsWith('_declaration') || last.type.endsWith('_item') || last.type === 'attribute_item') return undefined;
  if (last.type === 'expression_statement') {
    // `if`/`match`/blocks without `;` are statements in the grammar but still the block's value.
    const inner = namedChildrenOf(last)[0];
    return inner && last.lastChild?.type !== ';' && /^(if_expression|match_expression|block|unsafe_block|loop_expression)$/.test(inner.type) ? inner : undefined;
  }
  return last;
}

function exprOf(node: Node, src: BodySource, depth: number, made: MadeExprs): Expr {
  const expr = exprAt(node, src, depth, made);
  const earlier = made.get(node.id);
  if (!earlier || earlier.depth > depth) made.set(node.id, { expr, depth });
  return expr;
}

/** A part of an expression at `depth`; a missing one is `other` with the whole's range. */
function subExpr(n: Node | null, src: BodySource, depth: number, made: MadeExprs, range: Range): Expr {
  return n ? exprOf(n, src, depth + 1, made) : { kind: 'other', range, text: '' };
}

const CALLEE_TYPES = /^(identifier|scoped_identifier|self|crate|super)$/;

function exprAt(node: Node, src: BodySource, depth: number, made: MadeExprs): Expr {
  const range = src.range(node);
  const text = src.textOf(node);
  if (depth > MAX_EXPR_DEPTH) return { kind: 'other', range, text };
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = namedChildrenOf(node)[0];
      return inner ? subExpr(inner, src, depth, made, range) : { kind: 'other', range, text };
    }
    case 'identifier':
    case 'self':
    case 'scoped_identifier':
    case 'crate':
    case 'super':
      return { kind: 'path', segments: pathSegments(text), range, text };
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      const argsNode = node.childForFieldName('arguments');
      const args = argsNode ? namedChildrenOf(argsNode).filter((a) => !a.type.endsWith('comment')).map((a) => subExpr(a, src, depth, made, range)) : [];
      if (!fn) return { kind: 'other', range, text };
      let calleeNode = fn;
      let turbofish: string | undefined;
      if (fn.type === 'generic_function') {
        calleeNode = fn.childForFieldName('function') ?? fn;
        const typeArgs = fn.childForFieldName('type_arguments');
        turbofish = typeArgs ? src.textOf(typeArgs) : undefined;
      }
      if (calleeNode.type === 'field_expression') {
        const field = calleeNode.childForFieldName('field');
        return { kind: 'method', receiver: subExpr(calleeNode.childForFieldName('value'), src, depth, made, range), method: field ? src.textOf(field) : '', args, range, nameRange: field ? src.range(field) : range, text };
      }
      const calleeText = src.textOf(calleeNode);
      if (!CALLEE_TYPES.test(calleeNode.type)) return { kind: 'other', range, text };
      // `Box::<T>::from_raw` is a scoped_identifier whose path is a generic_type: keep its arguments as turbofish.
      const generic = /<.*>/s.exec(calleeText);
      return { kind: 'call', callee: pathSegments(calleeText), turbofish: turbofish ?? generic?.[0], args, range, calleeRange: src.range(calleeNode), text };
    }
    case 'struct_expression': {
      const name = node.childForFieldName('name');
      const body = node.childForFieldName('body');
      const fields = (body ? namedChildrenOf(body) : []).flatMap((f) => {
        if (f.type === 'field_initializer') {
          const fieldName = f.childForFieldName('field');
          return fieldName ? [{ name: src.textOf(fieldName), value: subExpr(f.childForFieldName('value'), src, depth, made, range) }] : [];
        }
        if (f.type === 'shorthand_field_initializer') {
          const id = namedChildrenOf(f)[0];
          return id ? [{ name: src.textOf(id), value: subExpr(id, src, depth, made, range) }] : [];
        }
        return [];
      });
      return { kind: 'struct', name: name ? src.textOf(name) : '', fields, range, text };
    }
    case 'type_cast_expression': {
      const type = node.childForFieldName('type');
      return { kind: 'cast', value: subExpr(node.childForFieldName('value'), src, depth, made, range), type: type ? src.textOf(type) : '', range, text };
    }
    case 'reference_expression':
      return { kind: 'reference', mutable: /^&\s*(raw\s+)?mut\b/.test(text), value: subExpr(node.childForFieldName('value'), src, depth, made, range), range, text };
    case 'unary_expression':
      return text.startsWith('*') ? { kind: 'deref', value: subExpr(namedChildrenOf(node)[0] ?? null, src, depth, made, range), range, text } : { kind: 'other', range, text };
    case 'field_expression': {
      const field = node.childForFieldName('field');
      return { kind: 'field', value: subExpr(node.childForFieldName('value'), src, depth, made, range), field: field ? src.textOf(field) : '', range, text };
    }
    case 'try_expression':
      return { kind: 'try', value: subExpr(namedChildrenOf(node)[0] ?? null, src, depth, made, range), range, text };
    case 'block':
    case 'unsafe_block':
    case 'if_expression':
    case 'match_expression':
    case 'else_clause':
    case 'expression_statement':
      return { kind: 'branches', values: branchValues(node).map((a) => subExpr(a, src, depth, made, range)), range, text };
    case 'macro_invocation': {
      const name = node.childForFieldName('macro');
      const nameText = name ? src.textOf(name) : '';
      return { kind: 'macro', name: nameText.split('::').pop() ?? nameText, range, text };
    }
    case 'closure_expression':
      return { kind: 'closure', range, text };
    case 'integer_literal':
    case 'float_literal':
    case 'string_literal':
    case 'raw_string_literal':
    case 'char_literal':
    case 'boolean_literal':
      return { kind: 'literal', range, text };
    default:
      return { kind: 'other', range, text };
  }
}

/**
 * The tail expressions an `if`/`match`/block can evaluate to, in source order. A worklist, not recursion:
 * an `else if` chain of 2,000 arms is 2,000 levels of nesting in the tree.
 */
function branchValues(root: Node): Node[] {
  const values: Node[] = [];
  // `asValue`: a match arm's value that is not a block is a value as it stands (even an `if`).
  const stack: { node: Node; asValue: boolean }[] = [{ node: root, asValue: false }];
  const pushInOrder = (nodes: (Node | null)[], asValue = false): void => {
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      if (node) stack.push({ node, asValue: asValue && node.type !== 'block' });
    }
  };
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node, asValue } = next;
    if (asValue) {
      values.push(node);
      continue;
    }
    switch (node.type) {
      case 'block': {
        const tail = tailOf(node);
        if (tail) values.push(tail);
        break;
      }
      case 'unsafe_block':
      case 'expression_statement':
      case 'else_clause':
        pushInOrder(namedChildrenOf(node));
        break;
      case 'if_expression':
        pushInOrder([node.childForFieldName('consequence'), node.childForFieldName('alternative')]);
        break;
      case 'match_expression': {
        const body = node.childForFieldName('body');
        pushInOrder((body ? namedChildrenOf(body) : []).map((arm) => (arm.type === 'match_arm' ? arm.childForFieldName('value') : null)), true);
        break;
      }
      default:
        values.push(node);
    }
  }
  return values;
}

/** `std::ptr::null` → ["std", "ptr", "null"]; `Box::<T>::new` → ["Box", "new"]; `<T as X>::f` → ["T", "f"] (approximate). */
export function pathSegments(text: string): string[] {
  const stripped = stripGenerics(text).replace(/^<|>$/g, '').replace(/\s+as\s+[^>]*>?/g, '');
  return stripped.split('::').map((s) => s.trim()).filter((s) => s.length > 0);
}

function stripGenerics(text: string): string {
  let depth = 0;
  let out = '';
  for (const ch of text) {
    if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out.replace(/::\s*::/g, '::').replace(/::$/, '');
}
