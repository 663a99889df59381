import type { Finding } from '../engine/types';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const NO_MANGLE_CONST = 'no-mangle-const';

/**
 * `#[no_mangle]` on a `const`: a const has no address and is inlined where it is used, so nothing is
 * exported (rustc's deny-by-default `no_mangle_const_items`, at the same span: the item).
 */
export const noMangleConst: Rule = {
  id: NO_MANGLE_CONST,
  defaultSeverity: 'error',
  summary: '`#[no_mangle]` on a `const` item: consts are not exported, so the host finds no symbol.',
  check(crate) {
    const findings: Finding[] = [];
    for (const module of crate.modules) {
      const lines = crate.files.get(module.file)?.lines;
      for (const item of module.syntax.items) {
        if (item.kind !== 'const' || !item.attributes.some((a) => a.name === 'no_mangle' && !a.inner)) continue;
        if (isSuppressed(crate, NO_MANGLE_CONST, ['no_mangle_const_items'], { items: [item], module, file: module.file })) continue;
        const start = lines ? lines.offsetAt(item.range.start) : -1;
        const keyword = lines ? /\bconst\b/.exec(lines.text.slice(start, lines.offsetAt(item.nameRange.start))) : null;
        const fixes = lines && keyword
          ? [{ title: `Make \`${item.name}\` a \`static\``, isPreferred: true, edits: [{ file: module.file, range: { start: lines.positionAt(start + keyword.index), end: lines.positionAt(start + keyword.index + 5) }, newText: 'static' }] }]
          : [];
        findings.push({
          rule: NO_MANGLE_CONST,
          severity: noMangleConst.defaultSeverity,
          file: module.file,
          range: item.range,
          message: `\`${item.name}\` is a \`const\`, which is inlined where it is used and has no address: \`#[no_mangle]\` exports nothing, so a host looking up \`${item.name}\` does not find it.`,
          help: 'make it a `static` to export it',
          related: [],
          fixes,
        });
      }
    }
    return findings;
  },
};
