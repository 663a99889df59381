// libloading lookups in host function bodies: `lib.get::<T>(b"name\0")`, `lib.get::<Symbol<T>>(…)` and
// `let f: Symbol<T> = lib.get(b"name")?` (also through `type` aliases). A lookup whose failure the host
// tolerates (`if let Ok(..) =`, `match`, `.ok()`, `.is_ok()`) is a probe: the symbol is optional.
import { resolveAliasChain, type ScopedType } from '../../boundary/typeScope';
import { crateFunctions } from '../../bodies/callGraph';
import { bodyOf, type BodyFacts } from '../../bodies';
import type { CrateModel } from '../../crate/crateModel';
import type { Range } from '../../engine/types';
import type { DeclaredFunction, DeclaredStatic } from '../model';
import type { RustTypeContext } from '../rustCType';
import { scopeOf } from '../rustSide';
import { declaredFunction, originIn, rustAbiInsertion, scopedSymbolShape, typeFromText } from './hostTypes';
import { libraryOfReceiver } from './libraryScope';

export interface LibloadingDeclarations {
  file: string;
  /** The library the lookups are made on (`libraryBaseName`), when the host's code says. */
  library: string | undefined;
  functions: DeclaredFunction[];
  statics: DeclaredStatic[];
  /** The host types the looked-up types name. */
  context: RustTypeContext;
}

/** Cheap text test before any body is parsed. */
export function mayUseLibloading(text: string): boolean {
  return /\.get\s*(?:::\s*<[^]*?>\s*)?\(\s*b"/.test(text);
}

/** The symbols each host file looks up, one set per file and library (first lookup of a name wins). */
export function readLibloadingLookups(host: CrateModel): LibloadingDeclarations[] {
  const byFile = new Map<string, LibloadingDeclarations>();
  for (const { fn, module, file } of crateFunctions(host)) {
    const parsed = host.files.get(file);
    const functionText = parsed?.text.slice(fn.startOffset, fn.endOffset);
    if (!parsed || functionText === undefined || !mayUseLibloading(functionText)) continue;
    const facts = bodyOf(host, fn, file);
    for (const { expr } of facts.methodCalls) {
      if (expr.method !== 'get' || expr.args.length !== 1) continue;
      const name = symbolName(expr.args[0].text);
      if (name === undefined) continue;
      const typeText = turbofishOf(expr.text) ?? letTypeAround(facts, expr.range);
      const type = typeText === undefined ? undefined : typeFromText(parsed.parser, typeText);
      if (!type) continue;
      const library = libraryOfReceiver(expr.receiver.text, functionText, parsed.text);
      const key = `${file}\0${library ?? ''}`;
      const declarations: LibloadingDeclarations = byFile.get(key) ?? { file, library, functions: [], statics: [], context: { records: new Map() } };
      const shape = scopedSymbolShape(declarations.context, unwrapSymbol({ type, scope: scopeOf(module, fn.generics) }));
      byFile.set(key, declarations);
      if (declarations.functions.some((f) => f.name === name) || declarations.statics.some((s) => s.name === name)) continue;
      const optional = tolerated(parsed.text, parsed.lines.offsetAt(expr.range.start), parsed.lines.offsetAt(expr.range.end));
      const origin = originIn(host, file, expr.range);
      if (shape.kind === 'function') {
        const declaration = declaredFunction(name, shape.fn, optional, origin);
        const letRange = facts.lets.find((l) => l.value !== undefined && contains(l.value.range, expr.range))?.range;
        if (shape.rustAbi) declaration.rustAbi = rustAbiInsertion(host, file, letRange ? [letRange, expr.range] : [expr.range]);
        declarations.functions.push(declaration);
      }
      else if (shape.kind === 'static') declarations.statics.push({ kind: 'static', name, type: shape.type, optional, origin });
    }
  }
  return [...byFile.values()].filter((d) => d.functions.length + d.statics.length > 0);
}

/** `b"name\0"` → `name`; anything else (a variable, a `&str`) is not read. */
export function symbolName(argument: string): string | undefined {
  const match = /^&?\s*b"([A-Za-z_][A-Za-z0-9_]*)(?:\\0)?"$/.exec(argument.trim());
  return match?.[1];
}

/** `lib.get::<T>(…)` → `T`, with nested angle brackets and `->` inside `T` kept whole. */
export function turbofishOf(callText: string): string | undefined {
  const at = /\.\s*get\s*::\s*</.exec(callText);
  if (!at) return undefined;
  let depth = 1;
  const start = at.index + at[0].length;
  for (let i = start; i < callText.length; i++) {
    const ch = callText[i];
    if (ch === '<') depth++;
    else if (ch === '>' && callText[i - 1] !== '-') {
      depth--;
      if (depth === 0) return callText.slice(start, i);
    }
  }
  return undefined;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** `let f: Symbol<T> = lib.get(…)?;` → `Symbol<T>`. */
function letTypeAround(facts: BodyFacts, call: Range): string | undefined {
  return facts.lets.find((l) => l.type !== undefined && l.value !== undefined && contains(l.value.range, call))?.type;
}

/** `Symbol<'a, T>` (libloading's wrapper, or an alias of it) → `T`; any other type as it is. */
function unwrapSymbol(scoped: ScopedType): ScopedType {
  const resolved = resolveAliasChain(scoped);
  const type = resolved.type;
  if (type.kind === 'path' && type.segments[type.segments.length - 1] === 'Symbol' && type.args.length > 0) return { type: type.args[type.args.length - 1], scope: resolved.scope };
  return scoped;
}

/** The lookup sits where a failure is handled rather than propagated: the host probes for the symbol. */
export function tolerated(text: string, start: number, end: number): boolean {
  let statementStart = start;
  // `unsafe { lib.get(…) }` is one expression of the enclosing statement: look past the block's brace.
  do statementStart = Math.max(text.lastIndexOf(';', statementStart - 1), text.lastIndexOf('{', statementStart - 1), text.lastIndexOf('}', statementStart - 1));
  while (statementStart > 0 && text[statementStart] === '{' && /\bunsafe\s*$/.test(text.slice(0, statementStart)));
  const before = text.slice(statementStart + 1, start);
  if (/\b(?:if|while)\s+let\b|\bmatch\b/.test(before)) return true;
  const after = skipAdapters(text.slice(end, end + 400).replace(/^[\s)}]*/, ''));
  if (/^\.\s*ok\s*\(\s*\)\s*\?/.test(after)) return false;
  return /^\.\s*(?:ok|err|is_ok|is_err|is_ok_and|is_err_and|unwrap_or|unwrap_or_else|unwrap_or_default|map_or|map_or_else)\b/.test(after);
}

/** `.map(|s| *s).unwrap_or(…)`: adapters that keep the `Result` are skipped to reach what handles it. */
function skipAdapters(after: string): string {
  let rest = after;
  for (let i = 0; i < 4; i++) {
    const adapter = /^\.\s*(?:map|map_err|and_then|as_ref|as_deref|inspect|inspect_err)\s*\(/.exec(rest);
    if (!adapter) return rest;
    let depth = 0;
    let j = adapter[0].length - 1;
    for (; j < rest.length; j++) {
      if (rest[j] === '(') depth++;
      else if (rest[j] === ')' && --depth === 0) break;
    }
    if (j >= rest.length) return rest;
    rest = rest.slice(j + 1).replace(/^\s*/, '');
  }
  return rest;
}
