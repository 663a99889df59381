import { exportableItems } from '../boundary/exportableItems';
import { exportedSymbol } from '../boundary/exportedSymbols';
import type { Finding } from '../engine/types';
import { onlyRustHostsUse } from '../interface/rustHostContract';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const NO_MANGLE_RUST_ABI = 'no-mangle-rust-abi';

export const noMangleRustAbi: Rule = {
  id: NO_MANGLE_RUST_ABI,
  defaultSeverity: 'warning',
  summary: 'A function exported by name with the Rust ABI, whose calling convention is unstable.',
  check(crate) {
    const findings: Finding[] = [];
    for (const exportable of exportableItems(crate.modules)) {
      const { item, module, owners } = exportable;
      if (item.kind !== 'function' || item.abi !== undefined || !item.hasBody) continue;
      const symbol = exportedSymbol(exportable.item);
      if (!symbol) continue;
      // The crate's Rust hosts call it as a Rust `fn`: the Rust ABI is what they agreed on.
      if (onlyRustHostsUse(crate, symbol.name, 'function')) continue;
      if (isSuppressed(crate, NO_MANGLE_RUST_ABI, [], { items: owners, module, file: module.file })) continue;
      const at = item.fnKeyword;
      findings.push({
        rule: NO_MANGLE_RUST_ABI,
        severity: 'warning',
        file: module.file,
        range: item.nameRange,
        message: `\`${item.name}\` is exported as \`${symbol.name}\` but uses the Rust ABI, whose calling convention can change with any compiler release: a host calling it as a C function passes arguments where it does not look for them.`,
        help: 'declare it `extern "C"`',
        related: [{ location: { file: module.file, range: symbol.attribute.range }, message: 'exported by this attribute' }],
        fixes: [{ title: 'Add `extern "C"`', isPreferred: true, edits: [{ file: module.file, range: { start: at, end: at }, newText: 'extern "C" ' }] }],
      });
    }
    return findings;
  },
};
