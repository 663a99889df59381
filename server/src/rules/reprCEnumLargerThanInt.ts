import type { Finding, Fix } from '../engine/types';
import { evaluateIntegerExpression } from '../interface/constExpr';
import type { LineIndex } from '../parsing/lineIndex';
import { reprOf, type Attribute } from '../syntax/attributes';
import type { AdtItem } from '../syntax/items';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const REPR_C_ENUM_LARGER_THAN_INT = 'repr-c-enum-larger-than-int';

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const UINT_MAX = 2n ** 32n - 1n;

/**
 * A `#[repr(C)]` enum is a C `int` (or `unsigned int` when every value fits that): a discriminant outside
 * both makes Rust pick a larger size than the C side (rustc's `repr_c_enums_larger_than_int`, which checks
 * each variant in order the same way, and names the same variant).
 */
export const reprCEnumLargerThanInt: Rule = {
  id: REPR_C_ENUM_LARGER_THAN_INT,
  defaultSeverity: 'warning',
  summary: 'A `#[repr(C)]` enum has a discriminant that does not fit a C `int` (nor `unsigned int`): Rust and C disagree on its size.',
  check(crate) {
    const findings: Finding[] = [];
    for (const module of crate.modules) {
      for (const item of module.syntax.items) {
        if (item.kind !== 'enum') continue;
        const repr = reprOf(item.attributes);
        if (!repr.c || repr.primitive) continue;
        const problems = oversized(item);
        if (problems.length === 0) continue;
        if (isSuppressed(crate, REPR_C_ENUM_LARGER_THAN_INT, ['repr_c_enums_larger_than_int'], { items: [item], module, file: module.file })) continue;
        const lines = crate.files.get(module.file)?.lines;
        const signed = item.variants.some((v) => v.discriminant?.trim().startsWith('-'));
        const fixes = lines && repr.attribute ? reprFix(item, repr.attribute, module.file, lines, signed) : [];
        for (const problem of problems) {
          findings.push({
            rule: REPR_C_ENUM_LARGER_THAN_INT,
            severity: reprCEnumLargerThanInt.defaultSeverity,
            file: module.file,
            range: problem.range,
            message: `\`${item.name}::${problem.variant}\` = ${problem.value} ${problem.why}: a \`#[repr(C)]\` enum is a C \`int\`, so Rust makes \`${item.name}\` larger than the C side's enum and the two read different sizes and values.`,
            help: `give \`${item.name}\` a fixed integer type the C side uses too, e.g. \`#[repr(${signed ? 'i64' : 'u64'})]\` with \`${signed ? 'int64_t' : 'uint64_t'}\` in C`,
            related: [{ location: { file: module.file, range: item.nameRange }, message: `\`${item.name}\` is \`#[repr(C)]\`` }],
            fixes,
          });
        }
      }
    }
    return findings;
  },
};

interface Oversized {
  variant: string;
  value: bigint;
  why: string;
  range: AdtItem['range'];
}

/** The variants rustc reports, with its three wordings. Stops at a discriminant it cannot evaluate (silent from there). */
function oversized(item: AdtItem): Oversized[] {
  const out: Oversized[] = [];
  let next = 0n;
  let previousNotInt = false;
  let previousNotUint = false;
  for (const variant of item.variants) {
    const value = variant.discriminant === undefined ? next : evaluateIntegerExpression(variant.discriminant, () => undefined);
    if (value === undefined) break;
    const fitsInt = value >= INT_MIN && value <= INT_MAX;
    const fitsUint = value >= 0n && value <= UINT_MAX;
    const range = variant.nameRange ?? item.nameRange;
    if (!fitsInt && !fitsUint) out.push({ variant: variant.name, value, why: 'does not fit into a C `int` nor into a C `unsigned int`', range });
    else if (!fitsInt && previousNotUint) out.push({ variant: variant.name, value, why: 'does not fit into a C `int`, and a previous discriminant does not fit into a C `unsigned int`', range });
    else if (!fitsUint && previousNotInt) out.push({ variant: variant.name, value, why: 'does not fit into a C `unsigned int`, and a previous discriminant does not fit into a C `int`', range });
    previousNotInt ||= !fitsInt;
    previousNotUint ||= !fitsUint;
    next = value + 1n;
  }
  return out;
}

/** `#[repr(C)]` → `#[repr(i64)]` (or `u64` when no value is negative). */
function reprFix(item: AdtItem, attribute: Attribute, file: string, lines: LineIndex, signed: boolean): Fix[] {
  const start = lines.offsetAt(attribute.range.start);
  const text = lines.text.slice(start, lines.offsetAt(attribute.range.end));
  const c = /repr\s*\(\s*(C)\s*\)/.exec(text);
  if (!c) return [];
  const at = start + c.index + c[0].lastIndexOf('C');
  const type = signed ? 'i64' : 'u64';
  return [{ title: `Use \`#[repr(${type})]\` for \`${item.name}\``, isPreferred: true, edits: [{ file, range: { start: lines.positionAt(at), end: lines.positionAt(at + 1) }, newText: type }] }];
}
