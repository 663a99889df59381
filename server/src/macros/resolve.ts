import type { CrateModel, Module } from '../crate/crateModel';
import type { MacroCallItem, MacroRulesItem } from '../syntax/items';

export interface MacroDefinitionSite {
  item: MacroRulesItem;
  module: Module;
  /** Its index among the module's items (textual order within the module). */
  index: number;
}

export interface MacroScope {
  crate: CrateModel;
  byName: ReadonlyMap<string, MacroDefinitionSite[]>;
  dependencyScope(dependency: CrateModel): MacroScope;
}

/**
 * The `macro_rules!` a call names, or undefined when it is not one of the workspace's (a std or crates.io
 * macro, a procedural macro: those calls stay unexpanded and silent). Textual scope first (the latest
 * definition before the call in its module, then the enclosing modules), then any definition of the crate
 * (`#[macro_use] mod`, `#[macro_export]` + `use crate::m`) when all of them agree, then the exported macros
 * of local dependencies. Ambiguity means "unknown": a wrong expansion would be a false alarm.
 */
export function resolveMacro(scope: MacroScope, call: Pick<MacroCallItem, 'path' | 'name'>, module: Module, index: number): { definition: MacroRulesItem; module: Module } | undefined {
  const path = call.path.map((segment) => segment.replace(/^\$/, ''));
  if (path.length > 2) return undefined;
  if (path.length === 2) {
    const [head] = path;
    if (head === 'crate' || head === 'self' || head === 'super') return unique(scope.byName.get(call.name) ?? []);
    const dependency = scope.crate.dependencies.get(head);
    return dependency ? unique(exported(scope.dependencyScope(dependency), call.name)) : undefined;
  }
  const candidates = scope.byName.get(call.name) ?? [];
  const before = candidates.filter((d) => d.module === module && d.index < index).sort((a, b) => b.index - a.index)[0];
  if (before) return { definition: before.item, module: before.module };
  for (let ancestor = module.parent; ancestor; ancestor = ancestor.parent) {
    const inAncestor = candidates.filter((d) => d.module === ancestor);
    if (inAncestor.length > 0) return unique(inAncestor);
  }
  const inCrate = unique(candidates);
  if (inCrate) return inCrate;
  if (candidates.length > 0) return undefined;
  const fromDependencies = [...scope.crate.dependencies.values()].flatMap((dependency) => exported(scope.dependencyScope(dependency), call.name));
  return unique(fromDependencies);
}

function exported(scope: MacroScope, name: string): MacroDefinitionSite[] {
  return (scope.byName.get(name) ?? []).filter((d) => d.item.attributes.some((a) => a.name === 'macro_export'));
}

/** One definition, or several with the same text (a macro written twice under `cfg`s): the first of them. */
function unique(sites: readonly MacroDefinitionSite[]): { definition: MacroRulesItem; module: Module } | undefined {
  const [first] = sites;
  if (!first || sites.some((s) => s.item.text !== first.item.text)) return undefined;
  return { definition: first.item, module: first.module };
}
