// In-process measurements (no LSP): crate-wide throughput, and the cost of one keystroke in a large open file,
// each beside a bare tree-sitter parse of the same text so the engine's own overhead is visible.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Parser } from 'web-tree-sitter';
import { clearBodyCache } from '../server/src/bodies/bodyOf';
import { Engine } from '../server/src/engine/engine';
import { RustSource, type ContentChange } from '../server/src/parsing/rustSource';
import { loadRustLanguage, type ParserAssets } from '../server/src/parsing/treeSitter';
import type { EditSite, GeneratedCrate } from './generateCrate';
import { nextTurn } from './stats';

export interface ThroughputResult {
  lines: number;
  files: number;
  findings: number;
  /** Fresh engine and empty body facts cache each run: read + parse every file, build the crate model, run the rules. */
  coldMs: number[];
  /** Same engine again: parsed files are cached, so this is crate model + rules. */
  warmMs: number[];
  /** One file invalidated (as after a save): that file is re-read and re-parsed, the rest is cached. */
  oneFileMs: number[];
  /** `parser.parse` of every file's text, nothing else. */
  bareParseMs: number[];
}

export interface ReparseResult {
  bareFullParseMs: number[];
  /** `RustSource.applyChanges` of a 1-char insertion (tree.edit + incremental parse + `safe` masking). */
  incrementalMs: number[];
  /** The same reparses' CPU time (this process): less inflated than wall time when other work shares the CPUs. */
  incrementalCpuMs: number[];
}

export interface EditResult {
  lines: number;
  findings: number;
  /** `engine.files.changeDocument` (what the server runs synchronously on every didChange). */
  changeDocumentMs: number[];
  /** `engine.analyzeFile` after that change (what the server runs after its debounce). */
  analyzeMs: number[];
  /** CPU time of changeDocument + analyzeFile per keystroke (this process, every thread). */
  keystrokeCpuMs: number[];
  /** analyzeFile split into its phases, measured on a second series of edits. */
  syntaxMs: number[];
  /** Top-level items the extraction after each keystroke took from the previous one, and those it read. */
  reusedItems: number[];
  readItems: number[];
  /** Extraction after an Enter (a line added: every later item moves down a line), in the same file. */
  syntaxAfterEnterMs: number[];
  crateModelMs: number[];
  rulesMs: number[];
  /** Longest event-loop stall seen by `monitorEventLoopDelay` while editing and analyzing. */
  eventLoopMaxMs: number;
  /** Whether analyzeFile ever let a setImmediate run before it finished (if not, it is one blocking chunk). */
  analyzeYields: boolean;
}

/** CPU time (user + system, every thread of this process) since `start`, in ms. */
const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

const time = (run: () => void): number => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

async function timeAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

/** A parser made here, not the engine's, so the bare parse shares nothing with the code under test. */
async function bareParser(assets: ParserAssets): Promise<Parser> {
  const language = await loadRustLanguage(assets); // also runs Parser.init(), which must come first
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

function bareParse(parser: Parser, text: string): void {
  const tree = parser.parse(text);
  if (!tree) throw new Error('bare parse: tree-sitter returned no tree');
  tree.delete();
}

export async function measureThroughput(crate: GeneratedCrate, assets: ParserAssets, runs = { cold: 3, warm: 5 }): Promise<ThroughputResult> {
  const parser = await bareParser(assets);
  const bareParseMs: number[] = [];
  for (let r = 0; r < runs.cold; r++) bareParseMs.push(time(() => crate.files.forEach((f) => bareParse(parser, f.text))));
  parser.delete();

  const coldMs: number[] = [];
  let engine: Engine | undefined;
  let findings = 0;
  for (let r = 0; r < runs.cold; r++) {
    engine?.dispose();
    // The body facts cache is the process's, not the engine's: a cold run starts without it (as a new server does).
    clearBodyCache();
    engine = await Engine.create({ assets });
    const created = engine;
    const { value, ms } = await timeAsync(() => created.check([crate.root]));
    if (value.errors.length > 0) throw new Error(`cold analysis: ${value.errors.join('; ')}`);
    findings = value.findings.length;
    coldMs.push(ms);
  }
  const warm = engine!;
  const warmMs: number[] = [];
  const oneFileMs: number[] = [];
  for (let r = 0; r < runs.warm; r++) warmMs.push((await timeAsync(() => warm.check([crate.root]))).ms);
  for (let r = 0; r < runs.warm; r++) {
    warm.files.invalidate(crate.files[1 + (r % (crate.files.length - 1))].path);
    oneFileMs.push((await timeAsync(() => warm.check([crate.root]))).ms);
  }
  warm.dispose();
  return { lines: crate.totalLines, files: crate.files.length, findings, coldMs, warmMs, oneFileMs, bareParseMs };
}

const insertion = (site: EditSite): ContentChange => ({ range: { start: site, end: site }, text: '1' });

/**
 * Keystrokes in one large open document. `edits` are applied in order to two independent engines: one timed as
 * the server runs it, the other phase by phase.
 */
/** A bare full parse of `text`, and the incremental reparse of each edit (a bare `RustSource`, no engine). */
export async function measureIncrementalReparse(text: string, edits: readonly EditSite[], assets: ParserAssets, warmup: number): Promise<ReparseResult> {
  const parser = await bareParser(assets);
  const bareFullParseMs: number[] = [];
  for (let r = 0; r < 10; r++) bareFullParseMs.push(time(() => bareParse(parser, text)));
  const source = RustSource.parse(parser, text);
  const incrementalCpuMs: number[] = [];
  const incrementalMs = edits.map((site) => {
    const cpu = process.cpuUsage();
    const ms = time(() => source.applyChanges([insertion(site)]));
    incrementalCpuMs.push(cpuMsSince(cpu));
    return ms;
  });
  source.dispose();
  parser.delete();
  return { bareFullParseMs, incrementalMs: incrementalMs.slice(warmup), incrementalCpuMs: incrementalCpuMs.slice(warmup) };
}

export async function measureEdits(file: string, text: string, lines: number, edits: readonly EditSite[], assets: ParserAssets, warmup: number): Promise<EditResult> {

  // As the server does it: the change on the didChange message, the analysis later in its own macrotask.
  const engine = await Engine.create({ assets });
  engine.files.openDocument(file, text);
  const first = await engine.analyzeFile(file);
  if (!first.crate) throw new Error(`in-process analysis: no crate for ${file}`);
  const changeDocumentMs: number[] = [];
  const analyzeMs: number[] = [];
  const keystrokeCpuMs: number[] = [];
  let analyzeYields = false;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  for (const [index, site] of edits.entries()) {
    if (index === warmup) histogram.reset(); // JIT warm-up stalls are not what a user sees while typing
    let cpu = process.cpuUsage();
    changeDocumentMs.push(time(() => engine.files.changeDocument(file, [insertion(site)])));
    let cpuMs = cpuMsSince(cpu);
    await new Promise((resolve) => setTimeout(resolve, 2));
    let yielded = false;
    const probe = setImmediate(() => (yielded = true));
    cpu = process.cpuUsage();
    analyzeMs.push((await timeAsync(() => engine.analyzeFile(file))).ms);
    cpuMs += cpuMsSince(cpu);
    keystrokeCpuMs.push(cpuMs);
    clearImmediate(probe);
    analyzeYields ||= yielded;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  histogram.disable();
  engine.dispose();

  // Phases of analyzeFile: syntax extraction (FileStore.get), crate model (crateOf), rules (analyzeCrate).
  const phased = await Engine.create({ assets });
  phased.files.openDocument(file, text);
  const syntaxMs: number[] = [];
  const reusedItems: number[] = [];
  const readItems: number[] = [];
  const crateModelMs: number[] = [];
  const rulesMs: number[] = [];
  let findings = 0;
  for (const site of edits) {
    phased.files.changeDocument(file, [insertion(site)]);
    syntaxMs.push((await timeAsync(() => phased.files.get(file))).ms);
    const reuse = phased.files.reuseStats(file);
    reusedItems.push(reuse.reused);
    readItems.push(reuse.read);
    const { value: crate, ms } = await timeAsync(() => phased.crateOf(file));
    crateModelMs.push(ms);
    rulesMs.push(time(() => (findings = phased.analyzeCrate(crate!).length)));
    await nextTurn();
  }
  // Enter before each site's digit: each earlier Enter moved the later sites down one line.
  const syntaxAfterEnterMs: number[] = [];
  for (const [index, site] of edits.entries()) {
    const at = { line: site.line + index, character: site.character };
    phased.files.changeDocument(file, [{ range: { start: at, end: at }, text: '\n' }]);
    syntaxAfterEnterMs.push((await timeAsync(() => phased.files.get(file))).ms);
    await nextTurn();
  }
  phased.dispose();

  const measured = <T>(values: T[]) => values.slice(warmup);
  return {
    lines,
    findings,
    changeDocumentMs: measured(changeDocumentMs),
    analyzeMs: measured(analyzeMs),
    keystrokeCpuMs: measured(keystrokeCpuMs),
    syntaxMs: measured(syntaxMs),
    reusedItems: measured(reusedItems),
    readItems: measured(readItems),
    syntaxAfterEnterMs: measured(syntaxAfterEnterMs),
    crateModelMs: measured(crateModelMs),
    rulesMs: measured(rulesMs),
    eventLoopMaxMs: histogram.max / 1e6,
    analyzeYields,
  };
}
