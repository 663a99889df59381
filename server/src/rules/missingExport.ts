import type { Finding, Range } from '../engine/types';
import { addStaticStubFix, addStubFix } from '../fixes/interfaceFixes';
import { appliesTo, declaredSymbols, type DeclaredSymbol } from '../interface/exportMatches';
import type { DeclaredInterface } from '../interface/model';
import { importedSymbols, rustExports } from '../interface/rustSide';
import { declarationList, distinctOrigins, groupBy, relatedDeclarations } from '../interface/sameProblem';
import type { Rule } from './rule';

export const MISSING_EXPORT = 'missing-export';

export const missingExport: Rule = {
  id: MISSING_EXPORT,
  defaultSeverity: 'error',
  summary: 'A function or data symbol the declared interface requires is not exported by the plugin.',
  check(crate) {
    const interfaces = crate.interfaces ?? [];
    if (interfaces.length === 0) return [];
    const root = crate.files.get(crate.root.file);
    if (!root || root.syntax.fileSuppressed.includes(MISSING_EXPORT) || crate.root.suppressed.has(MISSING_EXPORT)) return [];
    const exports = rustExports(crate);
    const imported = importedSymbols(crate);
    const missing: { declared: DeclaredInterface; declaration: DeclaredSymbol }[] = [];
    for (const declared of interfaces) {
      // A header merely lying in the crate folder may be a vendored or host-side one.
      if (!appliesTo(declared, exports)) continue;
      for (const declaration of declaredSymbols(declared)) {
        if (!declaration.optional && !exports.has(declaration.name) && !imported.has(declaration.name)) missing.push({ declared, declaration });
      }
    }
    const firstLine: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: root.lines.lineText(0).length } };
    // One finding per symbol, however many interfaces require it.
    return groupBy(missing, (m) => `${m.declaration.kind}\0${m.declaration.name}`).map((group): Finding => {
      const { declared, declaration } = group[0];
      const origins = distinctOrigins(group.map((m) => m.declaration.origin));
      const isData = declaration.kind === 'static';
      const stub = isData ? addStaticStubFix(crate, declared, declaration) : addStubFix(crate, declared, declaration);
      return {
        rule: MISSING_EXPORT,
        severity: 'error',
        file: root.path,
        range: firstLine,
        message: `\`${declaration.name}\` is declared at ${declarationList(origins)} but \`${crate.name}\` does not export it: the host's lookup of ${isData ? 'this data symbol' : `\`${declaration.name}\``} fails (or the plugin does not load at all).`,
        help: isData
          ? `add \`#[no_mangle] pub static ${declaration.name}: …\` of the declared type, or remove it from the interface`
          : `add \`#[no_mangle] pub extern "C" fn ${declaration.name}(…)\` with the declared signature, or remove it from the interface`,
        related: relatedDeclarations(origins),
        fixes: stub ? [stub] : [],
      };
    });
  },
};
