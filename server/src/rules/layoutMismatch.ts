import type { CrateModel } from '../crate/crateModel';
import type { Finding } from '../engine/types';
import { compareEnum } from '../interface/enumLayout';
import { shortLocation } from '../interface/model';
import { compareRecord, type Adt, type LayoutProblem } from '../interface/recordLayout';
import { crateConstants } from '../interface/rustSide';
import { matchSignatures } from '../interface/signatures';
import { reprOf } from '../syntax/attributes';
import { CLayoutComputer } from '../layout/cLayout';
import { compareLayouts } from '../layout/layoutComparison';
import { LayoutComputer, layoutTarget } from '../layout/typeLayout';
import type { DeclaredInterface, DeclaredRecord } from '../interface/model';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const LAYOUT_MISMATCH = 'layout-mismatch';

export const layoutMismatch: Rule = {
  id: LAYOUT_MISMATCH,
  defaultSeverity: 'error',
  summary: 'A `#[repr(C)]` struct, union or enum differs from its declared counterpart (fields, order, types, array lengths, enum values).',
  check(crate) {
    const interfaces = crate.interfaces ?? [];
    if (interfaces.length === 0) return [];
    const { adts, reexported } = adtsOf(crate);
    const { pairs, context } = matchSignatures(crate);
    const constants = crateConstants(crate);
    const findings: Finding[] = [];
    for (const declared of interfaces) {
      const paired = new Map<string, string>(pairs.get(declared) ?? []);
      // cbindgen names (prefix, renames) pair types no signature mentions: the plugin's own, and those of a
      // local dependency that the plugin's text names (`pub use shared::Config;`).
      for (const [name, adt] of adts) {
        if (adt.crate !== crate && !reexported(name)) continue;
        const declaredName = declared.names.declaredNameOf(name);
        if (!paired.has(declaredName) && (declared.records.has(declaredName) || declared.enums.has(declaredName))) paired.set(declaredName, name);
      }
      for (const [declaredName, rustName] of paired) {
        const adt = adts.get(rustName);
        if (!adt || isSuppressed(adt.crate, LAYOUT_MISMATCH, [], { items: [adt.item], module: adt.module, file: adt.module.file })) continue;
        const repr = reprOf(adt.item.attributes);
        if (!repr.c && !repr.primitive) continue; // `missing-repr-c` reports those
        const record = declared.records.get(declaredName);
        const enumeration = declared.enums.get(declaredName);
        const typeContext = { records: context.records, constants: adt.crate === crate ? constants : crateConstants(adt.crate) };
        const problems: LayoutProblem[] = record ? compareRecord(record, adt, declared, typeContext) : enumeration && adt.item.kind === 'enum' ? compareEnum(enumeration, adt) : [];
        if (record && problems.length === 0 && adt.item.kind !== 'enum') {
          const byNumbers = numbersProblem(adt, record, declared, declaredName, rustName);
          if (byNumbers) problems.push(byNumbers);
        }
        for (const problem of problems) {
          const origin = (record ?? enumeration)!.origin;
          findings.push({
            rule: LAYOUT_MISMATCH,
            severity: 'error',
            file: adt.module.file,
            range: problem.range,
            message: `\`${rustName}\` does not match \`${declaredName}\` declared at \`${shortLocation(origin)}\`: ${problem.reason}. The host reads ${adt.item.kind === 'enum' ? 'these values' : 'its fields'} as declared, so it sees different data.`,
            help: problem.help,
            related: [
              { location: { file: origin.file, range: problem.declaredRange ?? origin.range }, message: `declared here` },
              ...(problem.related ?? []).map((r) => ({ location: { file: adt.module.file, range: r.range }, message: r.message })),
            ],
            fixes: [],
          });
        }
      }
    }
    return findings;
  },
};

/** The layouts of both sides, when both are known, compared size, alignment and offset (see layoutComparison.ts). */
function numbersProblem(adt: Adt, record: DeclaredRecord, declared: DeclaredInterface, declaredName: string, rustName: string): LayoutProblem | undefined {
  if (adt.item.kind === 'enum') return undefined;
  const target = layoutTarget(adt.crate.cfg.target);
  const rust = new LayoutComputer(adt.crate, target).ofAdt(adt.item, adt.module);
  const c = rust && new CLayoutComputer(declared, target, declared.sourceText).ofRecord(record);
  const reprArgs = adt.item.attributes.filter((a) => a.name === 'repr').map((a) => a.args ?? '').join(',');
  const explicit = /\b(?:packed|align)\b/.test(reprArgs) || /__attribute__/.test(record.origin.text);
  return rust && c ? compareLayouts(rust, c, rustName, declaredName, adt.item.nameRange, adt.item.fields.map((f) => f.type.range), explicit) : undefined;
}

/** Structs, unions and enums of the crate and of its local dependencies (the plugin's own win on a name clash). */
function adtsOf(crate: CrateModel): { adts: Map<string, Adt>; reexported: (name: string) => boolean } {
  const adts = new Map<string, Adt>();
  const visit = (owner: CrateModel, depth: number) => {
    for (const module of owner.modules) {
      for (const item of module.syntax.items) {
        if ((item.kind === 'struct' || item.kind === 'enum' || item.kind === 'union') && !adts.has(item.name)) adts.set(item.name, { item, module, crate: owner });
      }
    }
    if (depth < 2) for (const dependency of owner.dependencies.values()) visit(dependency, depth + 1);
  };
  visit(crate, 0);
  const texts = [...crate.files.values()].map((f) => f.text);
  return { adts, reexported: (name) => texts.some((text) => new RegExp(`\\b${name}\\b`).test(text)) };
}
