// Raw C-library lookups in host function bodies, the std-only way (the bundled example's host):
// `let sym = dlsym(handle, c"name".as_ptr())` (or `b"name\0".as_ptr()`, `GetProcAddress(h, ..)`), then
// `let f: T = transmute(sym)` / `transmute::<_, T>(sym)`: the symbol `name` of type `T`. The library is the one
// `handle` was opened on (`dlopen(c"libplugin.so".as_ptr(), ..)`), when the code says. A lookup whose pointer is
// only used under `if !sym.is_null()` is a probe: the symbol is optional.
import { crateFunctions } from '../../bodies/callGraph';
import { bodyOf } from '../../bodies';
import type { Expr } from '../../bodies/facts';
import type { CrateModel } from '../../crate/crateModel';
import { rangeContains } from '../../engine/types';
import { scopeOf } from '../rustSide';
import { declaredFunction, originIn, scopedSymbolShape, typeFromText } from './hostTypes';
import type { LibloadingDeclarations } from './libloading';
import { libraryOfDlopenHandle } from './libraryScope';

const LOOKUPS = new Set(['dlsym', 'GetProcAddress']);

/** Cheap text test before any body is parsed. */
export function mayUseDlsym(text: string): boolean {
  return /\b(?:dlsym|GetProcAddress)\s*\(/.test(text);
}

/** `c"name"`, `c"name".as_ptr()`, `b"name\0".as_ptr() as *const c_char`, `"name\0".as_ptr().cast()` → `name`. */
export function cSymbolName(argument: string): string | undefined {
  return /^&?\s*(?:c|b)?"([A-Za-z_][A-Za-z0-9_]*)(?:\\0)?"/.exec(argument.trim())?.[1];
}

/** The symbols each host file looks up with `dlsym`, one set per file and library (first lookup of a name wins). */
export function readDlsymLookups(host: CrateModel): LibloadingDeclarations[] {
  const byKey = new Map<string, LibloadingDeclarations>();
  for (const { fn, module, file } of crateFunctions(host)) {
    const parsed = host.files.get(file);
    const functionText = parsed?.text.slice(fn.startOffset, fn.endOffset);
    if (!parsed || functionText === undefined || !mayUseDlsym(functionText)) continue;
    const facts = bodyOf(host, fn, file);
    for (const call of facts.calls) {
      const callee = call.expr.callee[call.expr.callee.length - 1];
      if (!LOOKUPS.has(callee) || call.expr.args.length !== 2) continue;
      const name = cSymbolName(call.expr.args[1].text);
      if (name === undefined) continue;
      // The pointer's local: `let sym = dlsym(..)` (inside `unsafe { .. }` too).
      const bound = facts.lets.find((l) => l.name !== undefined && l.value !== undefined && rangeContains(l.value.range, call.expr.range));
      const transmuted = bound?.name ? transmuteOf(facts.calls, bound.name) : facts.calls.find((c) => isTransmute(c.expr) && c.expr.args.some((a) => rangeContains(a.range, call.expr.range)));
      if (!transmuted) continue;
      const typeText = turbofishTarget(transmuted.expr) ?? facts.lets.find((l) => l.type !== undefined && l.value !== undefined && rangeContains(l.value.range, transmuted.expr.range))?.type;
      const type = typeText === undefined ? undefined : typeFromText(parsed.parser, typeText);
      if (!type) continue;
      const library = libraryOfDlopenHandle(call.expr.args[0].text, functionText, parsed.text);
      const key = `${file}\0${library ?? ''}`;
      const declarations: LibloadingDeclarations = byKey.get(key) ?? { file, library, functions: [], statics: [], context: { records: new Map() } };
      byKey.set(key, declarations);
      if (declarations.functions.some((f) => f.name === name)) continue;
      const shape = scopedSymbolShape(declarations.context, { type, scope: scopeOf(module, fn.generics) });
      if (shape.kind !== 'function') continue;
      const optional = bound?.name !== undefined && new RegExp(`!\\s*${bound.name}\\s*\\.\\s*is_null\\s*\\(\\s*\\)`).test(functionText);
      declarations.functions.push(declaredFunction(name, shape.fn, optional, originIn(host, file, call.expr.range)));
    }
  }
  return [...byKey.values()].filter((d) => d.functions.length > 0);
}

function isTransmute(expr: Extract<Expr, { kind: 'call' }>): boolean {
  return expr.callee[expr.callee.length - 1] === 'transmute' && expr.args.length === 1;
}

/** `transmute(sym)` / `transmute::<_, T>(sym)` of the local `name`. */
function transmuteOf(calls: readonly { expr: Extract<Expr, { kind: 'call' }> }[], name: string): { expr: Extract<Expr, { kind: 'call' }> } | undefined {
  return calls.find((c) => isTransmute(c.expr) && c.expr.args[0].kind === 'path' && c.expr.args[0].segments.length === 1 && c.expr.args[0].segments[0] === name);
}

/** `transmute::<*mut c_void, T>(..)` → `T` (the second type argument). */
function turbofishTarget(expr: Extract<Expr, { kind: 'call' }>): string | undefined {
  const inner = expr.turbofish?.replace(/^\s*::\s*/, '').replace(/^<([\s\S]*)>$/, '$1');
  if (!inner) return undefined;
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '<' || c === '(' || c === '[') depth++;
    else if ((c === '>' && inner[i - 1] !== '-') || c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) return inner.slice(i + 1).trim() || undefined;
  }
  return undefined;
}
