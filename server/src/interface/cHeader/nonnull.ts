// Which parameters of a prototype may not be NULL: `__attribute__((nonnull))` (every pointer parameter),
// `__attribute__((nonnull(1, 3)))` (those, 1-based), a `_Nonnull` qualifier on a parameter's pointer, and
// macros that expand to them (`LIB_NONNULL`, cbindgen's `CBINDGEN_NONNULL`). A Rust `&T`, `Box<T>` or
// `NonNull<T>` for such a parameter is then what the declaration promises, not a NULL hazard.
import type { DeclaredParam } from '../model';
import { nonnullMacroNames, type MacroDefinition } from './preprocessor';

export type NonnullExpander = (text: string) => string;

/** Replaces every nonnull macro by what it means; an empty or foreign one (`CBINDGEN_NONNULL`) by `_Nonnull`. */
export function nonnullExpander(defines: readonly MacroDefinition[]): NonnullExpander {
  const names = nonnullMacroNames(defines);
  const bodies = new Map(defines.filter((d) => !d.functionLike).map((d) => [d.name, d.body]));
  const expand = (text: string, depth: number): string =>
    depth > 8
      ? text
      : text.replace(/\b[A-Za-z_]\w*\b/g, (word) => {
          if (!names.has(word)) return word;
          const body = bodies.get(word);
          return body !== undefined && body.trim() !== '' && body !== word ? expand(body, depth + 1) : '_Nonnull';
        });
  return (text) => (names.size === 0 ? text : expand(text, 0));
}

/** `#…` directive lines and comments removed, so a `#define` above a prototype does not count as its attribute. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/^[ \t]*#(?:[^\n]*\\\r?\n)*[^\n]*$/gm, ' ');
}

/**
 * Marks the pointer parameters a nonnull annotation covers as not nullable. `outside` is the prototype's text
 * without its parameter list (attributes before and after it), `paramTexts` each parameter as written.
 */
export function applyNonnull(params: DeclaredParam[], outside: string, paramTexts: readonly string[], expand: NonnullExpander): DeclaredParam[] {
  const attributes = expand(codeOnly(outside));
  const covered = new Set<number>();
  let all = false;
  for (const match of attributes.matchAll(/\b(?:__)?nonnull(?:__)?\b\s*(\(([^()]*)\))?/g)) {
    const list = match[2]?.trim();
    if (!list) all = true;
    else for (const index of list.split(',')) if (/^\s*\d+\s*$/.test(index)) covered.add(Number(index) - 1);
  }
  return params.map((param, index) => {
    if (param.type.kind !== 'pointer' || !param.type.nullable) return param;
    const qualified = /\*\s*(?:const\s+|volatile\s+)*_Nonnull\b/.test(expand(codeOnly(paramTexts[index] ?? '')));
    return all || covered.has(index) || qualified ? { ...param, type: { ...param.type, nullable: false } } : param;
  });
}
