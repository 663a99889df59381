import type { Finding } from '../engine/types';
import { signatureFix } from '../fixes/interfaceFixes';
import { describeCType } from '../interface/compareTypes';
import type { DeclaredInterface } from '../interface/model';
import { rustSpelling } from '../interface/rustSpelling';
import { declarationList, distinctOrigins, groupBy, relatedDeclarations } from '../interface/sameProblem';
import { matchSignatures, type SignatureDifference } from '../interface/signatures';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const SIGNATURE_MISMATCH = 'signature-mismatch';

export const signatureMismatch: Rule = {
  id: SIGNATURE_MISMATCH,
  defaultSeverity: 'error',
  summary: 'An exported function differs from the declaration it implements (ABI, arity, parameter or return types, by C meaning).',
  check(crate) {
    const interfaces = crate.interfaces ?? [];
    if (interfaces.length === 0) return [];
    const { differences } = matchSignatures(crate);
    const interfaceOf = (d: SignatureDifference): DeclaredInterface => d.declaredIn ?? interfaces.find((i) => i.functions.includes(d.declaration))!;
    // One finding per problem at one range, however many interfaces declare the symbol the same way.
    const problems = groupBy(differences, (d) => {
      const { start, end } = d.range;
      return [d.implementation.module.file, start.line, start.character, end.line, end.character, d.difference.severity, d.difference.reason, d.expected ? describeCType(d.expected) : ''].join('\0');
    });
    const findings: Finding[] = [];
    for (const group of problems) {
      const first = group[0];
      const { implementation, difference, expected, rustType, range } = first;
      const { module, owners } = implementation;
      if (isSuppressed(crate, SIGNATURE_MISMATCH, [], { items: owners, module, file: module.file })) continue;
      const origins = distinctOrigins(group.map((d) => d.declaration.origin));
      const where = declarationList(origins);
      const what = rustType && expected
        ? `\`${implementation.symbol}\` has \`${rustType.text}\` where ${where} ${origins.length > 1 ? 'declare' : 'declares'} \`${describeCType(expected)}\``
        : `\`${implementation.symbol}\` does not match ${where}`;
      const consequence = first.consequence ?? difference.consequence ?? 'The host calls it as declared, so arguments and results are read wrongly (garbage values or a crash)';
      const fix = signatureFix(crate, first, differences, interfaceOf(first));
      const spelling = expected && rustType ? rustSpelling(expected, { crate, module, declared: interfaceOf(first) }) : undefined;
      findings.push({
        rule: SIGNATURE_MISMATCH,
        severity: difference.severity,
        file: first.at?.file ?? module.file,
        range: first.at?.range ?? range,
        message: `${what}: ${difference.reason}. ${consequence}.`,
        help: helpFor(first, spelling),
        related: first.at ? [{ location: { file: module.file, range }, message: `\`${implementation.symbol}\` is exported \`extern "C"\` here` }] : relatedDeclarations(origins),
        fixes: fix ? [fix] : [],
      });
    }
    return findings;
  },
};

function helpFor({ difference, rustType, help }: SignatureDifference, spelling: string | undefined): string {
  if (help) return help;
  if (difference.nullable && rustType) return `take \`Option<${rustType.text}>\` and return early on \`None\`, or use a raw pointer`;
  if (spelling && spelling !== rustType?.text) return `change it to \`${spelling.replace(/\bcore::ffi::/g, '')}\`, or fix the declaration`;
  return 'make the Rust type and the declaration agree';
}
