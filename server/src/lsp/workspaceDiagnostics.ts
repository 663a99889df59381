// Workspace scope (`rustPluginGuard.diagnostics.scope: workspace`): the findings of every crate of the workspace
// folders, open or not, published after start-up and again after watched-file changes, closes and setting changes.
// One pass at a time; it yields between crates (and the engine between rules), and a newer request (an edit, a
// change on disk) stops it at its next crate, after which it starts over.
import * as path from 'node:path';
import type { WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { CrateInfo, CrateModel } from '../crate/crateModel';
import { StaleDocumentError } from '../crate/fileStore';
import { ManifestError } from '../crate/manifest';
import type { Engine, RuleSettings } from '../engine/engine';
import { describeInternalError } from '../engine/internalErrors';
import type { Finding } from '../engine/types';
import { analysisLine, crateLabel, type Logger } from './logging';
import { relieveHeap } from './heapRelief';

/** How long typing must pause before a pass that an edit stopped starts over. */
const EDIT_PAUSE_MS = 1000;

export interface WorkspaceHost {
  /** The engine once it is created; undefined if it could not start. */
  engine(): Promise<Engine | undefined>;
  /** Once settings are read: applies them to the engine (interfaces, target) and returns the rule settings. */
  configure(engine: Engine): Promise<RuleSettings>;
  /** Crates with an open document are analysed (and published) as they are edited, not by the pass. */
  hasOpenFile(crate: CrateModel): boolean;
  publish(crate: CrateModel, findings: readonly Finding[]): void;
  /** A pass ended: crates published before whose root file is not in `found` are gone (unless open). */
  clearGone(found: ReadonlySet<string>): void;
  /** A progress reporter (a null one when the client has no `window.workDoneProgress`). */
  progress(): Promise<WorkDoneProgressReporter>;
  log: Logger;
}

export class WorkspaceDiagnostics {
  private folders: string[] = [];
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private runningGeneration = -1;
  /** The first pass's progress, kept across the passes that start over until one completes. */
  private firstProgress: Promise<WorkDoneProgressReporter> | undefined;
  private firstDone = false;
  private lastListing = '';

  constructor(private readonly host: WorkspaceHost) {}

  setFolders(folders: readonly string[]): void {
    this.folders = [...folders];
  }

  currentFolders(): readonly string[] {
    return this.folders;
  }

  /** Folders added to or removed from the workspace (the next pass drops the crates of removed ones). */
  changeFolders(added: readonly string[], removed: readonly string[]): void {
    this.folders = [...this.folders.filter((f) => !removed.includes(f)), ...added.filter((f) => !this.folders.includes(f))];
  }

  /** Checks the workspace after `delayMs`; a pass under way stops at its next crate and starts over. */
  refresh(delayMs = 200): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.start();
    }, delayMs);
  }

  /** A document changed: a pass under way or due stops, and runs again once typing pauses. */
  edited(): void {
    // Said once per pass stopped, not once per keystroke.
    if (this.running && this.runningGeneration === this.generation) this.host.log.info('workspace check stopped by an edit: it starts over when typing pauses');
    if (this.running || this.timer) this.refresh(EDIT_PAUSE_MS);
  }

  /** Scope back to open files: no pass runs until the next `refresh`. */
  stop(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.endProgress();
  }

  /** Resolves once no pass is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async start(): Promise<void> {
    const generation = this.generation;
    await this.idle();
    if (generation !== this.generation || this.running) return;
    this.runningGeneration = generation;
    this.running = this.pass(generation).catch((error: unknown) => this.host.log.error('checking the workspace failed', error));
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async pass(generation: number): Promise<void> {
    const cancelled = () => generation !== this.generation;
    const engine = await this.host.engine();
    if (!engine || cancelled()) return;
    // No folder (a single file open, or the last folder removed): only what open documents publish stays.
    if (this.folders.length === 0) return this.host.clearGone(new Set());
    const rules = await this.host.configure(engine);
    const started = performance.now();
    const errors: string[] = [];
    const infos: CrateInfo[] = [];
    for (const folder of this.folders) infos.push(...(await listCrates(engine, folder, errors)));
    if (cancelled()) return;
    this.logListing(infos, errors);
    if (!this.firstDone) this.firstProgress ??= this.beginProgress(infos.length);
    const found = new Set<string>();
    let checked = 0;
    for (const [index, info] of infos.entries()) {
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelled()) return;
      found.add(info.rootFile);
      void this.firstProgress?.then((p) => p.report(Math.round((index / Math.max(infos.length, 1)) * 100), `${crateLabel(info)} (${index + 1}/${infos.length})`));
      const crateStarted = performance.now();
      let result;
      try {
        if (await this.heldOpen(engine, info)) continue;
        result = await engine.analyzeFile(info.rootFile, rules, () => !cancelled());
      } catch (error) {
        // An open document changed under the analysis: its own analysis publishes that crate.
        if (error instanceof StaleDocumentError) continue;
        this.host.log.error(`checking ${this.relative(info.rootFile)} failed`, error);
        continue;
      }
      // Logged even when the pass was cancelled meanwhile: each failure is reported by the analysis it happened in.
      for (const failure of result.internalErrors) this.host.log.error(describeInternalError(failure));
      if (cancelled()) return;
      const { crate, findings } = result;
      if (!crate || this.host.hasOpenFile(crate)) continue;
      this.host.publish(crate, findings);
      // Little of a crate's analysis outlives it: a collection before the next one keeps the heap from growing to hold many.
      relieveHeap();
      checked++;
      this.host.log.info(analysisLine(crate, crate.files.size, performance.now() - crateStarted, findings));
    }
    // An invalid Cargo.toml hides its package until it is fixed: its findings stay rather than blink out.
    if (errors.length === 0) this.host.clearGone(found);
    this.host.log.info(`workspace: ${checked} crate${checked === 1 ? '' : 's'} without an open file checked in ${Math.round(performance.now() - started)} ms`);
    if (!this.firstDone) {
      this.firstDone = true;
      this.endProgress();
    }
  }

  /**
   * A crate with an open document is analysed as it is edited, so the pass leaves it out; its model is built to
   * tell only when an open document lies in its folder.
   */
  private async heldOpen(engine: Engine, info: CrateInfo): Promise<boolean> {
    const folder = info.manifest?.dir ?? path.dirname(info.rootFile);
    if (!engine.files.openFiles().some((file) => !path.relative(folder, file).startsWith('..'))) return false;
    const crate = await engine.crateOf(info.rootFile);
    return crate !== undefined && this.host.hasOpenFile(crate);
  }

  private beginProgress(crates: number): Promise<WorkDoneProgressReporter> {
    return this.host.progress().then((p) => {
      p.begin('Rust Plugin Guard', 0, `checking ${crates} crate${crates === 1 ? '' : 's'} of the workspace`, false);
      return p;
    });
  }

  private endProgress(): void {
    void this.firstProgress?.then((p) => p.done());
    this.firstProgress = undefined;
  }

  /** A path as the log shows it: relative to its workspace folder. */
  private relative(file: string): string {
    const folder = this.folders.find((f) => !path.relative(f, file).startsWith('..'));
    return folder ? path.relative(folder, file) : file;
  }

  /** The crates found, logged when they differ from the last pass's. */
  private logListing(infos: readonly CrateInfo[], errors: readonly string[]): void {
    const listing = infos.map((info) => crateLabel(info, this.relative(info.manifest?.dir ?? info.rootFile))).join(', ');
    if (listing !== this.lastListing) {
      this.lastListing = listing;
      this.host.log.info(infos.length > 0 ? `found ${infos.length} crate${infos.length === 1 ? '' : 's'}: ${listing}` : 'no crate found in the workspace folders');
    }
    for (const error of errors) this.host.log.error('reading the workspace', error);
  }
}

/** The crates (package targets, else lone `.rs` files) under a folder; an invalid Cargo.toml is skipped, said in `errors`. */
async function listCrates(engine: Engine, folder: string, errors: string[]): Promise<CrateInfo[]> {
  const invalid = errors.length;
  const manifests = await engine.discovery.packagesUnder(folder, (error) => errors.push(error.message));
  const infos: CrateInfo[] = [];
  for (const manifest of manifests) {
    try {
      infos.push(...(await engine.discovery.targetsOf(manifest)));
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      errors.push(error.message);
    }
  }
  // Lone files only in a folder without any Cargo.toml (not one whose manifests are all invalid).
  if (manifests.length === 0 && errors.length === invalid) for (const file of await engine.discovery.rustFilesUnder(folder)) infos.push(engine.discovery.standalone(file));
  return infos;
}
