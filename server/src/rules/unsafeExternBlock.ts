import type { Finding } from '../engine/types';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const UNSAFE_EXTERN_BLOCK = 'unsafe-extern-block';

export const unsafeExternBlock: Rule = {
  id: UNSAFE_EXTERN_BLOCK,
  defaultSeverity: 'error',
  summary: 'Edition 2024: `extern` blocks must be declared `unsafe extern`.',
  check(crate, { explicitlyEnabled }) {
    if (crate.edition !== '2024' && !explicitlyEnabled) return [];
    const findings: Finding[] = [];
    for (const module of crate.modules) {
      for (const block of module.syntax.items) {
        if (block.kind !== 'externBlock' || block.isUnsafe) continue;
        if (isSuppressed(crate, UNSAFE_EXTERN_BLOCK, ['missing_unsafe_on_extern'], { items: [block], module, file: module.file })) continue;
        const start = block.headRange.start;
        findings.push({
          rule: UNSAFE_EXTERN_BLOCK,
          severity: 'error',
          file: module.file,
          range: block.headRange,
          message: `this \`extern "${block.abi}"\` block must be declared \`unsafe extern "${block.abi}"\`${crate.edition === '2024' ? ' in edition 2024' : ''}: the compiler trusts its signatures without seeing the other side, so writing them is an unsafe promise.`,
          help: 'add `unsafe` before `extern`; mark items that are always safe to call with `safe fn` / `safe static`',
          related: [],
          fixes: [{ title: 'Add `unsafe` to the `extern` block', isPreferred: true, edits: [{ file: module.file, range: { start, end: start }, newText: 'unsafe ' }] }],
        });
      }
    }
    return findings;
  },
};
