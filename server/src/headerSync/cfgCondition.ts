// `#[cfg(..)]` → the C condition of an `#if`: `[defines]` of cbindgen.toml first (`"feature = extra" =
// "PLUGIN_EXTRA"`), then the macros every C compiler predefines for a target cfg (`windows` → `_WIN32`).
// A leaf with neither leaves the item unconditional, as cbindgen does, and is said in a note.
import { splitTopLevel } from '../syntax/attributes';
import { normalizeCfg } from './config';

const TARGET_MACROS: Record<string, string> = {
  windows: '_WIN32',
  unix: '__unix__',
  'target_os = windows': '_WIN32',
  'target_os = linux': '__linux__',
  'target_os = macos': '__APPLE__',
  'target_os = android': '__ANDROID__',
  'target_family = windows': '_WIN32',
  'target_family = unix': '__unix__',
  'target_arch = x86_64': '__x86_64__',
  'target_arch = aarch64': '__aarch64__',
  'target_arch = x86': '__i386__',
  'target_env = msvc': '_MSC_VER',
};

/** The macros a target cfg is written as (an `#if` on one of them may be ours). */
export const TARGET_MACRO_NAMES: readonly string[] = [...new Set(Object.values(TARGET_MACROS))];

export function cCondition(predicates: readonly string[], defines: ReadonlyMap<string, string>): { condition: string | undefined; unmapped: string[] } {
  const unmapped: string[] = [];
  const leaf = (text: string): string => {
    const key = normalizeCfg(text);
    const macro = defines.get(key) ?? TARGET_MACROS[key];
    if (macro === undefined) {
      unmapped.push(key);
      return '1';
    }
    return `defined(${macro})`;
  };
  const translate = (text: string, depth: number): string => {
    const call = /^(all|any|not)\s*\(([\s\S]*)\)$/.exec(text.trim());
    if (!call || depth > 16) return leaf(text);
    const args = splitTopLevel(call[2]).map((a) => translate(a, depth + 1));
    if (call[1] === 'not') return `!${args.length === 1 && !args[0].includes(' ') ? args[0] : `(${args.join(' && ')})`}`;
    if (args.length === 0) return call[1] === 'all' ? '1' : '0';
    return args.length === 1 ? args[0] : `(${args.join(call[1] === 'all' ? ' && ' : ' || ')})`;
  };
  const parts = predicates.map((p) => translate(p, 0));
  if (parts.length === 0 || unmapped.length > 0) return { condition: undefined, unmapped };
  const joined = parts.join(' && ');
  return { condition: parts.length === 1 ? joined.replace(/^\((.*)\)$/, '$1') : joined, unmapped };
}
