// The parent side of "Load plugin": copies the library, runs the child on it (never loading it here, see
// runChild.ts) and, when a probe kills the child, the rest of the plan in a fresh one, so one crash hides
// nothing; then turns what happened into a LoadReport.
import { copyFileSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { argumentText, type ChildPlan, type DeclaredValue, type HostImport, type ProbeArgument } from '../../../server/src/protocol/loader';
import type { StepInfo } from './childProtocol';
import { crashOf } from './crashInfo';
import { checkDeclared } from './declaredValues';
import { attachFindings, type ExportFinding } from './exportFindings';
import { hostCallsOf } from './hostCalls';
import { prepareHostStubs, unstubbedNotes, type HostStubs } from './hostStubs';
import type { PreflightOutcome } from './preflightStep';
import { remainingPlan } from './remainingPlan';
import { REPORT_VERSION, statusOf, type CrashInfo, type LoadReport } from './report';
import { ChildStartError, runChild, type ChildRun } from './runChild';
import type { PreparedLoad } from './preparedLoad';
import { copyDirOnce } from './tempCopies';
import { mark } from './phaseTimes';

export { panicOf } from './crashInfo';

export const DEFAULT_TIMEOUT_MS = 10_000;
const STDERR_IN_REPORT = 4 * 1024;
/** After a crash the rest of the plan runs in a fresh child; this many children at most per load. */
export const MAX_CHILDREN = 8;

export interface LoadRequest {
  /** The built library (absolute or relative to the current directory). */
  library: string;
  /** What to call; undefined when only a library file is known (then it is only loaded). */
  plan?: ChildPlan;
  /** Symbol → the version constant the declared interface gives its result, or a field of it (checked here, not sent to the child). */
  expected?: Readonly<Record<string, DeclaredValue & { field?: string }>>;
  /** Skipped functions and other notes from planning, carried into the report. */
  notes?: string[];
  crate?: LoadReport['crate'];
  /** Newest modification time of the crate's sources: a library older than this is stale. */
  sourceMtimeMs?: number;
  /** Reads the file without loading it (preflight): a refusal stops here; its symbol comparison wins over the child's. */
  preflight?: (library: string) => Promise<PreflightOutcome>;
  timeoutMs?: number;
  /** dist/loaderChild.js; found next to this bundle by default. */
  childScript?: string;
  /** Observes each step as it starts (progress in the editor). */
  onStep?: (step: StepInfo) => void;
  /** Functions the crate imports from its host: stubbed (built with rustc, cached) and loaded before the plugin. */
  hostImports?: readonly HostImport[];
  /** Findings of the static analysis on exports (a `dangling-pointer`), named when a probe's result is suspicious. */
  findings?: readonly ExportFinding[] | (() => readonly ExportFinding[]);
  /** The folder and first child started while the plan was made (PreparedLoad); runLoad disposes of it. */
  prepared?: PreparedLoad;
  /**
   * The library's bytes, read while the plan was made (libraryFileBytes) and given to `preflight` too: the copy
   * is written from them, so the child loads exactly what the preflight checked. Read from disk when absent.
   */
  libraryBytes?: Promise<Uint8Array>;
}

/** Bad input: no such file, a folder, an unreadable file. The CLI exits 2 on it. */
export class LoadInputError extends Error {}

export function defaultChildScript(): string {
  const beside = path.join(__dirname, 'loaderChild.js');
  // From sources (tests, bench): the built child in dist/.
  return existsSync(beside) ? beside : path.join(__dirname, '..', '..', '..', 'dist', 'loaderChild.js');
}

export async function runLoad(request: LoadRequest): Promise<LoadReport> {
  try {
    return await loadIn(request);
  } finally {
    request.prepared?.dispose();
  }
}

async function loadIn(request: LoadRequest): Promise<LoadReport> {
  const started = performance.now();
  const library = path.resolve(request.library);
  let libraryStat;
  try {
    libraryStat = statSync(library);
  } catch {
    throw new LoadInputError(`${library}: no such file`);
  }
  if (!libraryStat.isFile()) throw new LoadInputError(`${library}: not a file; pass the built library (.so, .dylib or .dll) or a crate folder`);

  const base: Omit<LoadReport, 'status' | 'totalMs'> = { version: REPORT_VERSION, library, crate: request.crate, missingSymbols: [], staleSymbols: [], probes: [], leaks: [], notes: [...(request.notes ?? [])], stderr: '' };
  const preflight = await request.preflight?.(library);
  mark('preflight');
  base.notes.push(...(preflight?.notes ?? []));
  if (preflight?.refusal !== undefined) {
    const report = { ...base, refusal: `not loaded: ${preflight.refusal}`, exports: preflight.exports, totalMs: performance.now() - started };
    return { ...report, status: statusOf(report) };
  }

  const tempDir = request.prepared?.copyDir ?? copyDirOnce();
  const copy = path.join(tempDir, path.basename(library));
  try {
    try {
      const bytes = await request.libraryBytes?.catch(() => undefined);
      if (bytes) writeFileSync(copy, bytes, { mode: libraryStat.mode & 0o777 });
      else copyFileSync(library, copy);
    } catch (error) {
      throw new LoadInputError(`${library}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
    const plan: ChildPlan = request.plan ?? { symbols: [], probes: [], pairs: [] };
    const report: Omit<LoadReport, 'status'> = { ...base, exports: preflight?.exports, totalMs: 0 };
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const stubs = await prepareHostStubs(request.hostImports ?? [], tempDir);
    mark('copy + host stubs');
    const runs = await runChildren(request, copy, tempDir, plan, timeoutMs, report, stubs);
    mark('children done');
    if (stubs) {
      const calls = hostCallsOf(stubs.imports, runs.map((_, i) => stubs.callsFile(i)));
      report.notes.push(...unstubbedNotes(stubs, calls.provided));
      if (stubs.library) report.hostStubs = { library: stubs.library, functions: calls.functions };
    }
    const first = runs[0].run;
    const { loadError } = first;
    report.childPid = first.pid;
    if (runs.length > 1) report.childPids = runs.map((r) => r.run.pid ?? 0);
    report.loadMs = first.loadMs;
    report.stderr = runs.map((r) => r.run.stderr).join('').slice(-STDERR_IN_REPORT);
    if (loadError !== undefined) {
      report.refusal = `koffi.load failed: ${loadError}`;
      const hostImport = /undefined symbol: (\S+)/.exec(loadError)?.[1];
      // A plugin that calls back into its host (`extern "C" { fn host_log(..); }`) only loads inside that host.
      if (hostImport && !stubs?.library) report.notes.push(`the library needs \`${hostImport}\` from the program that loads it: only that host can load it`);
    }
    const stale = request.sourceMtimeMs !== undefined && libraryStat.mtimeMs < request.sourceMtimeMs;
    if (preflight?.missingSymbols && preflight.staleSymbols) {
      report.missingSymbols.push(...preflight.missingSymbols);
      report.staleSymbols.push(...preflight.staleSymbols);
    }
    const known = new Set([...report.missingSymbols, ...report.staleSymbols].map((m) => m.name));
    for (const name of first.missing.filter((n) => !known.has(n))) {
      if (stale) report.staleSymbols.push({ name, message: `\`${name}\` is in the source but not in the library: the library is older than the source; rebuild it` });
      else report.missingSymbols.push({ name, message: `\`${name}\` is exported by the source but not by the library (a \`#[cfg]\` may leave it out): a host that looks it up fails` });
    }
    checkDeclared(report.probes, request.expected ?? {});
    if (report.probes.some((p) => p.status === 'suspicious')) {
      const { findings } = request;
      attachFindings(report.probes, (typeof findings === 'function' ? findings() : findings) ?? []);
    }
    const crashes = runs.flatMap((r, i) => (r.crash ? [runs.length > 1 ? { ...r.crash, child: i + 1 } : r.crash] : []));
    if (crashes.length > 0) report.crash = crashes[0];
    if (runs.length > 1 && crashes.length > 0) report.crashes = crashes;
    markUnfinished(report, plan, new Set(runs.flatMap((r) => r.crashed ?? [])));
    report.totalMs = performance.now() - started;
    return { ...report, status: statusOf(report) };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

interface FinishedChild {
  run: ChildRun;
  crash?: CrashInfo;
  /** The probe it died calling (`call X`, or `free F` of probe X's string). */
  crashed?: string[];
}

/**
 * Runs the plan in a child and, while a child dies inside a probe or pair (not while loading: that would only
 * repeat), the probes and pairs after it in a fresh one. Results go into `report` as they come.
 */
async function runChildren(request: LoadRequest, copy: string, copyDir: string, plan: ChildPlan, timeoutMs: number, report: Omit<LoadReport, 'status'>, stubs: HostStubs | undefined): Promise<FinishedChild[]> {
  const finished: FinishedChild[] = [];
  let absent = new Set<string>();
  let todo = plan;
  for (;;) {
    let run: ChildRun;
    try {
      const hostStubs = stubs ? { library: stubs.library, callsFile: stubs.callsFile(finished.length), symbols: stubs.imports.map((i) => i.symbol) } : undefined;
      const options = { library: copy, plan: todo, timeoutMs, onStep: request.onStep, hostStubs };
      // The first child may be waiting already, started while the plan was made (in the same folder).
      // One that died while it waited (nothing of the plugin ran in it) is replaced, as if it had not been started.
      const waiting = finished.length === 0 ? request.prepared?.takeChild() : undefined;
      run = await (waiting && !waiting.exited ? waiting.run(options) : runChild({ ...options, script: request.childScript ?? defaultChildScript(), copyDir }));
    } catch (error) {
      if (error instanceof ChildStartError && finished.length === 0) throw new LoadInputError(error.message);
      if (error instanceof ChildStartError) {
        report.notes.push(`the rest of the plan was not run: ${error.message}`);
        return finished;
      }
      throw error;
    }
    report.probes.push(...run.probes);
    report.leaks.push(...run.leaks);
    if (run.leftRunning.length > 0) report.leftRunning = [...(report.leftRunning ?? []), ...run.leftRunning];
    if (finished.length === 0) absent = new Set(run.missing);
    const child: FinishedChild = { run };
    finished.push(child);
    if (run.outcome.done) return finished;
    child.crash = crashOf(run.outcome, run.stderr, timeoutMs);
    // A call with invented arguments says which: the crash may be the arguments' doing, not a host's.
    const call = (todo.calls ?? []).find((c) => c.args && child.crash?.step === `call ${c.symbol}`);
    if (call?.args) child.crash.message = child.crash.message.replace(child.crash.step, `${child.crash.step} with invented arguments (${call.args.map(argumentText).join(', ')})`);
    if (run.loadMs === undefined) return finished; // died before or while loading: a fresh child would too
    const remaining = remainingPlan(todo, absent, run.probes, run.leaks);
    const label = run.outcome.openStep?.label ?? '';
    if (label.startsWith('call ')) child.crashed = run.outcome.openStep?.functions.slice(0, 1);
    else if (label.startsWith('free ')) child.crashed = remaining.culprit?.slice(0, 1);
    const left = remaining.rest.probes.length + remaining.rest.pairs.length + (remaining.rest.calls?.length ?? 0);
    if (!remaining.culprit || left === 0) return finished;
    if (finished.length >= MAX_CHILDREN) {
      report.notes.push(`${left} more probe${left === 1 ? '' : 's'} not run: the loader stops after ${MAX_CHILDREN} crashed processes`);
      return finished;
    }
    todo = remaining.rest;
  }
}

/** The crashed probes are marked `crashed`; planned probes that never ran are `not-run`; all in plan order. */
function markUnfinished(report: Omit<LoadReport, 'status'>, plan: ChildPlan, culprits: ReadonlySet<string>): void {
  if (report.refusal !== undefined) return;
  const seen = new Set(report.probes.map((p) => p.name));
  const order: string[] = [];
  const add = (name: string, declaration: string, args?: readonly ProbeArgument[]) => {
    order.push(name);
    if (seen.has(name) || report.missingSymbols.some((m) => m.name === name) || report.staleSymbols.some((m) => m.name === name)) return;
    seen.add(name);
    report.probes.push({ name, declaration, status: culprits.has(name) ? 'crashed' : 'not-run', ...(args ? { arguments: args.map(argumentText) } : {}) });
  };
  for (const p of plan.probes) add(p.symbol, p.declaration);
  for (const p of plan.pairs) {
    add(p.constructor.symbol, p.constructor.declaration);
    if (p.destructor) add(p.destructor.symbol, p.destructor.declaration);
    const missingPart = [p.constructor.symbol, p.destructor?.symbol].some((s) => s && !report.probes.some((r) => r.name === s && r.status === 'ok'));
    if (!report.leaks.some((l) => l.constructor === p.constructor.symbol) && !missingPart) {
      report.leaks.push({ constructor: p.constructor.symbol, destructor: p.destructor?.symbol, measure: 'rss', verdict: 'not-run', iterations: 0, roundBytesPerIteration: [], bytesPerIteration: 0 });
    }
  }
  for (const p of plan.calls ?? []) add(p.symbol, p.declaration, p.args);
  const rank = new Map(order.map((name, i) => [name, i] as const));
  report.probes.sort((a, b) => (rank.get(a.name) ?? order.length) - (rank.get(b.name) ?? order.length));
  const pairRank = new Map(plan.pairs.map((p, i) => [p.constructor.symbol, i] as const));
  report.leaks.sort((a, b) => (pairRank.get(a.constructor) ?? 0) - (pairRank.get(b.constructor) ?? 0));
}
