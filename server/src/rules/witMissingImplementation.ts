// A component guest (`wit_bindgen::generate!`) that leaves part of its world unimplemented: a function the world
// exports with no method in `impl Guest for …`, an exported interface with no `impl exports::ns::pkg::iface::Guest
// for …`, or such an impl without one of the interface's functions. wit-bindgen's traits make each of these a build
// error (E0046, or `export!` failing its trait bound) that `cargo build --target wasm32-*` reports only after a full
// build; here it shows as you type. Resources (`Guest<Resource>` traits), interfaces that cannot be read and
// interfaces of other packages remapped with `with` are not judged (wit/guestExports.ts), so they stay silent.
// A guest without wit-bindgen is judged by the core export names it writes (witCanonicalExports.ts).
import type { CrateModel } from '../crate/crateModel';
import type { Finding, Range } from '../engine/types';
import { addToImplFix, newImplFix } from '../fixes/witStubs';
import { canonicalMissing } from './witCanonicalExports';
import { guestExports, implOf, isRustName, type GuestImpl } from '../wit/guestExports';
import type { Rule } from './rule';

export const WIT_MISSING_IMPLEMENTATION = 'wit-missing-implementation';

export const witMissingImplementation: Rule = {
  id: WIT_MISSING_IMPLEMENTATION,
  defaultSeverity: 'error',
  summary: "A WebAssembly component guest does not implement a function or interface its WIT world exports (`wit_bindgen::generate!`'s `Guest` traits).",
  needsWholeCrate: true,
  check(crate) {
    const exports = guestExports(crate);
    // No `generate!`: a guest may write its canonical-ABI exports by hand.
    if (!exports) return canonicalMissing(crate, WIT_MISSING_IMPLEMENTATION);
    const { generate, callRange } = exports;
    const findings: Finding[] = [];
    for (const required of exports.required) {
      const names = required.functions.map((f) => f.rustName);
      const impl = implOf(exports, required);
      if (!impl) {
        const fix = newImplFix(crate, exports, required);
        findings.push({
          rule: WIT_MISSING_IMPLEMENTATION,
          severity: 'error',
          file: generate.file,
          range: callRange,
          message: `${required.what[0].toUpperCase()}${required.what.slice(1)}, exported, has no implementation: no \`impl ${required.trait.join('::')} for …\`${names.length > 0 ? ` (${names.map((f) => `\`${f}\``).join(', ')})` : ''}, so the component does not build (\`export!\` needs the trait).`,
          help: `add \`impl ${required.trait.join('::')} for <your type>\` with ${names.length > 0 ? names.map((f) => `\`fn ${f}\``).join(', ') : 'its functions'}, and name the type in \`export!\``,
          related: [],
          fixes: fix ? [fix] : [],
        });
        continue;
      }
      // Members a macro writes (`impl Guest for C { methods!(); }`) are not all known here: not judged.
      if (impl.item.macroCalls?.length) continue;
      const missing = required.functions.filter((f) => !impl.item.functions.some((m) => isRustName(m.name, f.rustName)));
      if (missing.length === 0) continue;
      const fix = addToImplFix(crate, exports, required, impl, missing);
      findings.push({
        rule: WIT_MISSING_IMPLEMENTATION,
        severity: 'error',
        file: impl.module.file,
        range: traitRange(crate, impl),
        message: `\`impl ${impl.item.trait ?? 'Guest'}\` lacks ${missing.map((f) => `\`${f.rustName}\``).join(', ')}, which ${required.what} exports: the component does not build (E0046).`,
        help: `implement ${missing.map((f) => `\`fn ${f.rustName}\``).join(', ')} with the signatures wit-bindgen generates for ${required.what}`,
        related: [{ location: { file: generate.file, range: callRange }, message: 'the world is generated here' }],
        fixes: fix ? [fix] : [],
      });
    }
    return findings;
  },
};

/** The trait path in the impl's head (`impl GreetGuest for C`: `GreetGuest`), else the whole impl. */
function traitRange(crate: CrateModel, impl: GuestImpl): Range {
  const file = crate.files.get(impl.module.file);
  const trait = impl.item.trait?.trim();
  if (!file || !trait) return impl.item.nameRange;
  const start = file.lines.offsetAt(impl.item.range.start);
  const at = file.text.indexOf(trait, start);
  const brace = file.text.indexOf('{', start);
  return at >= 0 && (brace < 0 || at < brace) ? { start: file.lines.positionAt(at), end: file.lines.positionAt(at + trait.length) } : impl.item.nameRange;
}
