import type { CrateModel } from '../crate/crateModel';
import { comparePositions, type Finding, type Fix, type Location, type Range, type RelatedInformation, type TextEdit } from '../engine/types';
import type { ExpansionBlock, FileExpansions } from './crateExpansion';
import type { LineIndex } from '../parsing/lineIndex';
import { absolute, spanAt, spanBefore, type Span } from './render';
import { BodyLocator, bodyRegistriesOf, isBodyVirtual, VIRTUAL_BASE as VIRTUAL_LINE } from './bodyMap';

/**
 * Moves findings whose positions are inside macro expansions (past the real text of a file, see
 * crateExpansion.ts) back to where the user can see them:
 * - the range: the call's own tokens when the whole range is made of tokens written at the call (rustc
 *   points there too: `export_plugin!(demo, Vec<u8>)` → `Vec<u8>`), else the outermost macro call;
 * - the message says it comes from the macro, and a related location points at the macro rule's line;
 * - a fix edit inside the expansion becomes an edit of the macro definition when the edited tokens are
 *   written literally there and the new text uses nothing of the call; otherwise the fix is dropped.
 * No edit ever lands in a real file at an expansion-relative position.
 */
export function mapExpansionFindings(crate: CrateModel, findings: Finding[]): Finding[] {
  const expansions = expansionsOf(crate);
  const bodies = bodyRegistriesOf(crate);
  if (expansions.size === 0 && bodies.size === 0) return findings;
  const mapper = new ExpansionMapper(expansions, linesOf(crate), new BodyLocator(bodies));
  // A finding left on the virtual lines of an expanded body (no crate here placed it) would point nowhere.
  return findings.map((finding) => mapper.finding(finding)).filter((finding) => !isBodyVirtual(finding.range.start));
}

/**
 * Where an item's range is for the user: itself when it is written text, else the macro call (or the call's
 * own tokens) it was expanded from. For editor features other than findings (code lenses, hovers).
 */
export function userRange(crate: CrateModel, file: string, range: Range): Range {
  const expansions = expansionsOf(crate);
  if (expansions.size === 0) return range;
  const mapper = new ExpansionMapper(expansions, linesOf(crate));
  if (!mapper.isVirtual(file, range)) return range;
  const mapped = mapper.location({ file, range });
  return mapped && mapped.location.file === file ? mapped.location.range : range;
}

function expansionsOf(crate: CrateModel, into = new Map<string, FileExpansions>(), seen = new Set<CrateModel>()): Map<string, FileExpansions> {
  if (seen.has(crate)) return into;
  seen.add(crate);
  for (const [file, expansion] of crate.expansions ?? []) into.set(file, expansion);
  for (const dependency of crate.dependencies.values()) expansionsOf(dependency, into, seen);
  return into;
}

/** The line index of every file of the crate and its dependencies (definitions may be in any of them). */
function linesOf(crate: CrateModel, into = new Map<string, LineIndex>(), seen = new Set<CrateModel>()): Map<string, LineIndex> {
  if (seen.has(crate)) return into;
  seen.add(crate);
  for (const [file, parsed] of crate.files) into.set(file, parsed.lines);
  for (const dependency of crate.dependencies.values()) linesOf(dependency, into, seen);
  return into;
}

interface Mapped {
  location: Location;
  /** The outermost macro whose expansion held the range; undefined for a function's own text read expanded (bodyMap.ts). */
  macro: string | undefined;
  /** The definition token the range started at (the rule's line that produced it), as a real location. */
  producedBy: Location | undefined;
  /** The location is the call's own tokens, not the whole call. */
  exact?: boolean;
}

const MAX_CHAIN = 64;

export class ExpansionMapper {
  constructor(
    private readonly expansions: ReadonlyMap<string, FileExpansions>,
    private readonly files: ReadonlyMap<string, LineIndex>,
    private readonly bodies?: BodyLocator,
  ) {}

  /** Whether a position of `file` lies in an expansion (or in a function read with its body's macros expanded). */
  isVirtual(file: string, range: Range): boolean {
    if (isBodyVirtual(range.start) || isBodyVirtual(range.end)) return true;
    const expansion = this.expansions.get(file);
    return expansion !== undefined && (range.start.line >= expansion.firstLine || range.end.line >= expansion.firstLine);
  }

  finding(finding: Finding): Finding {
    const primaryVirtual = this.isVirtual(finding.file, finding.range);
    const relatedVirtual = finding.related.some((r) => this.isVirtual(r.location.file, r.location.range));
    const editsVirtual = finding.fixes.some((fix) => fix.edits.some((e) => this.isVirtual(e.file, e.range)));
    if (!primaryVirtual && !relatedVirtual && !editsVirtual) return finding;
    const related: RelatedInformation[] = [];
    let { file, range, message } = finding;
    message = this.bodyLineNumbers(finding.file, message);
    if (primaryVirtual) {
      const mapped = this.location({ file, range });
      if (mapped) {
        ({ file, range } = mapped.location);
        if (mapped.macro) {
          message = withMacro(this.realLineNumbers(finding.file, message, range), mapped.macro);
          if (mapped.producedBy) related.push({ location: mapped.producedBy, message: `\`${mapped.macro}!\` produces this code here` });
        }
      }
    }
    for (const r of finding.related) {
      if (!this.isVirtual(r.location.file, r.location.range)) {
        related.push(r);
        continue;
      }
      const mapped = this.location(r.location);
      if (!mapped) continue;
      const rMessage = this.bodyLineNumbers(r.location.file, r.message);
      related.push({ location: mapped.location, message: mapped.macro ? withMacro(this.realLineNumbers(r.location.file, rMessage, mapped.location.range), mapped.macro) : rMessage });
      // A site inside a body-level expansion also says which line of the macro wrote it.
      if (mapped.macro && mapped.producedBy && isBodyVirtual(r.location.range.start)) related.push({ location: mapped.producedBy, message: `\`${mapped.macro}!\` produces this code here` });
    }
    const fixes = finding.fixes.flatMap((fix) => this.fix(fix));
    // Several sites of one expansion relate the same macro line once.
    const seen = new Set<string>();
    const unique = related.filter((r) => {
      const key = `${r.location.file}:${r.location.range.start.line}:${r.location.range.start.character}:${r.location.range.end.line}:${r.location.range.end.character}:${r.message}`;
      return !seen.has(key) && seen.add(key) !== undefined;
    });
    return { ...finding, file, range, message, related: unique, fixes };
  }

  /** Messages that name a line ("panics, line 27") name the call's line instead of a line of the expansion. */
  private realLineNumbers(file: string, message: string, at: Range): string {
    const firstLine = this.expansions.get(file)?.firstLine;
    if (firstLine === undefined) return message;
    return message.replace(/\bline (\d+)\b/g, (text, n: string) => (Number(n) - 1 >= firstLine ? `line ${at.start.line + 1}` : text));
  }

  /** "line N" of a function read expanded: the line the user sees. */
  private bodyLineNumbers(file: string, message: string): string {
    // Virtual lines have at least eight digits (VIRTUAL_BASE is 2^24).
    if (!/\bline \d{8}/.test(message)) return message;
    return message.replace(/\bline (\d{8,})\b/g, (text, n: string) => {
      const line = Number(n) - 1;
      if (line < VIRTUAL_LINE) return text;
      const at = { line, character: 0 };
      const mapped = this.location({ file, range: { start: at, end: at } });
      return mapped ? `line ${mapped.location.range.start.line + 1}` : text;
    });
  }

  /** A location in an expansion, moved back to real text; undefined when the chain is broken. */
  location(location: Location, chain = 0): Mapped | undefined {
    if (isBodyVirtual(location.range.start)) {
      const body = this.bodies?.locate(location);
      if (!body || chain > MAX_CHAIN) return undefined;
      const producedBy = body.producedBy && this.real(body.producedBy, chain);
      // A function an item-level macro wrote: its text is an expansion too.
      if (!this.isVirtual(body.location.file, body.location.range)) return { ...body, producedBy };
      const outer = this.location(body.location, chain + 1);
      // A body-level call the user wrote inside an item-level call's input is named itself.
      const macro = body.macro && outer?.exact ? body.macro : (outer?.macro ?? body.macro);
      return outer && { location: outer.location, macro, producedBy: body.macro ? (producedBy ?? outer.producedBy) : outer.producedBy, exact: outer.exact };
    }
    const found = this.blockAt(location);
    if (!found || chain > MAX_CHAIN) return undefined;
    const { block, start, end } = found;
    const outer = this.isVirtual(block.call.file, block.call.range) ? this.location(block.call, chain + 1) : undefined;
    const callSite: Location = outer?.location ?? block.call;
    const macro = outer?.macro ?? block.macroName;
    const first = spanAt(block.spans, start);
    const last = end > start ? spanBefore(block.spans, end) : first;
    let producedBy: Location | undefined;
    if (first?.side === 'def') producedBy = this.real({ file: block.def.file, range: lineOf(absolute(first.range, block.def.anchor)) }, chain);
    producedBy ??= outer?.producedBy ?? this.real({ file: block.def.file, range: lineOf(block.ruleRange) }, chain);
    if (first && last && first.side === 'call' && last.side === 'call') {
      const from = this.callToken(block, first, chain);
      const to = this.callToken(block, last, chain);
      if (from && to && from.file === to.file && comparePositions(from.range.start, to.range.end) <= 0) {
        return { location: { file: from.file, range: { start: from.range.start, end: to.range.end } }, macro, producedBy, exact: true };
      }
    }
    return { location: callSite, macro, producedBy };
  }

  /** Where a token written at the call is, when that is real text (a call inside an expansion maps once more, precisely only). */
  private callToken(block: ExpansionBlock, span: Span, chain: number): Location | undefined {
    const location = { file: block.call.file, range: absolute(span.range, block.callAnchor) };
    if (!this.isVirtual(location.file, location.range)) return location;
    const inner = this.blockAt(location);
    if (!inner || chain > MAX_CHAIN) return undefined;
    const innerFirst = spanAt(inner.block.spans, inner.start);
    const innerLast = inner.end > inner.start ? spanBefore(inner.block.spans, inner.end) : innerFirst;
    if (innerFirst?.side !== 'call' || innerLast?.side !== 'call') return undefined;
    const from = this.callToken(inner.block, innerFirst, chain + 1);
    const to = this.callToken(inner.block, innerLast, chain + 1);
    return from && to && from.file === to.file ? { file: from.file, range: { start: from.range.start, end: to.range.end } } : undefined;
  }

  /** A location that may itself be inside an expansion (a macro defined by a macro), as real text. */
  private real(location: Location, chain: number): Location | undefined {
    return this.isVirtual(location.file, location.range) ? this.location(location, chain + 1)?.location : location;
  }

  private blockAt(location: Location): { block: ExpansionBlock; start: number; end: number } | undefined {
    const expansion = this.expansions.get(location.file);
    if (!expansion) return undefined;
    const blocks = expansion.blocks;
    let low = 0;
    let high = blocks.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (blocks[mid].line <= location.range.start.line) low = mid;
      else high = mid - 1;
    }
    const block = blocks[low];
    if (!block || block.line > location.range.start.line) return undefined;
    const start = expansion.lines.offsetAt(location.range.start) - block.offset;
    const end = Math.min(expansion.lines.offsetAt(location.range.end) - block.offset, block.length);
    if (start < 0 || start > block.length) return undefined;
    return { block, start, end: Math.max(start, end) };
  }

  /** The fix with its expansion edits moved to the macro definition, or nothing when one cannot be. */
  private fix(fix: Fix): Fix[] {
    const edits: TextEdit[] = [];
    for (const given of fix.edits) {
      let edit = given;
      if (isBodyVirtual(edit.range.start) || isBodyVirtual(edit.range.end)) {
        // An edit of a function read expanded: only one of its own text, at the same place.
        const mapped = this.bodies?.locate(edit);
        if (!mapped || mapped.macro || isBodyVirtual(edit.range.end) !== isBodyVirtual(edit.range.start)) return [];
        edit = { ...edit, file: mapped.location.file, range: mapped.location.range };
      }
      if (!this.isVirtual(edit.file, edit.range)) {
        edits.push(edit);
        continue;
      }
      const moved = this.definitionEdit(edit, 0);
      if (!moved) return [];
      edits.push(moved);
    }
    return [{ ...fix, edits }];
  }

  /**
   * An edit of expanded text as the same edit of the definition: both ends on tokens written in the
   * definition (an insertion at a token's start or end; a replacement of tokens that read the same in the
   * definition), and no identifier of the new text taken from the call (the definition serves every call).
   */
  private definitionEdit(edit: TextEdit, chain: number): TextEdit | undefined {
    const found = this.blockAt(edit);
    if (!found || chain > MAX_CHAIN) return undefined;
    const { block, start, end } = found;
    const from = block.spans.find((s) => s.side === 'def' && (s.start === start || (start === end && s.end === start)));
    const to = start === end ? from : block.spans.find((s) => s.side === 'def' && s.end === end);
    if (!from || !to) return undefined;
    if (this.usesCallWords(edit.newText + (edit.snippet ?? ''), edit.file, block)) return undefined;
    const fromRange = absolute(from.range, block.def.anchor);
    const toRange = absolute(to.range, block.def.anchor);
    const atStart = from.start === start ? fromRange.start : fromRange.end;
    const range = { start: atStart, end: start === end ? atStart : toRange.end };
    if (start !== end && !sameTokens(this.expansionText(edit.file, block, start, end), this.textOf(block.def.file, range))) return undefined;
    const moved: TextEdit = { ...edit, file: block.def.file, range, newText: this.reindent(edit.newText, block.def.file, range) };
    if (edit.snippet !== undefined) moved.snippet = this.reindent(edit.snippet, block.def.file, range);
    return this.isVirtual(moved.file, moved.range) ? this.definitionEdit(moved, chain + 1) : moved;
  }

  /** Whether the text uses a word written at the call and never in the definition (it would tie the edit to one call). */
  private usesCallWords(text: string, file: string, block: ExpansionBlock): boolean {
    const words = new Set(text.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []);
    if (words.size === 0) return false;
    const definitionWords = new Set<string>();
    const callWords = new Set<string>();
    for (const span of block.spans) (span.side === 'def' ? definitionWords : callWords).add(this.expansionText(file, block, span.start, span.end) ?? '');
    return [...words].some((word) => callWords.has(word) && !definitionWords.has(word));
  }

  private expansionText(file: string, block: ExpansionBlock, start: number, end: number): string | undefined {
    return this.expansions.get(file)?.lines.text.slice(block.offset + start, block.offset + end);
  }

  private textOf(file: string, range: Range): string | undefined {
    const lines = this.files.get(file);
    return lines?.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
  }

  /** An inserted attribute line takes the indentation of the definition's line (or stays on the line when the token is not first on it). */
  private reindent(text: string, file: string, range: Range): string {
    const lines = this.files.get(file);
    const trailing = /(\r?\n)[ \t]*$/.exec(text);
    if (!lines || !trailing || comparePositions(range.start, range.end) !== 0) return text;
    const lineText = lines.lineText(range.start.line);
    const before = lineText.slice(0, range.start.character);
    if (before.trim() !== '') return `${text.slice(0, trailing.index)} `;
    return `${text.slice(0, trailing.index)}${trailing[1]}${before}`;
  }
}

/** "… offsets." → "… offsets (in the expansion of `m!`)." */
function withMacro(message: string, macro: string): string {
  const note = ` (in the expansion of \`${macro}!\`)`;
  return message.endsWith('.') ? `${message.slice(0, -1)}${note}.` : `${message}${note}`;
}

function lineOf(range: Range): Range {
  return { start: range.start, end: range.start.line === range.end.line ? range.end : range.start };
}

function sameTokens(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}
