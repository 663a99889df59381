// The client's side of one open document for protocol tests that edit at random: its text and version as an
// editor keeps them (positions by vscode-languageserver-textdocument, the reference implementation of LSP
// positions: `\n`, `\r\n` and a lone `\r` each end a line), and what a client does with a code action.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Command, Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { LspClient } from './lspClient';

export class ClientDocument {
  private document: TextDocument;

  private constructor(
    private readonly client: LspClient,
    readonly uri: string,
    text: string,
  ) {
    this.document = TextDocument.create(uri, 'rust', 1, text);
  }

  static async open(client: LspClient, file: string, text: string): Promise<ClientDocument> {
    const uri = await client.didOpen(file, text, 'rust', 1);
    return new ClientDocument(client, uri, text);
  }

  get text(): string {
    return this.document.getText();
  }

  get version(): number {
    return this.document.version;
  }

  get lineCount(): number {
    return this.document.lineCount;
  }

  positionAt(offset: number): Position {
    return this.document.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.document.offsetAt(position);
  }

  /** The whole document's range. */
  get fullRange(): Range {
    return { start: { line: 0, character: 0 }, end: this.positionAt(this.text.length) };
  }

  /** Whether `range` names places in the document (no line past the end, no column past a line's end). */
  containsRange(range: Range): boolean {
    return rangeInside(this.document, range);
  }

  /** Replaces the text between two offsets, as one incremental `didChange`. */
  async replace(start: number, end: number, text: string): Promise<void> {
    await this.change([{ range: { start: this.positionAt(start), end: this.positionAt(end) }, text }]);
  }

  /** Sends `didChange` with `changes` (each relative to the text after the previous one) and applies them here. */
  async change(changes: TextDocumentContentChangeEvent[]): Promise<void> {
    this.document = TextDocument.update(this.document, changes, this.version + 1);
    await this.client.didChange(this.uri, changes, this.version);
  }

  /** The text after applying `edits` (positions in the current text), as an editor applies a WorkspaceEdit. */
  applied(edits: readonly { range: Range; newText: string }[]): string {
    return TextDocument.applyEdits(this.document, edits.map((e) => ({ range: e.range, newText: e.newText })));
  }
}

/** Whether `range` names places in `document` (no line past the end, no column past its line's end). */
export function rangeInside(document: TextDocument, range: Range): boolean {
  const valid = (p: Position) => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= document.lineCount) return false;
    const back = document.positionAt(document.offsetAt(p));
    return back.line === p.line && back.character === p.character;
  };
  return valid(range.start) && valid(range.end) && document.offsetAt(range.start) <= document.offsetAt(range.end);
}

/** One text edit of a code action: plain, or a snippet (LSP 3.18 `SnippetTextEdit`). */
export interface ActionEdit {
  range: Range;
  newText?: string;
  snippet?: string;
}

/** A code action's edits for one document, with the document version it names (`undefined`: plain `changes`). */
export interface DocumentEdits {
  uri: string;
  version: number | null | undefined;
  edits: ActionEdit[];
}

/** The edits of a code action per document, from `changes` or `documentChanges`. */
export function documentEditsOf(action: CodeAction | Command): DocumentEdits[] {
  if (!('edit' in action) || !action.edit) return [];
  const out: DocumentEdits[] = Object.entries(action.edit.changes ?? {}).map(([uri, edits]) => ({ uri, version: undefined, edits: edits.map((e) => ({ range: e.range, newText: e.newText })) }));
  for (const change of action.edit.documentChanges ?? []) {
    if (!('textDocument' in change)) throw new Error(`unexpected resource operation in a quick fix: ${JSON.stringify(change)}`);
    const edits = change.edits.map((e): ActionEdit => ('snippet' in e ? { range: e.range, snippet: e.snippet.value } : { range: e.range, newText: 'newText' in e ? e.newText : '' }));
    out.push({ uri: change.textDocument.uri, version: change.textDocument.version, edits });
  }
  return out;
}
