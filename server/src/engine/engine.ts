import * as path from 'node:path';
import { buildCrateModel, type CrateInfo, type CrateModel, type FeatureSelection } from '../crate/crateModel';
import { attachDependencies } from '../crate/dependencies';
import { CrateDiscovery } from '../crate/discovery';
import { FileStore, StaleDocumentError } from '../crate/fileStore';
import { nodeFileSystem, type FileSystem } from '../crate/fileSystem';
import { ManifestError } from '../crate/manifest';
import { hostTargetCfg, targetCfg, type TargetCfg } from '../crate/targetCfg';
import { createRustParser, type ParserAssets } from '../parsing/treeSitter';
import { CrateInterfaces } from '../interface/crateInterfaces';
import { RULES } from '../rules/registry';
import { releaseBodyFacts } from '../bodies/bodyOf';
import { expandDependencyMacros } from '../macros/crateExpansion';
import { mapExpansionFindings } from '../macros/findingMap';
import type { Rule } from '../rules/rule';
import { ABI_LOCK_FILE } from '../abi/abiDescription';
import { collectInternalErrors, recordInternalError, type InternalError } from './internalErrors';
import { inputNotesOf, type InputNote } from './inputNotes';
import { hasUnreadFiles, notAnalysedFindings } from './notAnalysed';
import { capRelated, comparePositions, MAX_RELATED, type Finding, type SeveritySetting } from './types';

/** How long rules run between two pauses for pending I/O (the same slice as item extraction's). */
const RULE_SLICE_MS = 4;

export interface EngineOptions {
  assets: ParserAssets;
  fs?: FileSystem;
  rules?: readonly Rule[];
}

/** Per-rule severity overrides (`rustPluginGuard.rules`). */
export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

export interface CheckResult {
  findings: Finding[];
  /** Input problems (unreadable path, invalid Cargo.toml), each a one-line message naming the file. */
  errors: string[];
  /** Parts of the analysis that failed (each cost only its own findings), by file. */
  internalErrors: InternalError[];
  /** What the output must say besides findings: files with syntax errors, unreadable interface sources, plugins compared with nothing. */
  notes: InputNote[];
}

/**
 * The one entry point to analysis: text → tree → crate model → rules → findings. The language server, the
 * CLI and the tests all go through it.
 */
export class Engine {
  readonly files: FileStore;
  readonly discovery: CrateDiscovery;
  /** Declared interfaces (C headers) of plugin crates; `configure` takes `rustPluginGuard.interfaces`. */
  readonly interfaces: CrateInterfaces;
  /** The build every crate model is of (`rustPluginGuard.target`, `--target`): the host unless set. */
  private target: TargetCfg = hostTargetCfg();
  /** Features the checked crates are built with besides their defaults (`--features`, `--all-features`). */
  private features: FeatureSelection | undefined;

  private constructor(
    files: FileStore,
    private readonly rules: readonly Rule[],
    assets: ParserAssets,
  ) {
    this.files = files;
    this.discovery = new CrateDiscovery(files);
    this.interfaces = new CrateInterfaces(files, assets);
  }

  static async create(options: EngineOptions): Promise<Engine> {
    const parser = await createRustParser(options.assets);
    return new Engine(new FileStore(parser, options.fs ?? nodeFileSystem), options.rules ?? RULES, options.assets);
  }

  /** Checks the build for `triple` (e.g. `x86_64-pc-windows-msvc`); undefined or empty: the host. */
  setTarget(triple: string | undefined): void {
    const wanted = triple?.trim();
    if ((wanted || hostTargetCfg().triple) !== this.target.triple) this.target = wanted ? targetCfg(wanted) : hostTargetCfg();
  }

  /** Builds the checked crates with these features too (`rustPluginGuard.features`; `all`: every declared feature). */
  setFeatures(selection: FeatureSelection | undefined): void {
    this.features = selection && (selection.all || selection.features.length > 0) ? selection : undefined;
  }

  /** Declared interfaces apply to a package's library (the plugin), not to its binaries or lone files. */
  private async attachInterfaces(crate: CrateModel): Promise<void> {
    // A lone file (no Cargo.toml) gets the interfaces configured for every plugin (`--interfaces`).
    if (crate.manifest && crate.rootFile !== crate.manifest.libPath) return;
    crate.interfaces = await this.interfaces.of(crate);
  }

  /**
   * The crate `file` belongs to: the package target whose module tree holds it, else the file alone; with the
   * models of its local dependencies attached.
   */
  async crateOf(file: string): Promise<CrateModel | undefined> {
    const crate = await this.findCrateOf(file);
    if (crate) {
      await attachDependencies(crate, this.discovery, this.files);
      expandDependencyMacros(crate);
      await this.attachInterfaces(crate);
      await this.attachAbiLock(crate);
    }
    return crate;
  }

  /** The library's `plugin-abi.json` (the open document's text when it is open). */
  private async attachAbiLock(crate: CrateModel): Promise<void> {
    const manifest = crate.manifest;
    if (!manifest || crate.rootFile !== manifest.libPath) return;
    const file = path.join(manifest.dir, ABI_LOCK_FILE);
    const text = await this.files.readText(file);
    if (text !== undefined) crate.abiLock = { file, text };
  }

  private async findCrateOf(file: string): Promise<CrateModel | undefined> {
    const absolute = path.resolve(file);
    let manifest;
    try {
      manifest = await this.discovery.packageOf(absolute);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      // A half-typed Cargo.toml must not stop analysis of the Rust files next to it.
      return buildCrateModel(this.files, this.discovery.standalone(absolute), this.target, this.features);
    }
    if (manifest) {
      for (const target of await this.discovery.targetsOf(manifest)) {
        const crate = await buildCrateModel(this.files, target, this.target, this.features);
        if (crate?.files.has(absolute)) return crate;
      }
      return buildCrateModel(this.files, this.discovery.standalone(absolute, manifest), this.target, this.features);
    }
    return buildCrateModel(this.files, this.discovery.standalone(absolute), this.target, this.features);
  }

  /** Runs every enabled rule on a crate, applies severity settings, sorts by file and position. */
  analyzeCrate(crate: CrateModel, settings: RuleSettings = {}): Finding[] {
    try {
      return sortFindings(dedupe([...notAnalysedFindings(crate), ...this.rules.flatMap((rule) => this.runRule(rule, crate, settings))]));
    } finally {
      releaseBodyFacts(crate);
    }
  }

  /**
   * Findings of the crate that holds `file`, in every file of that crate. Pending I/O (the next keystroke)
   * gets in before the first rule and then whenever rules have run RULE_SLICE_MS, so no turn of the event loop
   * runs rules for much longer than that (one slow rule is still one turn).
   */
  async analyzeFile(file: string, settings: RuleSettings = {}, isCurrent: () => boolean = () => true): Promise<{ crate: CrateModel | undefined; findings: Finding[]; internalErrors: InternalError[] }> {
    const [{ crate, findings }, internalErrors] = await collectInternalErrors(async () => {
      const crate = await this.crateOf(file);
      if (!crate) return { crate, findings: [] };
      const findings: Finding[] = notAnalysedFindings(crate);
      try {
        let sliceStart = -Infinity;
        for (const rule of this.rules) {
          // Most rules take well under a millisecond on a warm model: a pause before each one cost more than
          // they did (23 turns of the event loop per keystroke), so pause once a slice has run RULE_SLICE_MS.
          if (performance.now() - sliceStart >= RULE_SLICE_MS) {
            await new Promise((resolve) => setImmediate(resolve));
            sliceStart = performance.now();
          }
          // An edit arrived during a pause: the rest of this run would be thrown away, so stop here.
          if (!isCurrent()) throw new StaleDocumentError(file);
          findings.push(...this.runRule(rule, crate, settings));
        }
      } finally {
        releaseBodyFacts(crate);
      }
      return { crate, findings: sortFindings(dedupe(findings)) };
    });
    return { crate, findings, internalErrors };
  }

  /** One rule on one crate; a rule that fails costs only its own findings (the failure is recorded). */
  private runRule(rule: Rule, crate: CrateModel, settings: RuleSettings): Finding[] {
    const setting = settings[rule.id];
    if (setting === 'off') return [];
    if (rule.needsWholeCrate && hasUnreadFiles(crate)) return [];
    try {
      // Findings inside macro expansions move to the macro call (and their fixes to the definition, or away).
      const findings = mapExpansionFindings(crate, rule.check(crate, { explicitlyEnabled: setting !== undefined })).map(withCappedRelated);
      return setting ? findings.map((finding) => ({ ...finding, severity: setting })) : findings;
    } catch (error) {
      recordInternalError(crate.rootFile, `rule ${rule.id}`, error);
      return [];
    }
  }

  /** The CLI's `check`: each path is a `.rs` file, a crate folder or a workspace folder. */
  async check(paths: readonly string[], settings: RuleSettings = {}): Promise<CheckResult> {
    const findings: Finding[] = [];
    const errors: string[] = [];
    const internalErrors: InternalError[] = [];
    const notes: InputNote[] = [];
    const [, recorded] = await collectInternalErrors(async () => {
      for (const given of paths) {
        const absolute = path.resolve(given);
        if (this.files.fs.isFile(absolute)) {
          if (!absolute.endsWith('.rs')) {
            errors.push(`${given}: not a Rust file or folder; pass a .rs file, a crate folder or a workspace folder`);
            continue;
          }
          try {
            const result = await this.analyzeFile(absolute, settings);
            findings.push(...result.findings.filter((f) => f.file === absolute));
            if (result.crate) notes.push(...inputNotesOf(result.crate).filter((n) => n.kind !== 'syntax-error' || n.file === absolute));
            internalErrors.push(...result.internalErrors);
          } catch (error) {
            recordInternalError(absolute, 'the analysis of its crate', error);
          }
          continue;
        }
        if (!this.files.fs.isDirectory(absolute)) {
          errors.push(`${given}: no such file or folder`);
          continue;
        }
        for (const crate of await this.cratesUnder(absolute, errors)) {
          findings.push(...this.analyzeCrate(crate, settings));
          notes.push(...inputNotesOf(crate));
        }
      }
    });
    internalErrors.push(...recorded);
    return { findings: sortFindings(dedupe(findings)), errors, internalErrors: uniqueErrors(internalErrors), notes: notes.filter((n, i) => notes.findIndex((m) => m.message === n.message && m.file === n.file) === i) };
  }

  private async cratesUnder(folder: string, errors: string[]): Promise<CrateModel[]> {
    let manifests;
    try {
      manifests = await this.discovery.packagesUnder(folder);
    } catch (error) {
      if (error instanceof ManifestError) {
        errors.push(error.message);
        return [];
      }
      throw error;
    }
    const infos: CrateInfo[] = [];
    for (const manifest of manifests) {
      const targets = await this.discovery.targetsOf(manifest);
      // cargo refuses such a package ("no targets specified"): say so rather than "no problems found".
      if (targets.length === 0 && manifest.packageName !== undefined) errors.push(`${manifest.path}: package \`${manifest.packageName}\` has no \`src/lib.rs\` (or \`[lib] path\`) and no binary, so there is nothing to check`);
      infos.push(...targets);
    }
    if (manifests.length === 0) {
      for (const file of await this.discovery.rustFilesUnder(folder)) infos.push(this.discovery.standalone(file));
    }
    const crates: CrateModel[] = [];
    for (const info of infos) {
      try {
        const crate = await buildCrateModel(this.files, info, this.target, this.features);
        if (!crate) {
          errors.push(`${info.rootFile}: the crate root does not exist; create it, or point \`[lib] path\` (or \`[[bin]] path\`) in ${info.manifest?.path ?? 'Cargo.toml'} at the crate's root file`);
          continue;
        }
        await attachDependencies(crate, this.discovery, this.files);
        expandDependencyMacros(crate);
        await this.attachInterfaces(crate);
        await this.attachAbiLock(crate);
        crates.push(crate);
      } catch (error) {
        // One crate the analysis cannot model must not keep the other crates of the folder from being checked.
        if (error instanceof ManifestError) throw error;
        recordInternalError(info.rootFile, 'building the crate model', error);
      }
    }
    return crates;
  }

  dispose(): void {
    this.files.dispose();
  }
}

/** A finding with at most MAX_RELATED related locations (output must stay linear in the crate). */
function withCappedRelated(finding: Finding): Finding {
  return finding.related.length > MAX_RELATED ? { ...finding, related: capRelated(finding.related) } : finding;
}

/** A file read for two crates (a lib and a bin target) fails the same way twice: reported once. */
function uniqueErrors(errors: InternalError[]): InternalError[] {
  return errors.filter((e, i) => errors.findIndex((o) => o.file === e.file && o.part === e.part && o.message === e.message) === i);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file}:${f.range.start.line}:${f.range.start.character}:${f.rule}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
}
