// "Update header": only the declarations whose C meaning (or `#if`) differs from the crate's are rewritten,
// new ones are inserted next to their neighbours in the crate's order, and functions and statics the crate no
// longer exports are removed; comments, hand-written declarations, spacing and order stay as they are.
import * as path from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { TARGET_MACRO_NAMES } from './cfgCondition';
import type { HeaderConfig } from './config';
import { headerMeanings, opaqueNames, sameMeaning, type DeclarationMeaning } from './meaning';
import type { HeaderItem } from './model';
import { placed, renderHeader, type RenderedDeclaration } from './render';

export interface HeaderEdit {
  /** Offsets in the old text. */
  start: number;
  end: number;
  text: string;
}

export interface HeaderChange {
  kind: 'added' | 'changed' | 'removed';
  key: string;
  /** For `changed`: the file's declaration and ours, by meaning. */
  was?: string;
  now?: string;
}

export interface HeaderUpdate {
  text: string;
  edits: HeaderEdit[];
  changes: HeaderChange[];
  /** Declarations the reader could not read in the file but whose name is there: left alone, said here. */
  notes: string[];
}

export function keyOf(item: HeaderItem): string {
  return `${item.kind === 'opaque' ? 'record' : item.kind} ${item.name}`;
}

/** Our declarations by meaning: the new header alone, without `#if`s, read like any other. */
export function ownMeanings(parser: Parser, declarations: readonly RenderedDeclaration[], config: HeaderConfig): Map<string, DeclarationMeaning> {
  const plain = declarations.map((d) => ({ ...d, item: { ...d.item, condition: undefined } }));
  return headerMeanings(parser, 'generated.h', renderHeader(plain, { ...config, includeGuard: undefined, cppCompat: false, header: undefined, trailer: undefined }));
}

interface Wrapped {
  start: number;
  end: number;
  condition: string | undefined;
  /** With a doc comment between: the `#if` line, and where the `#endif` line ends. */
  ifLine?: { start: number; end: number };
  endifEnd?: number;
}

/**
 * The declaration with the `#if …` line above it (its doc comment may sit between, as cbindgen writes it) and
 * the `#endif` right below, when it has them. `start` stays at the declaration when a comment is between, so a
 * rewrite keeps the comment: the `#if` line is then rewritten on its own (`ifLine`).
 */
function wrapped(text: string, found: DeclarationMeaning): Wrapped {
  const lineStart = text.lastIndexOf('\n', found.start - 1) + 1;
  const before = text.slice(0, lineStart);
  const commentStart = leadingCommentStart(before);
  const comment = commentStart < before.length;
  const aboveComment = before.slice(0, commentStart);
  const previousLine = /(?:^|\n)([ \t]*#[ \t]*if[ \t]+([^\n]*))\n$/.exec(aboveComment);
  const after = /^[ \t]*\n?([ \t]*#[ \t]*endif\b[^\n]*)/.exec(text.slice(found.end));
  if (previousLine && after && text.slice(found.start, found.end).indexOf('#if') < 0) {
    const ifStart = aboveComment.length - previousLine[1].length - 1;
    const condition = previousLine[2].replace(/\/\*.*?\*\/|\/\/.*$/g, '').trim();
    if (!comment) return { start: ifStart, end: found.end + after[0].length, condition };
    return { start: found.start, end: found.end, condition, ifLine: { start: ifStart, end: ifStart + previousLine[1].length }, endifEnd: found.end + after[0].length };
  }
  return { start: found.start, end: found.end, condition: undefined };
}

/** Where the comment that ends `before` (a block comment or `//` lines, right above a declaration) starts; `before.length` when none. */
function leadingCommentStart(before: string): number {
  const block = /\*\/[ \t]*\n$/.exec(before);
  if (block) {
    const open = before.lastIndexOf('/*', block.index);
    const lineStart = before.lastIndexOf('\n', open - 1) + 1;
    return open >= 0 && /^[ \t]*$/.test(before.slice(lineStart, open)) ? lineStart : before.length;
  }
  let start = before.length;
  for (;;) {
    const previous = before.lastIndexOf('\n', start - 2) + 1;
    if (start === 0 || !/^[ \t]*\/\//.test(before.slice(previous, start))) return start;
    start = previous;
  }
}

/** Where declarations go when the file has no neighbour for them: before the closing `extern "C"` guard or include guard. */
function tailOffset(text: string): number {
  const closing = /\n[ \t]*#[ \t]*ifdef[ \t]+__cplusplus[ \t]*\n[ \t]*\}[^\n]*\n[ \t]*#[ \t]*endif[^\n]*\s*(?:#[ \t]*endif[^\n]*\s*)?$/.exec(text);
  if (closing) return closing.index + 1;
  const guardEnd = /\n[ \t]*#[ \t]*endif[^\n]*\s*$/.exec(text);
  return guardEnd ? guardEnd.index + 1 : text.length;
}

/** `macros`: what the checked target's C compiler predefines (its `#if` branches are the ones compared). */
export function updateHeader(parser: Parser, file: string, text: string, declarations: readonly RenderedDeclaration[], config: HeaderConfig, macros?: ReadonlyMap<string, string>): HeaderUpdate {
  const existing = headerMeanings(parser, file, text, macros);
  const ours = ownMeanings(parser, declarations, config);
  const opaque = opaqueNames(existing, ours);
  const edits: HeaderEdit[] = [];
  const changes: HeaderChange[] = [];
  const ourKeys = new Set(declarations.map((d) => keyOf(d.item)));
  const notes: string[] = [];
  const code = text.replace(/\/\*[^]*?\*\/|\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, ' '));
  // Where each declaration is (or will be), for inserting the next one after it.
  let anchor: number | undefined;
  const pendingAtStart: string[] = [];
  const insertAfter = new Map<number, string[]>();
  for (const declaration of declarations) {
    const key = keyOf(declaration.item);
    const found = existing.get(key) ?? (key.startsWith('constant ') ? respelledConstant(existing, key) : undefined);
    const mine = ours.get(key);
    if (!found) {
      // The name is in the file, in a form the reader did not read (a macro it does not know around it):
      // inserting it again would declare it twice.
      const at = writtenAt(code, declaration.item);
      if (at !== undefined) {
        notes.push(`${path.basename(file)}:${at}: \`${declaration.item.name}\` is written there in a form this reader cannot read, so it was neither compared nor rewritten; check it by hand`);
        continue;
      }
      // A new declaration comes with its doc comment; a rewritten one keeps the comment the file has.
      const block = placed(declaration, config);
      if (anchor === undefined) pendingAtStart.push(block);
      else insertAfter.set(anchor, [...(insertAfter.get(anchor) ?? []), block]);
      changes.push({ kind: 'added', key });
      continue;
    }
    const around = wrapped(text, found);
    const condition = declaration.item.condition;
    if (!mine || !sameMeaning(mine.meaning, found.meaning, opaque) || (condition ?? '') !== (around.condition ?? '')) {
      if (around.ifLine && condition !== undefined) {
        // `#if`, comment, declaration, `#endif`: the two lines that differ are rewritten, the comment kept.
        if (around.condition !== condition) edits.push({ ...around.ifLine, text: `#if ${condition}` });
        edits.push({ start: found.start, end: found.end, text: declaration.text });
      } else {
        // Keep an `#if` the file has when ours has none to say (a hand-written platform guard).
        const replaceWrapper = condition !== undefined || around.condition === undefined ? around : { start: found.start, end: found.end };
        edits.push({ start: replaceWrapper.start, end: replaceWrapper.end, text: condition !== undefined || around.condition === undefined ? placed(declaration) : declaration.text });
      }
      changes.push({ kind: 'changed', key, was: `${around.condition ? `#if ${around.condition}: ` : ''}${found.meaning}`, now: `${condition ? `#if ${condition}: ` : ''}${mine?.meaning ?? '?'}` });
    }
    // After the rest of its last line (a trailing comment stays with it).
    const newline = text.indexOf('\n', around.endifEnd ?? around.end);
    anchor = newline < 0 ? text.length : newline;
  }
  const ownMacros = new Set([...config.defines.values(), ...TARGET_MACRO_NAMES]);
  for (const found of existing.values()) {
    if (ourKeys.has(found.key) || !/^(?:function|static) /.test(found.key)) continue;
    const around = wrapped(text, found);
    // Under an `#if` on a macro we never write (`GX_WITH_EXTRAS`), it is the header's own business: kept.
    const macros = around.condition?.match(/[A-Za-z_]\w*/g)?.filter((m) => m !== 'defined') ?? [];
    if (!macros.every((m) => ownMacros.has(m))) continue;
    edits.push({ ...withLeadingComment(text, around.ifLine?.start ?? around.start, lineEnd(text, around.endifEnd ?? around.end)), text: '' });
    changes.push({ kind: 'removed', key: found.key });
  }
  if (pendingAtStart.length > 0) {
    const first = [...existing.values()].filter((e) => ourKeys.has(e.key)).sort((a, b) => a.start - b.start)[0];
    const at = first ? wrapped(text, first).start : tailOffset(text);
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    edits.push({ start: lineStart, end: lineStart, text: pendingAtStart.map((b) => `${b}\n\n`).join('') });
  }
  for (const [at, blocks] of insertAfter) edits.push({ start: at, end: at, text: blocks.map((b) => `\n\n${b}`).join('') });
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text: applyEdits(text, edits), edits, changes, notes };
}

/** `#define GX_API_VERSION 2` for our `GxAPI_VERSION`: one constant, spelled by hand in another case. */
function respelledConstant(existing: ReadonlyMap<string, DeclarationMeaning>, key: string): DeclarationMeaning | undefined {
  const plain = (k: string) => k.slice('constant '.length).replace(/_/g, '').toLowerCase();
  const matches = [...existing.values()].filter((e) => e.key.startsWith('constant ') && plain(e.key) === plain(key));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The line (1-based) where `item`'s name is declared in `code` (comments blanked), when it is. */
function writtenAt(code: string, item: HeaderItem): number | undefined {
  const name = item.name.replace(/[$]/g, '');
  const pattern =
    item.kind === 'function' ? new RegExp(`\\b${name}\\s*\\(`) : item.kind === 'constant' ? new RegExp(`#\\s*define\\s+${name}\\b`) : item.kind === 'static' ? new RegExp(`\\bextern\\b[^;]*\\b${name}\\b`) : new RegExp(`\\b(?:struct|union|enum)\\s+${name}\\s*\\{|\\}\\s*${name}\\s*;`);
  const match = pattern.exec(code);
  return match ? code.slice(0, match.index).split('\n').length : undefined;
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline + 1;
  // Swallow one blank line after, so removing a declaration leaves no double gap.
  return /^[ \t]*\n/.test(text.slice(end)) ? text.indexOf('\n', end) + 1 : end;
}

/** A removed declaration takes its doc comment (the comment lines right above it) with it. */
function withLeadingComment(text: string, start: number, end: number): { start: number; end: number } {
  let lineStart = text.lastIndexOf('\n', start - 1) + 1;
  for (;;) {
    const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    if (lineStart === 0) break;
    const line = text.slice(previousStart, lineStart - 1);
    if (!/^\s*(?:\/\/|\/\*|\*)/.test(line)) break;
    lineStart = previousStart;
  }
  return { start: lineStart, end };
}

export function applyEdits(text: string, edits: readonly HeaderEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (edit.start < at) continue; // overlapping edits cannot happen; skip rather than corrupt
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}
