// A component guest's method whose Rust signature is not the one wit-bindgen generates for the WIT function it
// implements (`impl Guest for …` / `impl exports::ns::pkg::iface::Guest for …`): a `&str` where exports receive a
// `String`, an `i32` for a `u32`, a missing result. rustc reports it (E0053/E0050) only once wit-bindgen, from
// crates.io, has run in a full `--target wasm32-*` build; here it shows as you type. Types the text cannot settle
// (aliases, renames, resources, streams) are not judged.
import type { CrateModel } from '../crate/crateModel';
import type { Finding, Fix, Range, RelatedInformation } from '../engine/types';
import { signatureFix, signatureSpans, type Difference } from '../fixes/witSignature';
import { typeNamer } from '../fixes/witSignatureText';
import { LineIndex } from '../parsing/lineIndex';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef as WitType } from '../wit/ast';
import { guestExports, implOf, isRustName, upperCamel, type GuestExports, type RequiredTrait, type TypeScope, type WitFunction } from '../wit/guestExports';
import { compareShape, knownNames, rustShape, spellShape, type NameContext } from '../wit/rustMapping';
import type { Rule } from './rule';

export const WIT_SIGNATURE_MISMATCH = 'wit-signature-mismatch';

export const witSignatureMismatch: Rule = {
  id: WIT_SIGNATURE_MISMATCH,
  defaultSeverity: 'error',
  summary: "A WebAssembly component guest's method does not have the signature wit-bindgen generates for its WIT function (`string` → `String`, `s32` → `i32`, …).",
  check(crate) {
    const exports = guestExports(crate);
    if (!exports) return [];
    const findings: Finding[] = [];
    for (const required of exports.required) {
      const impl = implOf(exports, required);
      if (!impl) continue;
      const names = nameContext(crate, required);
      const file = crate.files.get(impl.module.file);
      if (!file) continue;
      for (const method of impl.item.functions) {
        const fn = required.functions.find((f) => isRustName(method.name, f.rustName));
        if (!fn || method.generics.length > 0) continue;
        const spans = signatureSpans(file.text, file.lines, method);
        if (!spans) continue;
        const differences = signatureDifferences(fn, method, names);
        if (differences.length === 0) continue;
        const fix = signatureFix(impl.module.file, file.text, file.lines, spans, method, fn, differences, typeNamer(exports, required, impl.module));
        const related = [witDeclaration(exports, fn)];
        for (const difference of differences) findings.push(finding(impl.module.file, difference, method, fn, required, related, fix, spans.params));
      }
    }
    return findings;
  },
};

/** Where `method` differs from what wit-bindgen generates for `fn`: a parameter count, a parameter, the result. */
export function signatureDifferences(fn: WitFunction, method: FunctionItem, names: NameContext): Difference[] {
  const params = fn.func.params;
  const out: Difference[] = [];
  if (method.params.length !== params.length) out.push({ kind: 'count' });
  else params.forEach((p, index) => compareShape(rustShape(p.type, fn.scope), method.params[index], names) === 'different' && out.push({ kind: 'param', index }));
  const result = fn.func.result;
  const returned = compareShape(result ? rustShape(result, fn.scope) : { kind: 'tuple', items: [] }, method.returnType, names);
  if (returned === 'different') out.push({ kind: 'result' });
  return out;
}

/** What names the crate may rebind (aliases, renames), and which certainly are their own type. */
export function nameContext(crate: CrateModel, required: RequiredTrait): NameContext {
  const aliases = new Set<string>();
  const own: string[] = [];
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind === 'typeAlias') aliases.add(item.name);
      else if (item.kind === 'struct' || item.kind === 'enum' || item.kind === 'union') own.push(item.name);
      else if (item.kind === 'use') for (const u of item.imports) if (u.boundName && u.boundName !== u.path[u.path.length - 1]) aliases.add(u.boundName);
    }
  }
  for (const fn of required.functions) addScope(fn.scope, aliases, own);
  return { aliases, known: knownNames(own.filter((n) => !aliases.has(n))) };
}

function addScope(scope: TypeScope, aliases: Set<string>, own: string[]): void {
  for (const [name, found] of scope) {
    const kind = found.def?.kind;
    if (!found.renamedFrom && (kind === 'record' || kind === 'variant' || kind === 'enum' || kind === 'flags')) own.push(upperCamel(name));
    else aliases.add(upperCamel(name));
  }
}

/** The WIT function's name in its file (an inline world: the `generate!` call). */
export function witDeclaration(exports: GuestExports, fn: WitFunction): RelatedInformation {
  const text = witText(fn.doc.text, fn.func.span);
  if (fn.doc.file.endsWith('<inline>.wit')) return { location: { file: exports.generate.file, range: exports.callRange }, message: `declared in the inline WIT: \`${text}\`` };
  const lines = new LineIndex(fn.doc.text);
  return { location: { file: fn.doc.file, range: { start: lines.positionAt(fn.func.name.span.start), end: lines.positionAt(fn.func.name.span.end) } }, message: `declared here: \`${text}\`` };
}

function witText(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end).replace(/\s+/g, ' ');
}

function finding(file: string, difference: Difference, method: FunctionItem, fn: WitFunction, required: RequiredTrait, related: RelatedInformation[], fix: Fix | undefined, paramsRange: Range): Finding {
  const decl = `\`${witText(fn.doc.text, fn.func.span)}\``;
  const rust = (type: WitType) => spellShape(rustShape(type, fn.scope), (n) => n);
  const trait = required.trait.length === 1 ? 'the world\'s `Guest` trait' : `the \`${required.trait.join('::')}\` trait`;
  const base = { rule: WIT_SIGNATURE_MISMATCH, severity: 'error' as const, file, related, fixes: fix ? [fix] : [] };
  if (difference.kind === 'count') {
    const n = fn.func.params.length;
    return { ...base, range: paramsRange, message: `\`${method.name}\` takes ${method.params.length} parameter${method.params.length === 1 ? '' : 's'}, but ${decl} in ${required.what} takes ${n}: the impl does not match ${trait} (E0050).`, help: `take the WIT function's parameters, in order, with the types wit-bindgen generates` };
  }
  if (difference.kind === 'param') {
    const param = fn.func.params[difference.index];
    const written = method.params[difference.index];
    const expected = rust(param.type);
    return { ...base, range: written.range, message: `Parameter \`${param.name.text}\` of \`${method.name}\` is \`${written.text}\`, but wit-bindgen passes the WIT type \`${witText(fn.doc.text, param.type.span)}\`${expected ? ` as \`${expected}\`` : ''} (${decl} in ${required.what}): the impl does not match ${trait} (E0053).`, help: expected ? `write \`${expected}\` (an export receives owned values: \`String\`, \`Vec<T>\`, not \`&str\`, \`&[T]\`)` : undefined };
  }
  const result = fn.func.result;
  const expected = result ? rust(result) : '()';
  const written = method.returnType;
  return {
    ...base,
    range: written?.range ?? method.nameRange,
    message: `\`${method.name}\` returns ${written ? `\`${written.text}\`` : 'nothing'}, but ${decl} in ${required.what} ${result ? `returns \`${witText(fn.doc.text, result.span)}\`${expected ? ` (\`${expected}\` in Rust)` : ''}` : 'returns nothing'}: the impl does not match ${trait} (E0053).`,
    help: result ? (expected ? `return \`${expected}\`` : undefined) : 'remove the return type',
  };
}
