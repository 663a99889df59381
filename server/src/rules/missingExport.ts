import type { Finding, Range } from '../engine/types';
import { addStubFix } from '../fixes/interfaceFixes';
import { shortLocation } from '../interface/model';
import { importedSymbols, rustExports } from '../interface/rustSide';
import type { Rule } from './rule';

export const MISSING_EXPORT = 'missing-export';

export const missingExport: Rule = {
  id: MISSING_EXPORT,
  defaultSeverity: 'error',
  summary: 'A symbol the declared interface requires is not exported by the plugin.',
  check(crate) {
    const interfaces = crate.interfaces ?? [];
    if (interfaces.length === 0) return [];
    const root = crate.files.get(crate.root.file);
    if (!root || root.syntax.fileSuppressed.includes(MISSING_EXPORT) || crate.root.suppressed.has(MISSING_EXPORT)) return [];
    const exports = rustExports(crate);
    const imported = importedSymbols(crate);
    const firstLine: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: root.lines.lineText(0).length } };
    const findings: Finding[] = [];
    for (const declared of interfaces) {
      // A header merely lying in the crate folder is this plugin's interface only if the plugin implements
      // part of it; otherwise it may be a vendored or host-side header.
      if (declared.reason === 'in-crate' && !declared.functions.some((f) => exports.has(f.name))) continue;
      for (const declaration of declared.functions) {
        if (declaration.optional || exports.has(declaration.name) || imported.has(declaration.name)) continue;
        const stub = addStubFix(crate, declared, declaration);
        findings.push({
          rule: MISSING_EXPORT,
          severity: 'error',
          file: root.path,
          range: firstLine,
          message: `\`${declaration.name}\` is declared at \`${shortLocation(declaration.origin)}\` but \`${crate.name}\` does not export it: the host's lookup of \`${declaration.name}\` fails (or the plugin does not load at all).`,
          help: `add \`#[no_mangle] pub extern "C" fn ${declaration.name}(…)\` with the declared signature, or remove it from the header`,
          related: [{ location: { file: declaration.origin.file, range: declaration.origin.range }, message: `declared here: ${declaration.origin.text.trim().split('\n')[0]}` }],
          fixes: stub ? [stub] : [],
        });
      }
    }
    return findings;
  },
};
