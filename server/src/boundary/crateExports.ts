import type { CrateModel } from '../crate/crateModel';
import type { Range } from '../engine/types';
import type { FunctionItem, ImplItem } from '../syntax/items';
import { exportableItems } from './exportableItems';
import { exportedSymbol } from './exportedSymbols';

/** A symbol the built library should export, and the item in the source that exports it. */
export interface CrateExport {
  symbol: string;
  kind: 'function' | 'static';
  /** The item's Rust name (differs from `symbol` under `#[export_name]`). */
  item: string;
  file: string;
  /** The item's name in the source, where a report points. */
  range: Range;
}

/**
 * The crate's exported symbols, in source order: `#[no_mangle]`/`#[export_name]` functions with a body and statics.
 * Generic functions (or methods of generic impls) and trait methods are left out: rustc exports nothing for them (the generic-export rule reports that).
 * `#[cfg(test)]` items never reach the model, so they are not listed either.
 */
export function crateExports(crate: CrateModel): CrateExport[] {
  const exports: CrateExport[] = [];
  for (const { item, module, container } of exportableItems(crate.modules)) {
    if (item.kind === 'const') continue;
    if (item.kind === 'function') {
      if (!item.hasBody || isGenericFunction(item, container) || item.context === 'trait') continue;
    }
    const symbol = exportedSymbol(item);
    if (!symbol) continue;
    exports.push({ symbol: symbol.name, kind: item.kind, item: item.name, file: module.file, range: item.nameRange });
  }
  return exports;
}

/** A generic function, or a method of a generic impl: rustc exports no symbol for it. */
export function isGenericFunction(item: FunctionItem, container: ImplItem | undefined): boolean {
  return [...item.generics, ...(container?.generics ?? [])].some((name) => name !== 'Self');
}
