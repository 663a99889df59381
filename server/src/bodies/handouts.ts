import type { CrateModel } from '../crate/crateModel';
import { normaliseType, pointeeOf, typeArgument } from './boundaryTypes';
import { factsOf, resolveCall, type CrateFunction } from './callGraph';
import type { BodyFacts, Expr } from './facts';
import type { Allocation, AllocationKind, Handout } from './ownership';
import { letBefore, localName, originOf, stripCasts } from './values';

/**
 * The handouts of one exported function for `ownershipTable`: allocations returned (also in fields of a
 * returned struct literal) or written through an out-parameter, followed through locals, casts, branches,
 * `Some`/`NonNull` wrappers and crate helper functions a few calls deep. A value that goes anywhere else
 * (a collection, an unknown function) is not followed: no guess.
 */

/** How many crate helper calls deep a value is followed. */
const MAX_DEPTH = 3;

type Located = Pick<Handout, 'allocation' | 'range' | 'file'>;

export function handoutsOf(crate: CrateModel, target: CrateFunction, facts: BodyFacts): Handout[] {
  const found: Handout[] = [];
  const returnPointee = pointeeOf(target.fn.returnType?.text);
  for (const ret of facts.returns) {
    if (ret.inClosure) continue;
    for (const value of leaves(facts, ret.value)) {
      if (value.kind === 'struct') {
        for (const field of value.fields) {
          const via = `returned in field \`${field.name}\``;
          for (const h of allocationsFrom(crate, target, facts, field.value, undefined, 0)) found.push({ ...h, export: target, boundaryType: undefined, via });
        }
      } else {
        for (const h of allocationsFrom(crate, target, facts, value, returnPointee, 0)) found.push({ ...h, export: target, boundaryType: returnPointee, via: 'returned' });
      }
    }
  }
  for (const assignment of facts.assignments) {
    const out = assignment.throughDeref ? localName(assignment.target) : undefined;
    const param = out ? facts.params.find((p) => p.name === out) : undefined;
    if (!param || assignment.inClosure) continue;
    const boundaryType = pointeeOf(pointeeOf(param.type));
    const via = `written through \`${param.name}\``;
    for (const h of allocationsFrom(crate, target, facts, assignment.value, boundaryType, 0)) found.push({ ...h, export: target, boundaryType, via });
  }
  return found;
}

/** The values an expression can produce, through branches and locals (casts stripped). */
function leaves(facts: BodyFacts, expr: Expr): Expr[] {
  const origin = originOf(facts, expr).expr;
  return origin.kind === 'branches' ? origin.values.flatMap((v) => leaves(facts, v)) : [origin];
}

/** The allocations `expr` hands out, in `target` or in the crate helpers it returns from. */
function allocationsFrom(crate: CrateModel, target: CrateFunction, facts: BodyFacts, expr: Expr, boundaryType: string | undefined, depth: number): Located[] {
  const found: Located[] = [];
  for (const value of leaves(facts, expr)) {
    if (value.kind === 'call' && isWrapper(value.callee) && value.args[0]) {
      found.push(...allocationsFrom(crate, target, facts, value.args[0], boundaryType, depth));
      continue;
    }
    const allocation = allocationOf(facts, value, boundaryType);
    if (allocation) {
      found.push({ allocation, range: value.range, file: target.file });
      continue;
    }
    const helper = depth < MAX_DEPTH && (value.kind === 'call' || value.kind === 'method') ? resolveCall(crate, target, value) : undefined;
    if (!helper || helper.fn === target.fn) continue;
    const helperFacts = factsOf(crate, helper);
    if (helperFacts.hasErrors) continue;
    for (const ret of helperFacts.returns) {
      if (ret.inClosure) continue;
      for (const h of allocationsFrom(crate, helper, helperFacts, ret.value, boundaryType, depth + 1)) {
        // `fn into_handle<T>(v: T) -> *mut T`: the helper's `T` is whatever the export hands out.
        const generic = h.allocation.type !== undefined && helper.fn.generics.includes(h.allocation.type);
        found.push(generic ? { ...h, allocation: { ...h.allocation, type: concreteType(boundaryType) } } : h);
      }
    }
  }
  return found;
}

/** `Some(p)`, `NonNull::new_unchecked(p)`, `NonNull::from(..)`: the same pointer, wrapped. */
function isWrapper(callee: string[]): boolean {
  const tail = callee.slice(-2).join('::');
  return tail === 'Some' || tail === 'NonNull::new_unchecked' || tail === 'NonNull::new';
}

/** A pointee type that names what was allocated (not `c_void`, not another pointer). */
function concreteType(boundaryType: string | undefined): string | undefined {
  return boundaryType && boundaryType !== 'c_void' && !boundaryType.startsWith('*') ? boundaryType : undefined;
}

/** The owners whose `into_raw` hands out (and whose `from_raw` takes back) an allocation, by its kind. */
export const RAW_OWNERS: Record<string, AllocationKind> = { Box: 'box', CString: 'cstring', Arc: 'arc', Rc: 'rc' };

/** What allocation `value` hands out, or undefined if it is not an ownership transfer the table knows. */
function allocationOf(facts: BodyFacts, value: Expr, boundaryType: string | undefined): Allocation | undefined {
  if (value.kind === 'call') {
    const fn = value.callee[value.callee.length - 1];
    const owner = value.callee[value.callee.length - 2] ?? '';
    if ((fn === 'into_raw' || (fn === 'leak' && owner === 'Box')) && RAW_OWNERS[owner]) {
      const kind = RAW_OWNERS[owner];
      const inner = value.args[0] ? originOf(facts, value.args[0]).expr : undefined;
      // `Box::leak(Box::from_raw(p))` / `Box::into_raw(b)` with `b` from `from_raw`: a borrow of what the host owns.
      if (inner?.kind === 'call' && inner.callee[inner.callee.length - 1] === 'from_raw') return undefined;
      if (kind === 'box' && inner && isBoxedSlice(inner)) return { kind: 'boxed-slice', type: undefined };
      if (kind === 'cstring') return { kind, type: 'CString' };
      return { kind, type: typeArgument(value.turbofish) ?? (inner ? constructedType(facts, inner) : undefined) ?? concreteType(boundaryType) };
    }
    if (fn === 'malloc' || fn === 'calloc' || fn === 'realloc') return { kind: 'malloc', type: undefined };
    return undefined;
  }
  if (value.kind === 'method') {
    if (value.method === 'into_raw' && value.args.length === 0) {
      const receiver = originOf(facts, value.receiver).expr;
      return isCStringValue(facts, receiver) ? { kind: 'cstring', type: 'CString' } : { kind: 'unknown', type: undefined };
    }
    if ((value.method === 'as_mut_ptr' || value.method === 'as_ptr') && value.args.length === 0) return forgottenVec(facts, value.receiver);
  }
  return undefined;
}

function isBoxedSlice(expr: Expr): boolean {
  return (expr.kind === 'method' && expr.method === 'into_boxed_slice') || (expr.kind === 'call' && expr.callee.join('::').endsWith('Box::from') && expr.args.length === 1);
}

/** `Box::new(Config { .. })` → `Config`; `Box::new(Config::new(..))` → `Config`; `Box::new(x)` with `let x: Config` → `Config`. */
function constructedType(facts: BodyFacts, boxed: Expr): string | undefined {
  if (boxed.kind !== 'call' || boxed.callee.join('::') !== 'Box::new' || !boxed.args[0]) return typeArgument(boxed.kind === 'call' ? boxed.turbofish : undefined);
  const value = stripCasts(boxed.args[0]);
  if (value.kind === 'struct') return normaliseType(value.name.replace(/<[\s\S]*$/, ''));
  if (value.kind === 'call' && value.callee.length >= 2 && /^[A-Z]/.test(value.callee[value.callee.length - 2]) && /^(new|default|from|with_\w+|create)$/.test(value.callee[value.callee.length - 1])) return value.callee[value.callee.length - 2];
  const name = localName(value);
  const binding = name ? letBefore(facts, name, value.range.start) : undefined;
  if (binding?.type) return normaliseType(binding.type);
  if (binding?.value) return constructedType(facts, { ...boxed, args: [binding.value] });
  return undefined;
}

/** `CString::new(..).unwrap()` / `?` / `.expect(..)`, or a local bound to one (or annotated `CString`). */
export function isCStringValue(facts: BodyFacts, expr: Expr): boolean {
  let value = stripCasts(expr);
  while (value.kind === 'method' && /^(unwrap|expect|unwrap_or_default)$/.test(value.method)) value = stripCasts(value.receiver);
  if (value.kind === 'call') return /^CString::(new|from|from_vec_unchecked|from_vec_with_nul)/.test(value.callee.slice(-2).join('::'));
  const name = localName(value);
  const binding = name ? letBefore(facts, name, value.range.start) : undefined;
  if (binding?.type) return normaliseType(binding.type) === 'CString';
  return binding?.value ? isCStringValue(facts, binding.value) : false;
}

/** `let mut v = vec![..]; let p = v.as_mut_ptr(); mem::forget(v); p` (or `let mut v = ManuallyDrop::new(..)`) → a `vec` handout (a forgotten `CString` is a `cstring` one). */
function forgottenVec(facts: BodyFacts, receiver: Expr): Allocation | undefined {
  const name = localName(receiver);
  if (!name) return undefined;
  const forgotten = facts.calls.some((c) => /^(forget|ManuallyDrop::new)$/.test(c.expr.callee.slice(-2).join('::').replace(/^mem::/, '')) && c.expr.args.some((a) => localName(a) === name));
  const binding = letBefore(facts, name, receiver.range.start);
  const wrapped = binding?.value?.kind === 'call' && binding.value.callee.join('::').endsWith('ManuallyDrop::new');
  if (!forgotten && !wrapped) return undefined;
  if (!wrapped && isCStringValue(facts, receiver)) return { kind: 'cstring', type: 'CString' };
  const shrunk = facts.methodCalls.some((m) => m.expr.method === 'shrink_to_fit' && localName(m.expr.receiver) === name);
  return { kind: 'vec', type: undefined, exactCapacity: shrunk };
}
