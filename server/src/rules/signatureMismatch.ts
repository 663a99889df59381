import type { Finding } from '../engine/types';
import { changeTypeFix } from '../fixes/interfaceFixes';
import { describeCType } from '../interface/compareTypes';
import { shortLocation } from '../interface/model';
import { rustSpelling } from '../interface/rustSpelling';
import { matchSignatures } from '../interface/signatures';
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
    const findings: Finding[] = [];
    for (const { declaration, implementation, difference, range, expected, rustType, declaredIn } of matchSignatures(crate).differences) {
      const { item, module, owners } = implementation;
      if (isSuppressed(crate, SIGNATURE_MISMATCH, [], { items: owners, module, file: module.file })) continue;
      const declared = declaredIn ?? interfaces.find((i) => i.functions.includes(declaration))!;
      const where = shortLocation(declaration.origin);
      const spelling = expected && rustType ? rustSpelling(expected, { crate, module, declared }) : undefined;
      const target = rustType && expected ? `\`${rustType.text}\` where \`${where}\` declares \`${describeCType(expected)}\`` : `\`${item.name}\` does not match \`${where}\``;
      findings.push({
        rule: SIGNATURE_MISMATCH,
        severity: difference.severity,
        file: module.file,
        range,
        message: `\`${implementation.symbol}\` has ${target}: ${difference.reason}. The host calls it as declared, so ${difference.severity === 'error' ? 'arguments and results are read wrongly (garbage values or a crash)' : 'a valid call can break what the Rust side assumes'}.`,
        help: spelling && spelling !== rustType?.text ? `change it to \`${spelling.replace(/\bcore::ffi::/g, '')}\`, or fix the declaration` : 'make the Rust signature and the declaration agree',
        related: [{ location: { file: declaration.origin.file, range: declaration.origin.range }, message: `declared here: ${declaration.origin.text.trim().split('\n')[0]}` }],
        fixes: spelling && rustType && spelling !== rustType.text ? [changeTypeFix(module.file, rustType.range, spelling, declaration)] : [],
      });
    }
    return findings;
  },
};
