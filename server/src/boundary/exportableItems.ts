import type { Module } from '../crate/crateModel';
import type { FunctionItem, ImplItem, ItemCommon, StaticItem } from '../syntax/items';

/** A function or static that can carry `#[no_mangle]` / `#[export_name]`, with its enclosing impl or trait. */
export interface ExportableItem {
  item: FunctionItem | StaticItem;
  container: ImplItem | undefined;
  module: Module;
  /** Items whose attributes and suppression comments apply, innermost first. */
  owners: ItemCommon[];
}

export function* exportableItems(modules: readonly Module[]): Generator<ExportableItem> {
  for (const module of modules) {
    for (const item of module.syntax.items) {
      if (item.kind === 'function' || item.kind === 'static') {
        yield { item, container: undefined, module, owners: [item] };
      } else if (item.kind === 'impl' || item.kind === 'trait') {
        for (const member of [...item.functions, ...item.consts]) yield { item: member, container: item, module, owners: [member, item] };
      }
    }
  }
}
