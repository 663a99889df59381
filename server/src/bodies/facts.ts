import type { Range } from '../engine/types';

/**
 * A small expression tree: just enough structure to follow a value (where it comes from, where it goes).
 * Anything else is `other`, with its text, so a rule that does not recognise an expression can stay silent.
 */
export type Expr =
  /** `f(a)`, `Box::into_raw(b)`, `Box::<T>::from_raw(p)`: `callee` is the path without turbofish. */
  | { kind: 'call'; callee: string[]; turbofish: string | undefined; args: Expr[]; range: Range; calleeRange: Range; text: string }
  /** `recv.method(a)`, `recv.method::<T>(a)` */
  | { kind: 'method'; receiver: Expr; method: string; args: Expr[]; range: Range; nameRange: Range; text: string }
  /** `x`, `self`, `FOO`, `module::CONST` */
  | { kind: 'path'; segments: string[]; range: Range; text: string }
  /** `Name { a: x, b }` */
  | { kind: 'struct'; name: string; fields: { name: string; value: Expr }[]; range: Range; text: string }
  | { kind: 'cast'; value: Expr; type: string; range: Range; text: string }
  /** `&x`, `&mut x`, `&raw const x` */
  | { kind: 'reference'; mutable: boolean; value: Expr; range: Range; text: string }
  | { kind: 'deref'; value: Expr; range: Range; text: string }
  | { kind: 'field'; value: Expr; field: string; range: Range; text: string }
  /** `x?` */
  | { kind: 'try'; value: Expr; range: Range; text: string }
  /** `if`/`match`/blocks: the values the expression can produce (tail expressions of each branch). */
  | { kind: 'branches'; values: Expr[]; range: Range; text: string }
  | { kind: 'macro'; name: string; range: Range; text: string }
  | { kind: 'literal'; range: Range; text: string }
  | { kind: 'closure'; range: Range; text: string }
  | { kind: 'other'; range: Range; text: string };

/** Where a fact sits: under a closure passed to `catch_unwind`, and/or inside any closure. */
export interface Place {
  range: Range;
  /** Inside the closure argument of `std::panic::catch_unwind` (or `panic::catch_unwind`). */
  inCatchUnwind: boolean;
  /** Inside a closure (its code may run later, or never). */
  inClosure: boolean;
}

export interface CallFact extends Place {
  expr: Extract<Expr, { kind: 'call' }>;
}

export interface MethodCallFact extends Place {
  expr: Extract<Expr, { kind: 'method' }>;
}

export interface MacroFact extends Place {
  name: string;
  nameRange: Range;
  /** The text between the delimiters. */
  tokens: string;
}

/** A value leaving the function: `return x` or the body's tail expression. */
export interface ReturnFact extends Place {
  value: Expr;
  isTail: boolean;
}

export interface LetFact extends Place {
  /** Where the block holding the `let` ends: past it the binding is out of scope. */
  scopeEnd?: Range['end'];
  /** The bound name for `let x` / `let mut x`; undefined for destructuring patterns. */
  name: string | undefined;
  pattern: string;
  type: string | undefined;
  value: Expr | undefined;
}

/** `target = value` and `*target = value`. */
export interface AssignFact extends Place {
  target: Expr;
  /** `*out = ...`: written through a pointer. */
  throughDeref: boolean;
  value: Expr;
}

export interface IndexFact extends Place {
  base: Expr;
  index: Expr;
}

/** `a / b`, `a % b`, `a /= b`, `a %= b`. */
export interface DivisionFact extends Place {
  operator: '/' | '%';
  left: Expr;
  right: Expr;
}

export interface ParamFact {
  name: string | undefined;
  type: string;
  range: Range;
}

/** What a function body does, in the positions of the file it is in. */
export interface BodyFacts {
  params: ParamFact[];
  calls: CallFact[];
  methodCalls: MethodCallFact[];
  macros: MacroFact[];
  returns: ReturnFact[];
  lets: LetFact[];
  assignments: AssignFact[];
  indexes: IndexFact[];
  divisions: DivisionFact[];
  /** Struct literals anywhere in the body (also reachable through `returns`). */
  structs: (Place & { expr: Extract<Expr, { kind: 'struct' }> })[];
  /** Ranges of closures passed to `catch_unwind`. */
  catchUnwindClosures: Range[];
  /** The `{ ... }` block. */
  bodyRange: Range;
  /** The tree-sitter parse of the function had syntax errors: facts may be incomplete. */
  hasErrors: boolean;
}

/** Facts of a function that does nothing, to fill in as a body is read. */
export function emptyFacts(): BodyFacts {
  return {
    params: [],
    calls: [],
    methodCalls: [],
    macros: [],
    returns: [],
    lets: [],
    assignments: [],
    indexes: [],
    divisions: [],
    structs: [],
    catchUnwindClosures: [],
    bodyRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    hasErrors: false,
  };
}

export const EMPTY_FACTS: BodyFacts = Object.freeze(emptyFacts());
