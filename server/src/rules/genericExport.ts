import { exportableItems } from '../boundary/exportableItems';
import type { Finding } from '../engine/types';
import { removeAttributeEdit } from '../fixes/attributeEdits';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const GENERIC_EXPORT = 'generic-export';

export const genericExport: Rule = {
  id: GENERIC_EXPORT,
  defaultSeverity: 'error',
  summary: '`#[no_mangle]` on a function generic over types or consts: there is no single symbol to export.',
  check(crate) {
    const findings: Finding[] = [];
    for (const { item, module, owners } of exportableItems(crate.modules)) {
      if (item.kind !== 'function') continue;
      // A trait's `Self` is generic too, but rustc does not count it for this lint.
      const generics = item.generics.filter((name) => name !== 'Self');
      const attribute = item.attributes.find((a) => a.name === 'no_mangle' && !a.inner);
      const lines = crate.files.get(module.file)?.lines;
      if (generics.length === 0 || !attribute || !lines) continue;
      if (isSuppressed(crate, GENERIC_EXPORT, ['no_mangle_generic_items'], { items: owners, module, file: module.file })) continue;
      const list = generics.map((g) => `\`${g}\``).join(', ');
      findings.push({
        rule: GENERIC_EXPORT,
        severity: 'error',
        file: module.file,
        range: attribute.range,
        message: `\`${item.name}\` is generic over ${list}, so it has no single symbol the host could find: rustc ignores \`#[no_mangle]\` here and exports nothing.`,
        help: 'remove `#[no_mangle]`, or export one non-generic `extern "C"` wrapper per concrete type',
        related: [{ location: { file: module.file, range: item.nameRange }, message: `\`${item.name}\` is generic over ${list}` }],
        fixes: [{ title: 'Remove `#[no_mangle]`', isPreferred: true, edits: [removeAttributeEdit(attribute, module.file, lines)] }],
      });
    }
    return findings;
  },
};
