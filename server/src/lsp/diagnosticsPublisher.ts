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
 * What the editor shows: the findings of every file (for code actions), kept per crate, so that a file two crates
 * report on (a header both plugins implement, a shared module) shows both crates' findings, and a file whose
 * findings are gone, or whose crate has no open file left, is cleared of that crate's part only.
 */
export class DiagnosticsPublisher {
  /** File → crate (root file) → what that crate's last analysis found in it. */
  private readonly findingsByFile = new Map<string, Map<string, ComputedFindings>>();
  /** Crate → the files its last analysis published (with findings, or an open file of the crate without). */
  private readonly publishedByCrate = new Map<string, Set<string>>();
  /** The crate each open document was last analysed in. */
  private readonly crateOfOpenFile = new Map<string, string>();
  /** Called after every publication or clearing (code actions waiting for a current result). */
  private readonly listeners = new Set<() => void>();

  /** `send` gets the version of the document the diagnostics were computed for, when it was open. */
  constructor(private readonly send: (uri: string, diagnostics: Diagnostic[], version: number | undefined) => void) {}

  /** The last published findings of `file`, one entry per crate that reported on it, each with the versions it saw. */
  findingsIn(file: string): ComputedFindings[] {
    return [...(this.findingsByFile.get(file)?.values() ?? [])];
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
    for (const file of crate.files.keys()) if (!byFile.has(file) && isOpen(file)) byFile.set(file, []);
    for (const stale of this.publishedByCrate.get(crateKey) ?? []) {
      if (!byFile.has(stale)) this.withdraw(stale, crateKey);
    }
    for (const [file, list] of byFile) {
      const crates = this.findingsByFile.get(file) ?? this.findingsByFile.set(file, new Map()).get(file)!;
      crates.set(crateKey, { findings: list, versions });
      this.sendFile(file, versions.get(file));
    }
    this.publishedByCrate.set(crateKey, new Set(byFile.keys()));
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
    this.withdrawCrate(crateKey);
    this.notify();
  }

  /** Clears every crate that no open document belongs to, except those `keep` names (by root file). */
  clearUnopenedCrates(keep: (crateKey: string) => boolean = () => false): void {
    const opened = new Set(this.crateOfOpenFile.values());
    for (const crateKey of [...this.publishedByCrate.keys()]) {
      if (opened.has(crateKey) || keep(crateKey)) continue;
      this.withdrawCrate(crateKey);
    }
    this.notify();
  }

  private withdrawCrate(crateKey: string): void {
    for (const file of this.publishedByCrate.get(crateKey) ?? []) this.withdraw(file, crateKey);
    this.publishedByCrate.delete(crateKey);
  }

  /** Removes one crate's part of `file` and shows what the other crates found there (nothing: cleared). */
  private withdraw(file: string, crateKey: string): void {
    const crates = this.findingsByFile.get(file);
    if (!crates?.delete(crateKey)) return;
    this.sendFile(file, undefined);
  }

  /** Sends every crate's findings in `file`; `version`: the document version of the part that just changed. */
  private sendFile(file: string, version: number | undefined): void {
    const crates = this.findingsByFile.get(file);
    if (!crates || crates.size === 0) {
      this.findingsByFile.delete(file);
      this.send(pathToUri(file), [], undefined);
      return;
    }
    const parts = [...crates.values()];
    // A finding two crates both report (a module both include) is shown once.
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const part of parts) {
      for (const finding of part.findings) {
        const key = `${finding.rule}\u0000${finding.range.start.line}:${finding.range.start.character}-${finding.range.end.line}:${finding.range.end.character}\u0000${finding.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(toDiagnostic(finding));
      }
    }
    this.send(pathToUri(file), diagnostics, version ?? parts[parts.length - 1].versions.get(file));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
