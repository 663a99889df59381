// A method in a component guest's `impl Guest for …` (or an exported interface's `Guest` impl) that its WIT world
// or interface does not declare: wit-bindgen's trait has no such method (E0407), often a function renamed or
// removed in the `.wit` file, or one meant for another interface. A warning: the fix may belong in the WIT.
// Functions gated out (`@unstable`) are not reported, as `generate!`'s `features` may turn them on. A guest
// without wit-bindgen: a `…#…` export name the world does not have (witCanonicalExports.ts).
import type { Finding, RelatedInformation } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';
import { guestExports, isRustName, requiredOf, type GuestExports, type RequiredTrait } from '../wit/guestExports';
import type { Rule } from './rule';
import { canonicalUnknown } from './witCanonicalExports';

export const WIT_UNKNOWN_EXPORT = 'wit-unknown-export';

export const witUnknownExport: Rule = {
  id: WIT_UNKNOWN_EXPORT,
  defaultSeverity: 'warning',
  summary: 'A method in a WebAssembly component guest\'s `Guest` impl that its WIT world or interface does not declare.',
  // A hand-written `cabi_post_*` is judged by what the whole crate exports.
  needsWholeCrate: true,
  check(crate) {
    const exports = guestExports(crate);
    // No `generate!`: a guest may write its canonical-ABI exports by hand.
    if (!exports) return canonicalUnknown(crate, WIT_UNKNOWN_EXPORT);
    const findings: Finding[] = [];
    for (const impl of exports.impls) {
      const required = requiredOf(exports, impl);
      if (!required) continue;
      for (const method of impl.item.functions) {
        if (required.functions.some((f) => isRustName(method.name, f.rustName)) || [...required.gatedOut].some((name) => isRustName(method.name, name))) continue;
        const declared = required.functions.map((f) => `\`${f.rustName}\``).join(', ');
        findings.push({
          rule: WIT_UNKNOWN_EXPORT,
          severity: 'warning',
          file: impl.module.file,
          range: method.nameRange,
          message: `\`${method.name}\` is not a function of ${required.what}: wit-bindgen's \`${required.trait.join('::')}\` trait has no such method (E0407)${declared ? `; it has ${declared}` : ''}.`,
          help: `declare \`${method.name.replace(/^r#/, '').replace(/_/g, '-')}: func(…)\` in ${required.what}, or move the method out of the trait impl`,
          related: [declaration(exports, required)],
          fixes: [],
        });
      }
    }
    return findings;
  },
};

function declaration(exports: GuestExports, required: RequiredTrait): RelatedInformation {
  const { doc, span } = required.declared;
  if (doc.file.endsWith('<inline>.wit')) return { location: { file: exports.generate.file, range: exports.callRange }, message: `${required.what} is declared in the inline WIT` };
  const lines = new LineIndex(doc.text);
  return { location: { file: doc.file, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } }, message: `${required.what} is declared here` };
}
