import type { Diagnostic } from 'vscode-languageserver/node';
import type { CrateModel } from '../crate/crateModel';
import type { Finding } from '../engine/types';
import { pathToUri, toDiagnostic } from './convert';

/**
 * What the editor shows: the findings of every file (for code actions), and which files of each crate carry
 * diagnostics, so that a file whose findings are gone, or whose crate has no open file left, is cleared.
 */
export class DiagnosticsPublisher {
  private readonly findingsByFile = new Map<string, Finding[]>();
  private readonly publishedByCrate = new Map<string, Set<string>>();
  /** The crate each open document was last analysed in. */
  private readonly crateOfOpenFile = new Map<string, string>();

  constructor(private readonly send: (uri: string, diagnostics: Diagnostic[]) => void) {}

  findingsIn(file: string): readonly Finding[] {
    return this.findingsByFile.get(file) ?? [];
  }

  /** Shows one analysis of `crate`, run for the open document `analysedFile`. */
  publish(analysedFile: string, crate: CrateModel, findings: readonly Finding[], isOpen: (file: string) => boolean): void {
    const crateKey = crate.manifest?.path ?? crate.rootFile;
    this.crateOfOpenFile.set(analysedFile, crateKey);
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) (byFile.get(f.file) ?? byFile.set(f.file, []).get(f.file)!).push(f);
    for (const stale of this.publishedByCrate.get(crateKey) ?? []) {
      if (!byFile.has(stale)) this.clear(stale);
    }
    for (const file of crate.files.keys()) if (!byFile.has(file) && isOpen(file)) byFile.set(file, []);
    for (const [file, list] of byFile) {
      this.findingsByFile.set(file, list);
      this.send(pathToUri(file), list.map(toDiagnostic));
    }
    this.publishedByCrate.set(crateKey, new Set([...byFile].filter(([, list]) => list.length > 0).map(([file]) => file)));
  }

  /** A document closed. When it was its crate's last open file, nothing will refresh that crate: clear it. */
  closed(file: string): void {
    const crateKey = this.crateOfOpenFile.get(file);
    this.crateOfOpenFile.delete(file);
    if (!crateKey || [...this.crateOfOpenFile.values()].includes(crateKey)) return;
    for (const published of this.publishedByCrate.get(crateKey) ?? []) this.clear(published);
    this.publishedByCrate.delete(crateKey);
    this.clear(file);
  }

  private clear(file: string): void {
    this.findingsByFile.delete(file);
    this.send(pathToUri(file), []);
  }
}
