// What other builds of the crate export: functions and statics, and the types only they use, that the checked
// build's `#[cfg]` leaves out (another target, a feature that is off). Read from the files' syntax as written
// (the crate model holds one build); the header declares them under their `#if`. Top level of each file, and
// functions of its `impl` blocks.
import { exportedSymbol } from '../boundary/exportedSymbols';
import { isForeignAbi } from '../boundary/sites';
import { cfgPredicates } from '../crate/cfg';
import type { CrateModel, Module } from '../crate/crateModel';
import type { CType } from '../interface/model';
import type { AdtItem, FunctionItem, Item, StaticItem } from '../syntax/items';

export interface OffBuildExport {
  symbol: string;
  item: FunctionItem | StaticItem;
  module: Module;
  offBuild: true;
}

/** The file-root modules, with the items their file has as written (before `#[cfg]`). */
function* fileRoots(crate: CrateModel): Generator<{ module: Module; raw: readonly Item[] }> {
  for (const module of crate.modules) {
    if (module.parent && module.parent.file === module.file) continue; // inline modules: their file's root is read
    const raw = crate.files.get(module.file)?.syntax.module.items ?? [];
    if (raw !== module.syntax.items) yield { module, raw };
  }
}

export function otherBuilds(crate: CrateModel, known: ReadonlySet<string>): OffBuildExport[] {
  const out: OffBuildExport[] = [];
  for (const { module, raw } of fileRoots(crate)) {
    // Free functions and statics, and functions of `impl` blocks (`impl rustls_connection { #[cfg(..)] #[no_mangle] … }`).
    const members = (items: readonly Item[]) => items.flatMap((i): (FunctionItem | StaticItem)[] => (i.kind === 'function' || i.kind === 'static' ? [i] : i.kind === 'impl' ? i.functions : []));
    const kept = new Set(members(module.syntax.items).map((i) => i.range.start.line));
    for (const item of members(raw)) {
      if (kept.has(item.range.start.line) || cfgPredicates(item.attributes).length === 0) continue;
      if (item.kind === 'function' && (!isForeignAbi(item.abi) || item.generics.length > 0)) continue;
      const symbol = exportedSymbol(item)?.name.replace(/^r#/, '');
      if (symbol && !known.has(symbol)) out.push({ symbol, item, module, offBuild: true });
    }
  }
  return out;
}

/** Structs, unions and enums the build leaves out, by name, per module. */
export function offBuildAdts(crate: CrateModel): Map<Module, Map<string, AdtItem>> {
  const out = new Map<Module, Map<string, AdtItem>>();
  for (const { module, raw } of fileRoots(crate)) {
    const kept = new Set(module.syntax.items.map((i) => i.range.start.line));
    for (const item of raw) {
      if ((item.kind !== 'struct' && item.kind !== 'union' && item.kind !== 'enum') || kept.has(item.range.start.line) || item.generics.length > 0) continue;
      if (cfgPredicates(item.attributes).length === 0) continue;
      const names = out.get(module) ?? out.set(module, new Map()).get(module)!;
      if (!names.has(item.name)) names.set(item.name, item);
    }
  }
  return out;
}

/**
 * `type` with every type the build could not name that is an off-build type of the module (`WinThing` in a
 * `#[cfg(windows)]` function, read on Linux) made a reference to it; `use` is told of each one met.
 */
export function resolveOffBuild(type: CType, adts: ReadonlyMap<string, AdtItem> | undefined, use: (adt: AdtItem) => void, depth = 0): CType {
  if (!adts || depth > 16) return type;
  const again = (t: CType) => resolveOffBuild(t, adts, use, depth + 1);
  switch (type.kind) {
    case 'unknown': {
      const name = /^(?:(?:crate|self|super)::)*(?:\w+::)*(\w+)$/.exec(type.spelling.trim())?.[1];
      const adt = name ? adts.get(name) : undefined;
      if (!adt) return type;
      use(adt);
      return { kind: 'record', tag: adt.kind, name: adt.name, spelling: adt.name };
    }
    case 'pointer':
      return { ...type, pointee: again(type.pointee) };
    case 'array':
      return { ...type, element: again(type.element) };
    case 'function':
      return { ...type, params: type.params.map(again), returnType: again(type.returnType) };
    default:
      return type;
  }
}
