/**
 * Function-body analysis, on demand. `syntax/items.ts` never looks inside bodies (it must stay fast on every
 * keystroke); rules that need to know what a body does ask here, for the functions they care about:
 *
 * - `bodyOf(crate, fn, file)` → `BodyFacts`: calls (callee path, turbofish, argument expressions), method
 *   calls, macros, returned values (`return x` and the tail, through `if`/`match`/blocks), `let`s,
 *   assignments (`*out = v` has `throughDeref`), indexing, `/` and `%`, struct literals, the closures given
 *   to `catch_unwind`, and the parameters. Every fact says whether it sits inside a closure / inside
 *   `catch_unwind`. Positions are real positions in `file`.
 * - `crateFunctions(crate)`, `resolveCall(crate, caller, expr)` and `calleesOf(crate, caller)`: the crate's own call graph, resolved by name through modules, `use`
 *   imports, `Type::f`, `Self::f` and `self.f()`. Calls it cannot resolve are simply absent (precision first).
 *
 * Values are `Expr` trees (see `facts.ts`): enough to follow a value through locals, fields and calls; any
 * expression not modelled is `{ kind: 'other', text }`.
 *
 * Cost: a function is parsed (its text only, with the engine's parser) the first time it is asked for; the
 * facts are cached by the function's text (bounded LRU), so after an edit only the edited function is parsed
 * again; functions that merely moved are shifted, not re-parsed.
 */
export { bodyOf, bodyStats } from './bodyOf';
export { calleesOf, crateFunctions, factsOf, resolveCall, type CrateFunction } from './callGraph';
export type { AssignFact, BodyFacts, CallFact, DivisionFact, Expr, IndexFact, LetFact, MacroFact, MethodCallFact, ParamFact, Place, ReturnFact } from './facts';
