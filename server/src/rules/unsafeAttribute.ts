import { exportableItems } from '../boundary/exportableItems';
import type { Finding } from '../engine/types';
import { attributeNameRange, wrapInUnsafeEdits } from '../fixes/attributeEdits';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const UNSAFE_ATTRIBUTE = 'unsafe-attribute';
const UNSAFE_ATTRIBUTES = new Set(['no_mangle', 'export_name', 'link_section']);

export const unsafeAttribute: Rule = {
  id: UNSAFE_ATTRIBUTE,
  defaultSeverity: 'error',
  summary: 'Edition 2024: `#[no_mangle]`, `#[export_name]` and `#[link_section]` must be written inside `unsafe(...)`.',
  check(crate, { explicitlyEnabled }) {
    // rustc only rejects the bare form from edition 2024 on; before, the rule runs only when asked for.
    if (crate.edition !== '2024' && !explicitlyEnabled) return [];
    const findings: Finding[] = [];
    for (const { item, module, owners } of exportableItems(crate.modules)) {
      const lines = crate.files.get(module.file)?.lines;
      if (!lines) continue;
      for (const attribute of item.attributes) {
        if (!UNSAFE_ATTRIBUTES.has(attribute.name) || attribute.unsafeWrapped || attribute.inner) continue;
        if (isSuppressed(crate, UNSAFE_ATTRIBUTE, ['unsafe_attr_outside_unsafe'], { items: owners, module, file: module.file })) continue;
        const shown = attribute.value !== undefined ? `${attribute.name} = "${attribute.value}"` : attribute.name;
        findings.push({
          rule: UNSAFE_ATTRIBUTE,
          severity: 'error',
          file: module.file,
          range: attributeNameRange(attribute, lines),
          message: `\`#[${shown}]\` on \`${item.name}\` must be written \`#[unsafe(${shown})]\`${crate.edition === '2024' ? ' in edition 2024' : ''}: a wrong symbol name or link section can break other code at link or load time, and the compiler cannot check it.`,
          help: `wrap the attribute in \`unsafe(...)\` and make sure the symbol name is unique in the program`,
          related: [],
          fixes: [{ title: `Wrap in \`unsafe(...)\`: \`#[unsafe(${shown})]\``, isPreferred: true, edits: wrapInUnsafeEdits(attribute, module.file, lines) }],
        });
      }
    }
    return findings;
  },
};
