import type { Attribute } from '../syntax/attributes';
import type { ItemCommon } from '../syntax/items';

/** The symbol an item is exported under, and the attribute that says so. */
export interface ExportedSymbol {
  name: string;
  attribute: Attribute;
}

/** `#[export_name = "x"]` wins over `#[no_mangle]` (rustc ignores the latter when both are present). */
export function exportedSymbol(item: ItemCommon): ExportedSymbol | undefined {
  const exportName = item.attributes.find((a) => a.name === 'export_name' && a.value !== undefined && !a.inner);
  if (exportName) return { name: exportName.value!, attribute: exportName };
  const noMangle = item.attributes.find((a) => a.name === 'no_mangle' && !a.inner);
  return noMangle ? { name: item.name, attribute: noMangle } : undefined;
}
