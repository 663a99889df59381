// Plain data shared by the engine, the LSP layer, the CLI and the tests.
// Positions are 0-based lines and UTF-16 columns, exactly as in LSP and in tree-sitter points.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** An absolute file-system path plus a range in that file. */
export interface Location {
  file: string;
  range: Range;
}

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
  /**
   * The same edit in LSP snippet syntax, when it holds a value the user must confirm (a tab stop selects it).
   * Editors that support snippet edits apply this; everything else (the CLI, other clients) applies `newText`.
   */
  snippet?: string;
}

export interface Fix {
  title: string;
  /** The fix an editor applies on "Auto fix" / the first one offered. */
  isPreferred: boolean;
  edits: TextEdit[];
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface RelatedInformation {
  location: Location;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  range: Range;
  message: string;
  /** What to do, in one sentence (shown as `help:` by the CLI). */
  help?: string;
  related: RelatedInformation[];
  fixes: Fix[];
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether two ranges share at least one position (touching ends count). */
export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.end, b.start) >= 0 && comparePositions(b.end, a.start) >= 0;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/**
 * At most this many related locations per finding: a symbol defined 3,000 times must not make each finding
 * carry 2,999 locations (quadratic output: gigabytes of JSON, a publish that never arrives).
 */
export const MAX_RELATED = 20;

/** `related` cut to MAX_RELATED entries; the same array when it is short enough. */
export function capRelated(related: RelatedInformation[]): RelatedInformation[] {
  return related.length <= MAX_RELATED ? related : related.slice(0, MAX_RELATED);
}
