// The plugin-tutorial descriptor (`#[no_mangle] static PLUGIN: PluginDeclaration = ..`, or a zero-argument export
// returning one) is how a host checks versions before using anything else. Without `#[repr(C)]` its fields can be
// anywhere; with `#[repr(C)]` and the version fields first, a host of any later version can still read the
// versions of an older or newer plugin at fixed offsets, even when the rest of the struct changed.
// "Add `#[repr(C)]` … and move its version fields first": one fix, two edits (the attribute, the field order).
import type { BoundarySite } from '../boundary/sites';
import type { Fix, TextEdit } from '../engine/types';
import type { LineIndex } from '../parsing/lineIndex';
import type { AdtItem, FunctionItem } from '../syntax/items';
import { addReprEdit } from './addRepr';

const VERSION_FIELD = /version/i;

export function descriptorReprFix(adt: AdtItem, file: string, lines: LineIndex): Fix | undefined {
  if (adt.kind !== 'struct' || adt.fields.length < 2 || adt.fields.some((f) => f.name === undefined)) return undefined;
  const names = adt.fields.map((f) => f.name!);
  const versions = names.filter((n) => VERSION_FIELD.test(n));
  // Nothing to move: no version field, or they lead already (the plain `#[repr(C)]` fix is the one).
  if (versions.length === 0 || names.slice(0, versions.length).every((n) => VERSION_FIELD.test(n))) return undefined;
  const body = bodyOf(adt, lines);
  if (!body) return undefined;
  const entries = splitFields(body.text);
  const trailingComma = entries.length > 0 && entries[entries.length - 1].trim() === '';
  const fields = trailingComma ? entries.slice(0, -1) : entries;
  if (fields.length !== names.length) return undefined; // comments with commas, macros: not this simple shape
  const nameOf = (entry: string) => /(?:^|\s)(?:pub(?:\([^)]*\))?\s+)?(?:r#)?([A-Za-z_]\w*)\s*:/.exec(entry.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '').replace(/#\[[^\]]*\]/g, ''))?.[1];
  if (fields.some((entry, i) => nameOf(entry) !== names[i].replace(/^r#/, ''))) return undefined;
  const versionFirst = <T>(items: T[]) => [...items.filter((_, i) => VERSION_FIELD.test(names[i])), ...items.filter((_, i) => !VERSION_FIELD.test(names[i]))];
  let newText: string;
  if (body.text.includes('\n')) {
    // One field per line: each keeps its indentation, doc comments and attributes.
    const pieces = fields.map((entry) => entry.replace(/^[ \t]*\r?\n/, '').replace(/^\s*\n/, '').replace(/\s+$/, ''));
    const eol = body.text.includes('\r\n') ? '\r\n' : '\n';
    newText = `${eol}${versionFirst(pieces).join(`,${eol}`)},${/\s*$/.exec(body.text)?.[0] ?? eol}`;
  } else {
    newText = ` ${versionFirst(fields.map((entry) => entry.trim())).join(', ')}${trailingComma ? ',' : ''} `;
  }
  const reorder: TextEdit = { file, range: { start: lines.positionAt(body.start), end: lines.positionAt(body.end) }, newText };
  return {
    title: `Add \`#[repr(C)]\` to \`${adt.name}\` and move its version field${versions.length > 1 ? 's' : ''} first (${versions.map((v) => `\`${v}\``).join(', ')})`,
    isPreferred: true,
    edits: [addReprEdit(adt, file, lines, 'C'), reorder],
  };
}

/** The text between the braces of a struct with named fields, and its offsets in the file. */
function bodyOf(adt: AdtItem, lines: LineIndex): { text: string; start: number; end: number } | undefined {
  const text = lines.text;
  const from = lines.offsetAt(adt.nameRange.end);
  const to = lines.offsetAt(adt.range.end);
  const open = text.indexOf('{', from);
  const close = text.lastIndexOf('}', to);
  if (open < 0 || close < open || close > to) return undefined;
  return { text: text.slice(open + 1, close), start: open + 1, end: close };
}

/** A descriptor's site: the type of an exported static, or the return type of an export that takes nothing. */
export function isDescriptorSite(site: BoundarySite): boolean {
  if (site.exportedStatic !== undefined) return true;
  const owner = site.owners[0] as Partial<FunctionItem> | undefined;
  return site.isReturn === true && owner?.kind === 'function' && owner.params?.length === 0;
}

/** `fixes` with the descriptor fix first (preferred) when it applies, the plain ones no longer preferred. */
export function withDescriptorFix(adt: AdtItem, file: string, lines: LineIndex | undefined, fixes: Fix[]): Fix[] {
  const descriptor = lines && descriptorReprFix(adt, file, lines);
  return descriptor ? [descriptor, ...fixes.map((f) => ({ ...f, isPreferred: false }))] : fixes;
}

/**
 * A struct body split at its top-level commas, each piece as written (indentation, comments, attributes kept):
 * commas inside comments, strings, `(..)`, `[..]`, `{..}` and generics `<..>` (not the `>` of `->`) do not split.
 */
function splitFields(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{' || c === '<') depth++;
    else if (c === ')' || c === ']' || c === '}' || (c === '>' && text[i - 1] !== '-')) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
