import type { CrateModel, Module } from '../crate/crateModel';
import { namespaceOf } from '../crate/crateModel';
import { resolvePath } from '../crate/resolve';
import type { FunctionItem } from '../syntax/items';
import { bodyOf } from './bodyOf';
import { recordRead } from './bodyEnvironment';
import type { BodyFacts, Expr } from './facts';

/** A function of the crate with a body, and where it is. */
export interface CrateFunction {
  fn: FunctionItem;
  module: Module;
  file: string;
}

interface FunctionIndex {
  all: CrateFunction[];
  /** Each function's place in `all` (what a memoised body answer names it by). */
  positions: Map<FunctionItem, number>;
  /** Free functions by module id, then name. */
  free: Map<number, Map<string, CrateFunction>>;
  /** Impl functions by the last segment of the impl's self type, then name. */
  methods: Map<string, Map<string, CrateFunction[]>>;
}

const indexes = new WeakMap<CrateModel, FunctionIndex>();

/** Every function with a body in the crate (free functions and inherent/trait impl methods). */
export function crateFunctions(crate: CrateModel): CrateFunction[] {
  return indexOf(crate).all;
}

/** The facts body rules read (workspace macros expanded); a memoised answer being computed records the read. */
export function factsOf(crate: CrateModel, target: CrateFunction): BodyFacts {
  const facts = bodyOf(crate, target.fn, target.file, true);
  const position = indexOf(crate).positions.get(target.fn);
  if (position !== undefined) recordRead(position, facts);
  return facts;
}

/** Where `target` is in `crateFunctions(crate)`, if it is a function of the crate. */
export function functionPosition(crate: CrateModel, target: CrateFunction): number | undefined {
  return indexOf(crate).positions.get(target.fn);
}

function indexOf(crate: CrateModel): FunctionIndex {
  let index = indexes.get(crate);
  if (index) return index;
  index = { all: [], positions: new Map(), free: new Map(), methods: new Map() };
  for (const module of crate.modules) {
    const free = new Map<string, CrateFunction>();
    index.free.set(module.id, free);
    for (const item of module.syntax.items) {
      if (item.kind === 'function' && item.hasBody) {
        const entry = { fn: item, module, file: module.file };
        index.positions.set(item, index.all.length);
        index.all.push(entry);
        free.set(item.name, entry);
      } else if (item.kind === 'impl' && item.selfType) {
        const typeName = lastTypeSegment(item.selfType.text);
        let byName = index.methods.get(typeName);
        if (!byName) index.methods.set(typeName, (byName = new Map()));
        for (const fn of item.functions.filter((f) => f.hasBody)) {
          const entry = { fn, module, file: module.file };
          index.positions.set(fn, index.all.length);
          index.all.push(entry);
          byName.set(fn.name, [...(byName.get(fn.name) ?? []), entry]);
        }
      }
    }
  }
  indexes.set(crate, index);
  return index;
}

function lastTypeSegment(typeText: string): string {
  const withoutArgs = typeText.replace(/<.*$/s, '');
  return withoutArgs.split('::').pop()?.trim() ?? withoutArgs;
}

/**
 * The crate function a call names, if it can be told from the source: `helper(..)`, `util::helper(..)`,
 * an imported `helper`, `Type::assoc(..)`, `Self::assoc(..)` and `self.method(..)`. Anything else (std,
 * other crates, trait objects, methods on values of unknown type) is `undefined`.
 */
export function resolveCall(crate: CrateModel, caller: CrateFunction, call: Expr): CrateFunction | undefined {
  const index = indexOf(crate);
  const selfTypeName = caller.fn.selfType ? lastTypeSegment(caller.fn.selfType.text) : undefined;
  if (call.kind === 'method') {
    if (call.receiver.kind !== 'path' || call.receiver.text !== 'self' || !selfTypeName) return undefined;
    return unique(index.methods.get(selfTypeName)?.get(call.method));
  }
  if (call.kind !== 'call') return undefined;
  const segments = call.callee;
  const name = segments[segments.length - 1];
  if (segments.length === 1) return findFree(index, caller.module, name);
  const prefix = segments.slice(0, -1);
  if (prefix.length === 1 && prefix[0] === 'Self') return selfTypeName ? unique(index.methods.get(selfTypeName)?.get(name)) : undefined;
  const target = resolvePath(caller.module, prefix);
  if (target.kind === 'module') return index.free.get(target.module.id)?.get(name);
  if (target.kind === 'adt' || target.kind === 'alias') return unique(index.methods.get(target.item.name)?.get(name));
  return undefined;
}

function findFree(index: FunctionIndex, module: Module, name: string): CrateFunction | undefined {
  const local = index.free.get(module.id)?.get(name);
  if (local) return local;
  const namespace = namespaceOf(module);
  const imported = namespace.imports.get(name);
  if (imported && imported.path.length > 1) {
    const target = resolvePath(module, imported.path.slice(0, -1));
    const original = imported.path[imported.path.length - 1];
    return target.kind === 'module' ? index.free.get(target.module.id)?.get(original) : undefined;
  }
  for (const glob of namespace.globs) {
    const target = resolvePath(module, glob.path);
    const found = target.kind === 'module' ? index.free.get(target.module.id)?.get(name) : undefined;
    if (found?.fn.isPublic) return found;
  }
  return undefined;
}

/** Several impls of one type name may define the same method (different generic args): only a single one is sure. */
function unique(list: CrateFunction[] | undefined): CrateFunction | undefined {
  return list?.length === 1 ? list[0] : undefined;
}

/** The crate functions a function calls directly (each at most once), with the call that names it. */
export function calleesOf(crate: CrateModel, caller: CrateFunction, facts = factsOf(crate, caller)): { target: CrateFunction; call: BodyFacts['calls'][number] | BodyFacts['methodCalls'][number] }[] {
  const found: { target: CrateFunction; call: BodyFacts['calls'][number] | BodyFacts['methodCalls'][number] }[] = [];
  const seen = new Set<FunctionItem>();
  for (const call of [...facts.calls, ...facts.methodCalls]) {
    const target = resolveCall(crate, caller, call.expr);
    if (!target || seen.has(target.fn) || target.fn === caller.fn) continue;
    seen.add(target.fn);
    found.push({ target, call });
  }
  return found;
}
