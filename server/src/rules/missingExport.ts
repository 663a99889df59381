import type { Finding, Fix, Range } from '../engine/types';
import { addStaticStubFix, addStubFix } from '../fixes/interfaceFixes';
import { appliesTo, declaredSymbols, type DeclaredSymbol } from '../interface/exportMatches';
import type { DeclaredInterface } from '../interface/model';
import { importedSymbols, rustExports } from '../interface/rustSide';
import { declarationList, distinctOrigins, groupBy, relatedDeclarations } from '../interface/sameProblem';
import type { Rule } from './rule';

export const MISSING_EXPORT = 'missing-export';

/** More names than this in the summary are counted, not listed. */
const LISTED = 5;

export const missingExport: Rule = {
  id: MISSING_EXPORT,
  defaultSeverity: 'error',
  summary: 'A function or data symbol the declared interface requires is not exported by the plugin.',
  needsWholeCrate: true,
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
    const pluginRelated = { location: { file: root.path, range: firstLine }, message: `\`${crate.name}\`, the plugin that must export it` };
    // One finding per symbol, at the declaration that requires it (however many interfaces do), and one
    // summary on the crate root, so a plugin missing sixty functions is not sixty errors on its first line.
    const findings: Finding[] = [];
    const stubs: Fix[] = [];
    const groups = groupBy(missing, (m) => `${m.declaration.kind}\0${m.declaration.name}`);
    for (const group of groups) {
      const { declared, declaration } = group[0];
      const origins = distinctOrigins(group.map((m) => m.declaration.origin));
      const isData = declaration.kind === 'static';
      const stub = isData ? addStaticStubFix(crate, declared, declaration) : addStubFix(crate, declared, declaration);
      if (stub) stubs.push(stub);
      findings.push({
        rule: MISSING_EXPORT,
        severity: 'error',
        file: origins[0].file,
        range: origins[0].range,
        message: `\`${declaration.name}\` is declared ${origins.length > 1 ? `here and at ${declarationList(origins.slice(1))}` : 'here'} but \`${crate.name}\` does not export it: the host's lookup of ${isData ? 'this data symbol' : `\`${declaration.name}\``} fails (or the plugin does not load at all).`,
        help: isData
          ? `add \`#[no_mangle] pub static ${declaration.name}: …\` of the declared type to \`${crate.name}\`, or remove it from the interface`
          : `add \`#[no_mangle] pub extern "C" fn ${declaration.name}(…)\` with the declared signature to \`${crate.name}\`, or remove it from the interface`,
        related: [pluginRelated, ...relatedDeclarations(origins.slice(1))],
        fixes: stub ? [stub] : [],
      });
    }
    if (groups.length > 0) findings.push(summary(crate.name, groups.map((g) => g[0]), root.path, firstLine, stubs));
    return findings;
  },
};

function summary(crateName: string, missing: { declaration: DeclaredSymbol }[], file: string, range: Range, stubs: Fix[]): Finding {
  const names = missing.map((m) => `\`${m.declaration.name}\``);
  const listed = names.length <= LISTED ? names.join(', ') : `${names.slice(0, LISTED).join(', ')} and ${names.length - LISTED} more`;
  const functions = missing.filter((m) => m.declaration.kind === 'function').length;
  const what = functions === missing.length ? (missing.length === 1 ? 'declared function is' : 'declared functions are') : missing.length === 1 ? 'declared symbol is' : 'declared symbols are';
  const all: Fix | undefined = stubs.length > 1 ? { title: `Add stubs for the ${stubs.length} missing symbols`, isPreferred: false, edits: stubs.flatMap((s) => s.edits) } : stubs[0];
  return {
    rule: MISSING_EXPORT,
    // A pointer to the findings at the declarations, not a second count of them.
    severity: 'information',
    file,
    range,
    message: `${missing.length} ${what} not exported by \`${crateName}\` (${listed}): the host's lookups of them fail. Each is reported at its declaration.`,
    help: 'export each with the declared signature, or remove it from the interface',
    related: missing.slice(0, LISTED).map((m) => ({ location: { file: m.declaration.origin.file, range: m.declaration.origin.range }, message: `\`${m.declaration.name}\` declared here` })),
    fixes: all ? [all] : [],
  };
}
