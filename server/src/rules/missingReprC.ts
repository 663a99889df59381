import { layoutProblemsAt, sitesWithFacts, type CachedLayoutProblem } from '../boundary/siteFacts';
import type { BoundarySite } from '../boundary/sites';
import type { CrateModel } from '../crate/crateModel';
import type { Finding, Fix, RelatedInformation } from '../engine/types';
import type { LineIndex } from '../parsing/lineIndex';
import type { AdtItem } from '../syntax/items';
import { addReprFix } from '../fixes/addRepr';
import { isDescriptorSite, withDescriptorFix } from '../fixes/descriptorFields';
import type { Rule } from './rule';
import { fileSuppressionParts, itemOutput } from './itemOutputs';
import { isSuppressed } from './suppression';

export const MISSING_REPR_C = 'missing-repr-c';

const WHY = {
  struct: 'Rust may reorder and pad its fields, so the other side reads them at the wrong offsets',
  union: 'Rust does not promise where a union without `#[repr(C)]` keeps its data',
  enum: 'Rust chooses the size and values of its discriminant freely, so the other side cannot read it',
};

export const missingReprC: Rule = {
  id: MISSING_REPR_C,
  defaultSeverity: 'error',
  summary: 'A struct, enum or union of this crate crosses the C boundary by value without a C-compatible `repr`.',
  // The sites, their layouts, suppression and the fixes are read from items alone (itemOutputs.ts).
  check: (crate) => [...itemOutput(crate, MISSING_REPR_C, fileSuppressionParts(crate), () => findingsOf(crate))],
};

function findingsOf(crate: CrateModel): Finding[] {
  const findings: Finding[] = [];
  // One type is often reported at many sites: build its fixes once.
  const fixesByType = new Map<AdtItem, Fix[]>();
  for (const entry of sitesWithFacts(crate)) {
    const site = entry.site;
    for (const problem of layoutProblemsAt(entry)) {
      if (isSuppressed(crate, MISSING_REPR_C, [site.lint], { items: site.owners, module: site.module, file: site.module.file, commentOnlyItems: [problem.adt] })) continue;
      let fixes = fixesByType.get(problem.adt);
      if (!fixes) {
        fixes = reprFixes(crate, problem);
        fixesByType.set(problem.adt, fixes);
      }
      // The plugin-descriptor pattern also gets "… and move its version fields first".
      findings.push(toFinding(site, problem, isDescriptorSite(site) ? withDescriptorFix(problem.adt, problem.file, linesOf(crate, problem.file, new Set()), fixes) : fixes));
    }
  }
  return findings;
}

/** The fix edits the file that defines the type, which may belong to another crate of the workspace. */
function reprFixes(crate: CrateModel, { adt, file }: CachedLayoutProblem): Fix[] {
  const lines = linesOf(crate, file, new Set());
  if (!lines) return [];
  const fixes = [addReprFix(adt, file, lines, 'C', true)];
  if (isFieldlessEnum(adt)) fixes.push(addReprFix(adt, file, lines, 'u32', false));
  return fixes;
}

/** The text of `file` in this model: the crate's own, or a dependency's (where a type of the site may live). */
function linesOf(crate: CrateModel, file: string, visited: Set<CrateModel>): LineIndex | undefined {
  const own = crate.files.get(file)?.lines;
  if (own || visited.has(crate)) return own;
  visited.add(crate);
  for (const dependency of crate.dependencies.values()) {
    const found = linesOf(dependency, file, visited);
    if (found) return found;
  }
  return undefined;
}

function isFieldlessEnum(adt: AdtItem): boolean {
  return adt.kind === 'enum' && adt.variants.every((v) => v.fields.length === 0);
}

function toFinding(site: BoundarySite, problem: CachedLayoutProblem, fixes: Fix[]): Finding {
  const { adt, file, path } = problem;
  const last = path.at(-1);
  const through = last ? ` (through field \`${last.field}\` of \`${last.owner}\`)` : '';
  const related: RelatedInformation[] = [
    { location: { file, range: adt.nameRange }, message: `\`${adt.name}\` is defined here without a C-compatible \`repr\`` },
    ...path.map((step) => ({ location: step.location, message: `field \`${step.field}\` of \`${step.owner}\` is held by value` })),
  ];
  const fieldless = isFieldlessEnum(adt);
  return {
    rule: MISSING_REPR_C,
    severity: missingReprC.defaultSeverity,
    file: site.module.file,
    range: site.type.range,
    message: `\`${adt.name}\` crosses the C boundary ${site.where}${through} but has no C layout: ${WHY[adt.kind]}.`,
    help: fieldless
      ? `add \`#[repr(C)]\` (or a fixed integer type such as \`#[repr(u32)]\`) to \`${adt.name}\``
      : `add \`#[repr(C)]\` to \`${adt.name}\``,
    related,
    fixes,
  };
}
