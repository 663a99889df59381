// Open `.wit` documents in the language server: their texts, and diagnostics published at each change. A check is
// synchronous and small (one package folder), so it runs at once; an edit re-checks the other open files of the
// same folder too, since names resolve across the package's files.
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContentChange } from '../parsing/rustSource';
import { rangesOverlap, type Finding, type Range } from '../engine/types';
import { pathToUri, toCodeAction, toDiagnostic, type EditSupport } from '../lsp/convert';
import type { SeveritySetting } from '../protocol/settings';
import { WIT_RULES_URL } from './report';
import { witFilesUnder } from './cliCheck';
import { WitWorkspace } from './packageFiles';

/** Workspace scope reads at most this many closed `.wit` files (each check is synchronous). */
const MAX_SCOPE_FILES = 500;


export type SendDiagnostics = (uri: string, diagnostics: Diagnostic[], version: number | undefined) => void;

export class WitDocuments {
  private readonly open = new Map<string, TextDocument>();
  private readonly workspace = new WitWorkspace((file) => this.open.get(file)?.getText());
  /** What was last published for each open file, and for which version: quick fixes come from it. */
  private readonly published = new Map<string, { version: number; findings: Finding[] }>();
  /** Workspace scope: the folders whose closed `.wit` files are checked from disk too; undefined: open files only. */
  private scopeFolders: readonly string[] | undefined;
  /** The `.wit` files of those folders, listed when the scope is set and when a `.wit` file changes on disk. */
  private scopeFiles: string[] = [];
  private readonly closedPublished = new Set<string>();

  /** `rules`: the `rustPluginGuard.rules` severities (`off` hides a rule), read at each check. */
  constructor(
    private readonly send: SendDiagnostics,
    private readonly onError: (file: string, error: unknown) => void,
    private readonly rules: () => Readonly<Record<string, SeveritySetting>> = () => ({}),
  ) {}

  /** Settings changed: check every open file again (and the closed ones of the workspace scope). */
  recheckAll(): void {
    for (const file of this.open.keys()) this.check(file);
    this.checkClosed();
  }

  /**
   * `rustPluginGuard.diagnostics.scope`: with `folders`, the `.wit` files in them that are not open are checked
   * from disk and published (without a version); undefined clears those and checks open files only.
   */
  setScope(folders: readonly string[] | undefined): void {
    this.scopeFolders = folders;
    this.listScope();
    this.checkClosed();
  }

  static handles(file: string): boolean {
    return file.endsWith('.wit');
  }

  isOpen(file: string): boolean {
    return this.open.has(path.resolve(file));
  }

  openDocument(file: string, text: string, version: number): void {
    const key = path.resolve(file);
    this.open.set(key, TextDocument.create(pathToUri(key), 'wit', version, text));
    this.checkFolder(key);
  }

  change(file: string, changes: readonly ContentChange[], version: number): void {
    const key = path.resolve(file);
    const doc = this.open.get(key);
    if (!doc) return;
    this.open.set(key, TextDocument.update(doc, changes.map((c) => ('range' in c && c.range ? { range: c.range, text: c.text } : { text: c.text })), version));
    this.checkFolder(key);
  }

  close(file: string): void {
    const key = path.resolve(file);
    this.open.delete(key);
    this.published.delete(key);
    this.workspace.forget(key);
    this.send(pathToUri(key), [], undefined);
    this.checkFolder(key, false);
    // Workspace scope keeps showing the file's findings, now from what is on disk.
    this.checkClosed();
  }

  /** A `.wit` file changed on disk: re-check the open ones that may see it. */
  changedOnDisk(file: string): void {
    const key = path.resolve(file);
    this.workspace.forget(key);
    for (const open of this.open.keys()) this.check(open);
    if (this.scopeFolders) this.listScope();
    this.checkClosed();
  }

  /** The quick fixes of the findings last published for `file` that touch `range` (none once the text moved on). */
  codeActions(file: string, range: Range, support: EditSupport): CodeAction[] {
    const key = path.resolve(file);
    const last = this.published.get(key);
    const doc = this.open.get(key);
    if (!last || !doc || last.version !== doc.version) return [];
    const versionOf = (edited: string) => this.open.get(path.resolve(edited))?.version ?? null;
    return last.findings.filter((f) => f.fixes.length > 0 && rangesOverlap(f.range, range)).flatMap((f) => f.fixes.map((fix) => toCodeAction(fix, diagnosticOf(f), support, versionOf)));
  }

  /** Checks `file` (when `self`) and every other open `.wit` file of its folder. */
  private checkFolder(file: string, self = true): void {
    const folder = path.dirname(file);
    if (self) this.check(file);
    for (const other of this.open.keys()) if (other !== file && path.dirname(other) === folder) this.check(other);
  }

  private check(file: string): void {
    const doc = this.open.get(file);
    if (!doc) return;
    try {
      const findings = this.findingsOf(file);
      this.published.set(file, { version: doc.version, findings });
      this.send(doc.uri, findings.map(diagnosticOf), doc.version);
    } catch (error) {
      this.onError(file, error);
    }
  }

  /** The `.wit` files of the scope's folders that are not open, checked from disk; those gone or opened since are cleared. */
  private checkClosed(): void {
    const found = new Set(this.scopeFolders ? this.scopeFiles : []);
    for (const file of [...this.closedPublished]) {
      if (found.has(file) && !this.open.has(file)) continue;
      this.closedPublished.delete(file);
      if (!this.open.has(file)) this.send(pathToUri(file), [], undefined);
    }
    for (const file of found) {
      if (this.open.has(file)) continue;
      try {
        this.send(pathToUri(file), this.findingsOf(file).map(diagnosticOf), undefined);
        this.closedPublished.add(file);
      } catch (error) {
        this.onError(file, error);
      }
    }
  }

  private listScope(): void {
    this.scopeFiles = (this.scopeFolders ?? []).flatMap((folder) => witFilesUnder(folder, MAX_SCOPE_FILES).map((file) => path.resolve(file))).slice(0, MAX_SCOPE_FILES);
  }

  private findingsOf(file: string): Finding[] {
    const rules = this.rules();
    return this.workspace.check(file).flatMap((f) => {
      const setting = rules[f.rule];
      if (f.file !== file || setting === 'off') return [];
      return [setting ? { ...f, severity: setting } : f];
    });
  }
}

function diagnosticOf(finding: Finding): Diagnostic {
  return { ...toDiagnostic(finding), codeDescription: { href: WIT_RULES_URL } };
}
