import type { Definition, Module } from './crateModel';
import { namespaceOf } from './crateModel';

/** What a path names: a definition of this crate, or something outside it (std, another crate, unknown). */
export type Resolution = Definition | { kind: 'external'; path: string[] } | { kind: 'unresolved' };

const MAX_DEPTH = 32;

/**
 * Resolves a type path as written in `module` (relative to the module, through `use` imports and globs, and
 * into local dependency crates). Names are looked up in the module's own crate, so a path written inside a
 * dependency means what it means there.
 */
export function resolvePath(module: Module, segments: readonly string[]): Resolution {
  return resolveSegments(module, segments, new Set(), 0, false);
}

function resolveSegments(module: Module, segments: readonly string[], seen: Set<string>, depth: number, isUsePath: boolean): Resolution {
  if (segments.length === 0 || depth > MAX_DEPTH) return { kind: 'unresolved' };
  const crate = module.crate;
  let index = 0;
  let current: Resolution;
  const first = segments[0];
  if (first === 'crate') {
    current = { kind: 'module', module: crate.root };
    index = 1;
  } else if (first === 'self') {
    current = { kind: 'module', module };
    index = 1;
  } else if (first === 'super') {
    let target: Module | undefined = module;
    while (segments[index] === 'super') {
      target = target?.parent;
      index++;
    }
    if (!target) return { kind: 'unresolved' };
    current = { kind: 'module', module: target };
  } else if (first === '::' || first === '?') {
    if (first === '?') return { kind: 'unresolved' };
    const dependency = crate.dependencies.get(segments[1] ?? '');
    if (!dependency) return { kind: 'external', path: segments.slice(1) };
    current = { kind: 'module', module: dependency.root };
    index = 2;
  } else {
    // Edition 2015 `use` paths start at the crate root.
    const start = isUsePath && crate.edition === '2015' ? crate.root : module;
    const dependency = crate.dependencies.get(first);
    current = lookupName(start, first, seen, depth) ?? (dependency ? { kind: 'module', module: dependency.root } : { kind: 'external', path: [...segments] });
    if (current.kind === 'external') return current;
    index = 1;
  }
  for (; index < segments.length; index++) {
    if (current.kind === 'external') return { kind: 'external', path: [...current.path, ...segments.slice(index)] };
    if (current.kind !== 'module') return { kind: 'unresolved' };
    const next = lookupName(current.module, segments[index], seen, depth);
    if (!next) return { kind: 'unresolved' };
    current = next;
  }
  return current;
}

function lookupName(module: Module, name: string, seen: Set<string>, depth: number): Resolution | undefined {
  const key = `${module.id}:${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  try {
    const namespace = namespaceOf(module);
    const definition = namespace.definitions.get(name);
    if (definition) return definition;
    const imported = namespace.imports.get(name);
    if (imported) return resolveSegments(module, imported.path, seen, depth + 1, true);
    for (const glob of namespace.globs) {
      const target = resolveSegments(module, glob.path, seen, depth + 1, true);
      if (target.kind !== 'module') continue;
      const found = lookupName(target.module, name, seen, depth + 1);
      if (found && found.kind !== 'unresolved') return found;
    }
    return undefined;
  } finally {
    seen.delete(key);
  }
}
