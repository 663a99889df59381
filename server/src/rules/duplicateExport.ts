import { exportableItems, type ExportableItem } from '../boundary/exportableItems';
import { exportedSymbol } from '../boundary/exportedSymbols';
import { cfgPredicates, mayHoldTogether, type CfgContext } from '../crate/cfg';
import { capRelated, type Finding } from '../engine/types';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const DUPLICATE_EXPORT = 'duplicate-export';

export const duplicateExport: Rule = {
  id: DUPLICATE_EXPORT,
  defaultSeverity: 'error',
  summary: 'Two items of the crate export the same symbol name.',
  check(crate) {
    const bySymbol = new Map<string, ExportableItem[]>();
    for (const exportable of exportableItems(crate.modules)) {
      const symbol = exportedSymbol(exportable.item);
      if (symbol) (bySymbol.get(symbol.name) ?? bySymbol.set(symbol.name, []).get(symbol.name)!).push(exportable);
    }
    const findings: Finding[] = [];
    for (const [symbol, all] of bySymbol) {
      if (all.length < 2) continue;
      // Items the build's cfg left in may still be alternatives under predicates it cannot decide
      // (`#[cfg(my_flag)]` / `#[cfg(not(my_flag))]`): only those that can be built with another one clash.
      const items = all.filter((a) => all.some((b) => b !== a && mayCoexist(a, b, crate.cfg)));
      if (items.length < 2) continue;
      // Every definition is reported (rustc names whichever one it meets second, in its own order), but each
      // extra one points only at the first, and the first at a few of the others: output stays linear.
      const [first] = items;
      const at = (other: ExportableItem) => ({ location: { file: other.module.file, range: other.item.nameRange }, message: `\`${symbol}\` is also exported here` });
      for (const current of items) {
        const { item, module, owners } = current;
        if (isSuppressed(crate, DUPLICATE_EXPORT, [], { items: owners, module, file: module.file })) continue;
        const others = items.length - 1;
        findings.push({
          rule: DUPLICATE_EXPORT,
          severity: 'error',
          file: module.file,
          range: item.nameRange,
          message: `\`${item.name}\` exports the symbol \`${symbol}\`, which ${others === 1 ? 'another item' : `${others.toLocaleString('en-US')} other items`} of this crate export${others === 1 ? 's' : ''} too: the library will not link ("symbol \`${symbol}\` is already defined").`,
          help: 'give each export a unique name (rename the function or change its `export_name`)',
          related: current === first ? capRelated(items.slice(1).map(at)) : [{ ...at(first), message: `\`${symbol}\` is first exported here` }],
          fixes: [],
        });
      }
    }
    return findings;
  },
};

/** Whether two exports can be in one build: their `#[cfg]`s (and their owners') can all hold at once. */
function mayCoexist(a: ExportableItem, b: ExportableItem, cfg: CfgContext): boolean {
  const predicates = [...cfgOf(a), ...cfgOf(b)];
  return predicates.length === 0 || mayHoldTogether(predicates, cfg);
}

function cfgOf(exportable: ExportableItem): string[] {
  return [exportable.item, ...exportable.owners].flatMap((owner) => cfgPredicates(owner.attributes));
}
