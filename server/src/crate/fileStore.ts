import type { Parser, Tree } from 'web-tree-sitter';
import { RustSource, type ContentChange } from '../parsing/rustSource';
import { extractFileSyntax, extractFileSyntaxSteps, unreadItemsOf, type FileSyntax } from '../syntax/items';
import { LineIndex } from '../parsing/lineIndex';
import { firstSyntaxError, type SyntaxErrorAt } from '../parsing/syntaxErrors';
import { freeParser } from '../parsing/treeSitter';
import { ExtractionCache } from '../syntax/reuse';
import { readFileBodies, type PreReadBody } from '../bodies/fileBodies';
import { recordInternalError } from '../engine/internalErrors';
import { normalizePath, type FileSystem } from './fileSystem';

/** How long item extraction of an open document may hold the event loop before it pauses. */
const SLICE_MS = 4;

/** An open document changed while it was being read: the analysis that asked is out of date. */
export class StaleDocumentError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed during analysis`);
  }
}

/** A Rust file as the engine sees it: its text, its items, and (for open documents) its live tree. */
export interface ParsedFile {
  path: string;
  text: string;
  syntax: FileSyntax;
  /** Line/offset conversion for `text`, built once per revision. */
  lines: LineIndex;
  /** Bumped on every change, so caches keyed on it stay correct. */
  revision: number;
  /** The engine's Rust parser, for `bodies/`, which parses one function's text when a rule asks for it. */
  parser: Parser;
  /**
   * Why the file's items are unknown, if they are: its parse ran out of its time budget or reading its items
   * failed (`syntax` is empty), or some items could not be read ('partial': the others are there). The engine
   * then says so on the file and keeps the rest of the crate's findings.
   */
  notAnalysed?: 'timeout' | 'error' | 'partial';
  /**
   * Body facts of the file's functions read from its tree before it was freed (files from disk), by start offset,
   * for `bodyOf` to take instead of parsing each function's text again (bodies/fileBodies.ts).
   */
  bodies?: Map<number, PreReadBody>;
  /**
   * An open document's tree, while the document is still at this revision (undefined after the next change or
   * a parse that ran out of time), for `bodyOf` to read an edited function from instead of parsing its text.
   */
  liveTree?: () => Tree | undefined;
  /** The first syntax error of the file's tree (null: none), for files parsed from disk, read before the tree is freed. */
  syntaxError?: SyntaxErrorAt | null;
}

/** Whether extraction skipped items of the file; each failure (not a depth limit) is recorded once as an internal error. */
const reported = new WeakSet<FileSyntax>();
function hasUnreadItems(file: string, syntax: FileSyntax): boolean {
  const unread = unreadItemsOf(syntax.module);
  if (unread.length > 0 && !reported.has(syntax)) {
    reported.add(syntax);
    for (const { range, error } of unread) if (error !== undefined) recordInternalError(file, `reading the item at line ${range.start.line + 1}`, error);
  }
  return unread.length > 0;
}

const NO_SYNTAX: FileSyntax = { module: { items: [], innerAttributes: [] }, fileSuppressed: [] };

interface OpenDocument {
  source: RustSource;
  revision: number;
  syntax: FileSyntax | undefined;
  /** Reading this revision's items failed (`syntax` is empty). */
  failed?: boolean;
  /** The top-level items of the last extraction, for the next one to reuse those no edit touched. */
  cache: ExtractionCache;
}

/**
 * Open documents (kept parsed, edited incrementally) over files on disk (parsed on first use, then cached
 * until the client says they changed). Trees of files that are not open are freed once their items are read.
 */
export class FileStore {
  private readonly open = new Map<string, OpenDocument>();
  private readonly disk = new Map<string, Promise<ParsedFile | undefined>>();
  /** Open documents that are not Rust (Cargo.toml): their unsaved text wins over the disk. */
  private readonly openText = new Map<string, string>();
  private revisionCounter = 0;

  constructor(
    private readonly parser: Parser,
    readonly fs: FileSystem,
  ) {}

  openDocument(file: string, text: string): void {
    const key = normalizePath(file);
    this.open.get(key)?.source.dispose();
    this.open.set(key, { source: RustSource.parse(this.parser, text), revision: ++this.revisionCounter, syntax: undefined, cache: new ExtractionCache() });
  }

  changeDocument(file: string, changes: readonly ContentChange[]): void {
    const doc = this.open.get(normalizePath(file));
    if (!doc) throw new Error(`${file} is not open`);
    doc.cache.update(doc.source.applyChanges(changes));
    doc.revision = ++this.revisionCounter;
    doc.syntax = undefined;
    doc.failed = false;
  }

  closeDocument(file: string): void {
    const key = normalizePath(file);
    this.open.get(key)?.source.dispose();
    this.open.delete(key);
    this.disk.delete(key);
  }

  /** An open non-Rust document (a manifest), edited in the editor but perhaps not saved. */
  openTextDocument(file: string, text: string): void {
    this.openText.set(normalizePath(file), text);
  }

  changeTextDocument(file: string, changes: readonly ContentChange[]): void {
    const key = normalizePath(file);
    let text = this.openText.get(key);
    if (text === undefined) throw new Error(`${file} is not open`);
    for (const change of changes) {
      if (!change.range) {
        text = change.text;
        continue;
      }
      const current: string = text;
      const lines = new LineIndex(current);
      text = current.slice(0, lines.offsetAt(change.range.start)) + change.text + current.slice(lines.offsetAt(change.range.end));
    }
    this.openText.set(key, text);
  }

  closeTextDocument(file: string): void {
    this.openText.delete(normalizePath(file));
  }

  isOpenText(file: string): boolean {
    return this.openText.has(normalizePath(file));
  }

  isOpen(file: string): boolean {
    return this.open.has(normalizePath(file));
  }

  /** How many top-level items the open document's last extraction reused and read (for tests and the bench). */
  reuseStats(file: string): { reused: number; read: number } {
    const doc = this.open.get(normalizePath(file));
    if (!doc) throw new Error(`${file} is not open`);
    return doc.cache.lastExtraction;
  }

  openFiles(): string[] {
    return [...this.open.keys()];
  }

  /** Forget what was read from disk (the file changed, was created or was deleted). */
  invalidate(file: string): void {
    this.disk.delete(normalizePath(file));
  }

  exists(file: string): boolean {
    const key = normalizePath(file);
    return this.open.has(key) || this.openText.has(key) || this.fs.isFile(file);
  }

  /** The text of any file (open or on disk), for manifests and fixes. */
  async readText(file: string): Promise<string | undefined> {
    const key = normalizePath(file);
    const doc = this.open.get(key);
    return doc ? doc.source.text : (this.openText.get(key) ?? this.fs.readFile(file));
  }

  async get(file: string): Promise<ParsedFile | undefined> {
    const key = normalizePath(file);
    const doc = this.open.get(key);
    if (doc) {
      if (!doc.syntax) {
        try {
          doc.syntax = await this.extractInSlices(key, doc);
        } catch (error) {
          if (error instanceof StaleDocumentError) throw error;
          recordInternalError(key, 'reading the items of the file', error);
          doc.syntax = NO_SYNTAX;
          doc.failed = true;
        }
      }
      const revision = doc.revision;
      const liveTree = (): Tree | undefined => (this.open.get(key) === doc && doc.revision === revision && !doc.source.timedOut ? doc.source.tree : undefined);
      const parsed: ParsedFile = { path: key, text: doc.source.text, syntax: doc.syntax, lines: doc.source.lineIndex, revision, parser: this.parser, liveTree };
      const notAnalysed = doc.source.timedOut ? 'timeout' : doc.failed ? 'error' : hasUnreadItems(key, doc.syntax) ? 'partial' : undefined;
      return notAnalysed ? { ...parsed, notAnalysed } : parsed;
    }
    let cached = this.disk.get(key);
    if (!cached) {
      cached = this.parseFromDisk(key);
      this.disk.set(key, cached);
    }
    return cached;
  }

  /**
   * Reads an open document's items a few milliseconds at a time, letting LSP messages in between. If the
   * document changes during a pause its tree is replaced (and the old one freed), so extraction stops there.
   * Top-level items that no edit since the last extraction touched are taken from it (syntax/reuse.ts).
   */
  private async extractInSlices(key: string, doc: OpenDocument): Promise<FileSyntax> {
    const revision = doc.revision;
    const { tree, text, lineIndex } = doc.source;
    const steps = extractFileSyntaxSteps(tree.rootNode, text, doc.cache.session(text, lineIndex));
    let sliceStart = performance.now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() - sliceStart < SLICE_MS) continue;
      await new Promise((resolve) => setImmediate(resolve));
      if (this.open.get(key) !== doc || doc.revision !== revision) throw new StaleDocumentError(key);
      sliceStart = performance.now();
    }
  }

  private async parseFromDisk(key: string): Promise<ParsedFile | undefined> {
    const text = await this.fs.readFile(key);
    if (text === undefined) return undefined;
    const source = RustSource.parse(this.parser, text);
    try {
      const parsed: ParsedFile = { path: key, text, syntax: NO_SYNTAX, lines: source.lineIndex, revision: ++this.revisionCounter, parser: this.parser };
      if (!source.timedOut) parsed.syntaxError = firstSyntaxError(source.tree.rootNode);
      if (source.timedOut) return { ...parsed, notAnalysed: 'timeout' };
      try {
        const syntax = extractFileSyntax(source.tree.rootNode, text);
        parsed.bodies = readFileBodies(source.tree.rootNode, text, source.lineIndex, syntax);
        return hasUnreadItems(key, syntax) ? { ...parsed, syntax, notAnalysed: 'partial' } : { ...parsed, syntax };
      } catch (error) {
        recordInternalError(key, 'reading the items of the file', error);
        return { ...parsed, notAnalysed: 'error' };
      }
    } finally {
      source.dispose();
    }
  }

  dispose(): void {
    for (const doc of this.open.values()) doc.source.dispose();
    this.open.clear();
    this.disk.clear();
    freeParser(this.parser);
  }
}
