import type { CrateModel } from '../crate/crateModel';
import { resolvePath } from '../crate/resolve';
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
          const fieldType = fieldPointee(target, value.name, field.name);
          for (const h of allocationsFrom(crate, target, facts, field.value, fieldType, 0)) found.push({ ...h, export: target, boundaryType: fieldType, via });
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

/** The pointee of a raw-pointer field of a crate struct (`Buf { ptr: *mut u8 }` → `u8`): how the host passes it back. */
function fieldPointee(target: CrateFunction, structName: string, field: string): string | undefined {
  const definition = resolvePath(target.module, structName.replace(/<[\s\S]*$/, '').split('::').map((s) => s.trim()));
  if (definition.kind !== 'adt' || definition.item.kind !== 'struct') return undefined;
  return pointeeOf(definition.item.fields.find((f) => f.name === field)?.type.text);
}

/** The values an expression can produce, through branches and locals (casts stripped). */
function leaves(facts: BodyFacts, expr: Expr): Expr[] {
  const origin = originOf(facts, expr).expr;
  return origin.kind === 'branches' ? origin.values.flatMap((v) => leaves(facts, v)) : [origin];
}

/**
 * Whether a pointer cast (`as *mut T`, `.cast::<T>()`) sits between a value and where it leaves: the
 * boundary type then names an opaque public type, not what was allocated.
 */
function isCastOnTheWay(facts: BodyFacts, expr: Expr, depth = 0): boolean {
  if (depth > 8) return false;
  if (expr.kind === 'cast' || (expr.kind === 'method' && /^cast(_mut|_const)?$/.test(expr.method))) return true;
  if (expr.kind === 'try' || expr.kind === 'branches') return (expr.kind === 'try' ? [expr.value] : expr.values).some((v) => isCastOnTheWay(facts, v, depth + 1));
  if (expr.kind === 'call' && isWrapper(expr.callee) && expr.args[0]) return isCastOnTheWay(facts, expr.args[0], depth + 1);
  const name = localName(expr);
  const binding = name && expr.kind === 'path' ? letBefore(facts, name, expr.range.start) : undefined;
  return binding?.value ? isCastOnTheWay(facts, binding.value, depth + 1) : false;
}

/** The allocations `expr` hands out, in `target` or in the crate helpers it returns from. */
function allocationsFrom(crate: CrateModel, target: CrateFunction, facts: BodyFacts, expr: Expr, boundaryType: string | undefined, depth: number): Located[] {
  const found: Located[] = [];
  // Cast to an opaque type on the way out: the boundary type says nothing about what was allocated.
  if (isCastOnTheWay(facts, expr)) boundaryType = undefined;
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
    const handedThrough = mappedIntoRaw(value, boundaryType);
    if (handedThrough) return handedThrough;
    if ((value.method === 'as_ptr' || value.method === 'as_mut_ptr') && value.args.length === 0) {
      const leaked = leakedValue(facts, value.receiver);
      if (leaked) return leaked;
    }
    if (value.method === 'into_raw' && value.args.length === 0) {
      const receiver = originOf(facts, value.receiver).expr;
      return isCStringValue(facts, receiver) ? { kind: 'cstring', type: 'CString' } : { kind: 'unknown', type: undefined };
    }
    if ((value.method === 'as_mut_ptr' || value.method === 'as_ptr') && value.args.length === 0) return forgottenVec(facts, value.receiver);
  }
  return undefined;
}

/** `opt.map(CString::into_raw)`, `opt.map_or(ptr::null_mut(), Box::into_raw)`: ownership given away through a function path. */
function mappedIntoRaw(value: Extract<Expr, { kind: 'method' }>, boundaryType: string | undefined): Allocation | undefined {
  // `.map(CString::into_raw).unwrap_or(ptr::null_mut())`: the pointer, or null.
  if (/^(unwrap_or|unwrap_or_else|unwrap_or_default)$/.test(value.method) && value.receiver.kind === 'method') return mappedIntoRaw(value.receiver, boundaryType);
  if (!/^(map|map_or|map_or_else|and_then)$/.test(value.method)) return undefined;
  const fn = value.args[value.args.length - 1];
  if (fn?.kind !== 'path' || fn.segments.length < 2 || fn.segments[fn.segments.length - 1] !== 'into_raw') return undefined;
  const owner = fn.segments[fn.segments.length - 2];
  const kind = RAW_OWNERS[owner];
  if (!kind) return undefined;
  return kind === 'cstring' ? { kind, type: 'CString' } : { kind, type: concreteType(boundaryType) };
}

/**
 * `Box::leak(s.into_boxed_c_str()).as_ptr()`, `String::leak(s).as_ptr()`, `v.leak().as_mut_ptr()`: a new
 * allocation leaked on every call to get a pointer that lives forever (a leak once into a `static` or
 * `OnceLock` goes through `get_or_init`, not here).
 */
function leakedValue(facts: BodyFacts, receiver: Expr): Allocation | undefined {
  let value = stripCasts(receiver);
  while (value.kind === 'method' && /^(as_bytes|as_bytes_with_nul|as_c_str|as_str|as_slice|as_mut_slice)$/.test(value.method) && value.args.length === 0) value = stripCasts(value.receiver);
  if (value.kind === 'call') {
    const [owner, fn] = value.callee.slice(-2);
    if (fn !== 'leak' || !/^(Box|String|Vec)$/.test(owner ?? '') || !value.args[0]) return undefined;
    const inner = originOf(facts, value.args[0]).expr;
    if (inner.kind === 'call' && inner.callee[inner.callee.length - 1] === 'from_raw') return undefined;
    const what = owner === 'Box' ? (inner.kind === 'method' && inner.method === 'into_boxed_c_str' ? 'Box<CStr>' : 'Box') : owner;
    return { kind: owner === 'Box' ? (isBoxedSlice(inner) || what === 'Box<CStr>' ? 'boxed-slice' : 'box') : 'vec', type: undefined, leakedPerCall: `${owner}::leak`, leakedWhat: what };
  }
  if (value.kind === 'method' && value.method === 'leak' && value.args.length === 0) {
    const text = value.receiver.text;
    const what = /to_string\(\)|String::|format!/.test(text) ? 'String' : /vec!|Vec::|to_vec\(\)|collect/.test(text) ? 'Vec' : undefined;
    return what ? { kind: 'vec', type: undefined, leakedPerCall: `${what}::leak`, leakedWhat: what } : undefined;
  }
  return undefined;
}

function isBoxedSlice(expr: Expr): boolean {
  return (expr.kind === 'method' && expr.method === 'into_boxed_slice') || (expr.kind === 'call' && expr.callee.join('::').endsWith('Box::from') && expr.args.length === 1);
}

/** `Box::new(Config { .. })` → `Config`; `Box::new(Config::new(..))` → `Config`; `Box::new(x)` with `let x: Config` → `Config`. */
function constructedType(facts: BodyFacts, boxed: Expr): string | undefined {
  if (boxed.kind !== 'call' || !/^(Box|Arc|Rc)::new$/.test(boxed.callee.slice(-2).join('::')) || !boxed.args[0]) {
    // `let inner = Arc::new(..); Arc::into_raw(inner)`: follow the local to its constructor.
    const name = localName(boxed);
    const binding = name && boxed.kind === 'path' ? letBefore(facts, name, boxed.range.start) : undefined;
    if (binding?.type) return typeArgument(/<[\s\S]*>/.exec(binding.type)?.[0]) ?? undefined;
    if (binding?.value && binding.value !== boxed) return constructedType(facts, stripCasts(binding.value));
    return typeArgument(boxed.kind === 'call' ? boxed.turbofish : undefined);
  }
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
