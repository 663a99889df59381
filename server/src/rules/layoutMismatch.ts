import type { CrateModel, Module } from '../crate/crateModel';
import type { Finding, Range } from '../engine/types';
import { compareTypes, describeCType } from '../interface/compareTypes';
import { shortLocation, type DeclaredEnum, type DeclaredRecord } from '../interface/model';
import { rustToCType } from '../interface/rustCType';
import { rustEnumVariants, scopeOf } from '../interface/rustSide';
import { matchSignatures } from '../interface/signatures';
import { reprOf } from '../syntax/attributes';
import type { AdtItem } from '../syntax/items';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const LAYOUT_MISMATCH = 'layout-mismatch';

interface Adt {
  item: AdtItem;
  module: Module;
}

export const layoutMismatch: Rule = {
  id: LAYOUT_MISMATCH,
  defaultSeverity: 'error',
  summary: 'A `#[repr(C)]` struct, union or enum differs from its declared counterpart (fields, order, types, array lengths, enum values).',
  check(crate) {
    const interfaces = crate.interfaces ?? [];
    if (interfaces.length === 0) return [];
    const adts = new Map<string, Adt>();
    for (const module of crate.modules) {
      for (const item of module.syntax.items) if (item.kind === 'struct' || item.kind === 'enum' || item.kind === 'union') adts.set(item.name, { item, module });
    }
    const { pairs } = matchSignatures(crate);
    const findings: Finding[] = [];
    for (const declared of interfaces) {
      const paired = new Map<string, string>(pairs.get(declared) ?? []);
      // cbindgen names (prefix, renames) pair types no signature mentions.
      for (const name of adts.keys()) {
        const declaredName = declared.names.declaredNameOf(name);
        if (!paired.has(declaredName) && (declared.records.has(declaredName) || declared.enums.has(declaredName))) paired.set(declaredName, name);
      }
      for (const [declaredName, rustName] of paired) {
        const adt = adts.get(rustName);
        if (!adt || isSuppressed(crate, LAYOUT_MISMATCH, [], { items: [adt.item], module: adt.module, file: adt.module.file })) continue;
        const repr = reprOf(adt.item.attributes);
        if (!repr.c && !repr.primitive) continue; // `missing-repr-c` reports those
        const record = declared.records.get(declaredName);
        const enumeration = declared.enums.get(declaredName);
        const problems = record && adt.item.kind !== 'enum' ? compareRecord(record, adt) : enumeration && adt.item.kind === 'enum' ? compareEnum(crate, enumeration, adt) : [];
        for (const problem of problems) {
          const origin = (record ?? enumeration)!.origin;
          findings.push({
            rule: LAYOUT_MISMATCH,
            severity: 'error',
            file: adt.module.file,
            range: problem.range,
            message: `\`${rustName}\` does not match \`${declaredName}\` declared at \`${shortLocation(origin)}\`: ${problem.reason}. The host reads ${adt.item.kind === 'enum' ? 'these values' : 'its fields'} as declared, so it sees different data.`,
            help: problem.help,
            related: [{ location: { file: origin.file, range: problem.declaredRange ?? origin.range }, message: `declared here` }],
            fixes: [],
          });
        }
      }
    }
    return findings;
  },
};

interface Problem {
  range: Range;
  reason: string;
  help: string;
  declaredRange?: Range;
}

function compareRecord(record: DeclaredRecord, adt: Adt): Problem[] {
  const fields = record.fields;
  if (!fields) return []; // opaque in the header: the host never looks inside
  const item = adt.item;
  if (item.kind !== record.kind) return [{ range: item.nameRange, reason: `it is a ${item.kind}, the declaration a ${record.kind}`, help: `make both a ${record.kind}` }];
  if (item.generics.length > 0) return [];
  const rustNames = item.fields.map((f) => f.name ?? '');
  if (fields.length !== item.fields.length) {
    return [{ range: item.nameRange, reason: `it has ${item.fields.length} field(s), the declaration ${fields.length}`, help: 'add or remove fields so both sides have the same ones, in the same order' }];
  }
  const sameNames = [...rustNames].sort().join() === fields.map((f) => f.name).sort().join();
  const problems: Problem[] = [];
  if (sameNames && rustNames.some((name, i) => name !== fields[i].name)) {
    return [{ range: item.nameRange, reason: `its fields are in a different order (${rustNames.join(', ')} vs ${fields.map((f) => f.name).join(', ')})`, help: 'order the fields as the declaration does: C lays them out in declaration order' }];
  }
  const context = { records: new Map() };
  const pairs = new Map<string, string>();
  item.fields.forEach((field, index) => {
    const rust = rustToCType(context, { type: field.type, scope: scopeOf(adt.module) });
    const difference = compareTypes(fields[index].type, rust, 'field', pairs);
    if (difference?.severity === 'error') {
      problems.push({ range: field.type.range, reason: `field \`${field.name ?? index}\` is \`${field.type.text}\`, declared \`${describeCType(fields[index].type)}\` (${difference.reason})`, help: `change the field's type to match \`${describeCType(fields[index].type)}\``, declaredRange: fields[index].range });
    }
  });
  return problems;
}

const normalize = (name: string, prefixes: string[]) => {
  let n = name.toLowerCase().replace(/_/g, '');
  for (const prefix of prefixes) if (prefix && n.startsWith(prefix) && n.length > prefix.length) n = n.slice(prefix.length);
  return n;
};

/** Variants are matched by name and value together: a renamed variant with the same value is fine. */
function compareEnum(crate: CrateModel, enumeration: DeclaredEnum, adt: Adt): Problem[] {
  const variants = rustEnumVariants(crate, adt.item, adt.module);
  if (!variants || variants.some((v) => v.value === undefined) || enumeration.variants.some((v) => v.value === undefined)) return [];
  const prefixes = [enumeration.name, adt.item.name].map((n) => n.toLowerCase().replace(/_/g, ''));
  const remaining = new Set(enumeration.variants);
  const unmatched: typeof variants = [];
  const problems: Problem[] = [];
  for (const variant of variants) {
    const both = [...remaining].find((d) => d.value === variant.value && normalize(d.name, prefixes) === normalize(variant.name, prefixes));
    if (both) remaining.delete(both);
    else unmatched.push(variant);
  }
  const stillUnmatched: typeof variants = [];
  for (const variant of unmatched) {
    const byName = [...remaining].find((d) => normalize(d.name, prefixes) === normalize(variant.name, prefixes));
    if (byName) {
      remaining.delete(byName);
      problems.push({ range: variant.nameRange, reason: `\`${variant.name}\` is ${variant.value} in Rust but \`${byName.name}\` is ${byName.value} in the declaration`, help: 'give the variant the declared value (`= N`), or insert new variants at the end on both sides', declaredRange: byName.range });
    } else stillUnmatched.push(variant);
  }
  for (const variant of stillUnmatched) {
    const byValue = [...remaining].find((d) => d.value === variant.value);
    if (byValue) {
      remaining.delete(byValue);
      continue;
    }
    problems.push({ range: variant.nameRange, reason: `\`${variant.name}\` (= ${variant.value}) is not declared`, help: 'add the variant to the declaration, or remove it' });
  }
  for (const missing of remaining) {
    problems.push({ range: adt.item.nameRange, reason: `the declared \`${missing.name}\` (= ${missing.value}) has no Rust variant`, help: `add a variant \`= ${missing.value}\``, declaredRange: missing.range });
  }
  return problems;
}
