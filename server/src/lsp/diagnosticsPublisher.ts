import type { Diagnostic } from 'vscode-languageserver/node';
import type { CrateModel } from '../crate/crateModel';
import type { Finding } from '../engine/types';
import { pathToUri, toDiagnostic } from './convert';
import type { VersionSnapshot } from './documentVersions';

/** The findings of one file and the versions of the documents they were computed from. */
export interface ComputedFindings {
  findings: readonly Finding[];
  versions: VersionSnapshot;
}

/**
 * What the editor shows: the findings of every file (for code actions), and which files of each crate carry
 * diagnostics, so that a file whose findings are gone, or whose crate has no open file left, is cleared.
 */
export class DiagnosticsPublisher {
  private readonly findingsByFile = new Map<string, ComputedFindings>();
  private readonly publishedByCrate = new Map<string, Set<string>>();
  /** The crate each open document was last analysed in. */
  private readonly crateOfOpenFile = new Map<string, string>();
  /** Called after every publication or clearing (code actions waiting for a current result). */
  private readonly listeners = new Set<() => void>();

  /** `send` gets the version of the document the diagnostics were computed for, when it was open. */
  constructor(private readonly send: (uri: string, diagnostics: Diagnostic[], version: number | undefined) => void) {}

  /** The last published findings of `file`, with the versions they were computed for. */
  findingsIn(file: string): ComputedFindings | undefined {
    return this.findingsByFile.get(file);
  }

  /** Resolves at the next publication or clearing of any file. */
  nextPublication(): Promise<void> {
    return new Promise((resolve) => {
      const listener = () => {
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
    });
  }

  /**
   * Shows one analysis of `crate`, run for the open document `analysedFile` (none: the workspace pass). `versions` are the open
   * documents' versions the analysis saw (call only with a result no edit overtook).
   */
  publish(analysedFile: string | undefined, crate: CrateModel, findings: readonly Finding[], isOpen: (file: string) => boolean, versions: VersionSnapshot): void {
    // One key per target: a package's library and binary are two crates, each with findings of its own.
    const crateKey = crate.rootFile;
    if (analysedFile) this.crateOfOpenFile.set(analysedFile, crateKey);
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) (byFile.get(f.file) ?? byFile.set(f.file, []).get(f.file)!).push(f);
    for (const stale of this.publishedByCrate.get(crateKey) ?? []) {
      if (!byFile.has(stale)) this.clear(stale);
    }
    for (const file of crate.files.keys()) if (!byFile.has(file) && isOpen(file)) byFile.set(file, []);
    for (const [file, list] of byFile) {
      this.findingsByFile.set(file, { findings: list, versions });
      this.send(pathToUri(file), list.map(toDiagnostic), versions.get(file));
    }
    this.publishedByCrate.set(crateKey, new Set([...byFile].filter(([, list]) => list.length > 0).map(([file]) => file)));
    this.notify();
  }

  /**
   * A document closed. When it was its crate's last open file, nothing will refresh that crate: clear it,
   * unless `keep` (workspace scope, where the workspace pass refreshes it).
   */
  closed(file: string, keep = false): void {
    const crateKey = this.crateOfOpenFile.get(file);
    this.crateOfOpenFile.delete(file);
    if (keep || !crateKey || [...this.crateOfOpenFile.values()].includes(crateKey)) return;
    for (const published of this.publishedByCrate.get(crateKey) ?? []) this.clear(published);
    this.publishedByCrate.delete(crateKey);
    this.clear(file);
    this.notify();
  }

  /** Clears every crate that no open document belongs to, except those `keep` names (by root file). */
  clearUnopenedCrates(keep: (crateKey: string) => boolean = () => false): void {
    const opened = new Set(this.crateOfOpenFile.values());
    for (const [crateKey, files] of this.publishedByCrate) {
      if (opened.has(crateKey) || keep(crateKey)) continue;
      for (const file of files) this.clear(file);
      this.publishedByCrate.delete(crateKey);
    }
    this.notify();
  }

  private clear(file: string): void {
    this.findingsByFile.delete(file);
    this.send(pathToUri(file), [], undefined);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
