// The parent side of "Load plugin": copies the library, runs the child on it (never loading it here, see
// runChild.ts), and turns what happened into a LoadReport.
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ChildPlan, DeclaredValue } from '../../../server/src/protocol/loader';
import type { StepInfo } from './childProtocol';
import { checkDeclared } from './declaredValues';
import { attachFindings, type ExportFinding } from './exportFindings';
import type { PreflightOutcome } from './preflightStep';
import { REPORT_VERSION, statusOf, type CrashInfo, type LoadReport } from './report';
import { ChildStartError, runChild, STARTUP_TIMEOUT_MS, type ChildOutcome } from './runChild';
import { makeCopyDir, removeStaleCopies } from './tempCopies';

export const DEFAULT_TIMEOUT_MS = 10_000;
const STDERR_IN_REPORT = 4 * 1024;

export interface LoadRequest {
  /** The built library (absolute or relative to the current directory). */
  library: string;
  /** What to call; undefined when only a library file is known (then it is only loaded). */
  plan?: ChildPlan;
  /** Symbol → the version constant the declared interface gives its result (checked here, not sent to the child). */
  expected?: Readonly<Record<string, DeclaredValue>>;
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
  /** Findings of the static analysis on exports (a `dangling-pointer`), named when a probe's result is suspicious. */
  findings?: readonly ExportFinding[] | (() => readonly ExportFinding[]);
}

/** Bad input: no such file, a folder, an unreadable file. The CLI exits 2 on it. */
export class LoadInputError extends Error {}

export function defaultChildScript(): string {
  const beside = path.join(__dirname, 'loaderChild.js');
  // From sources (tests, bench): the built child in dist/.
  return existsSync(beside) ? beside : path.join(__dirname, '..', '..', '..', 'dist', 'loaderChild.js');
}

let staleRemoved = false;

export async function runLoad(request: LoadRequest): Promise<LoadReport> {
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
  base.notes.push(...(preflight?.notes ?? []));
  if (preflight?.refusal !== undefined) {
    const report = { ...base, refusal: `not loaded: ${preflight.refusal}`, exports: preflight.exports, totalMs: performance.now() - started };
    return { ...report, status: statusOf(report) };
  }

  if (!staleRemoved) {
    // Copies left by runs that were killed before they could clean up (once per process).
    staleRemoved = true;
    removeStaleCopies();
  }
  const tempDir = makeCopyDir();
  const copy = path.join(tempDir, path.basename(library));
  try {
    try {
      copyFileSync(library, copy);
    } catch (error) {
      throw new LoadInputError(`${library}: cannot be read (${error instanceof Error ? error.message : String(error)})`);
    }
    const plan: ChildPlan = request.plan ?? { symbols: [], probes: [], pairs: [] };
    const report: Omit<LoadReport, 'status'> = { ...base, exports: preflight?.exports, totalMs: 0 };
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let run;
    try {
      run = await runChild({ script: request.childScript ?? defaultChildScript(), library: copy, copyDir: tempDir, plan, timeoutMs, onStep: request.onStep });
    } catch (error) {
      if (error instanceof ChildStartError) throw new LoadInputError(error.message);
      throw error;
    }
    const { outcome, stderr, pid, loadError, loadMs, missing } = run;
    report.probes.push(...run.probes);
    report.leaks.push(...run.leaks);
    if (run.leftRunning.length > 0) report.leftRunning = run.leftRunning;
    report.childPid = pid;
    report.loadMs = loadMs;
    report.stderr = stderr.slice(-STDERR_IN_REPORT);
    if (loadError !== undefined) {
      report.refusal = `koffi.load failed: ${loadError}`;
      const hostImport = /undefined symbol: (\S+)/.exec(loadError)?.[1];
      // A plugin that calls back into its host (`extern "C" { fn host_log(..); }`) only loads inside that host.
      if (hostImport) report.notes.push(`the library needs \`${hostImport}\` from the program that loads it: only that host can load it`);
    }
    const stale = request.sourceMtimeMs !== undefined && libraryStat.mtimeMs < request.sourceMtimeMs;
    if (preflight?.missingSymbols && preflight.staleSymbols) {
      report.missingSymbols.push(...preflight.missingSymbols);
      report.staleSymbols.push(...preflight.staleSymbols);
    }
    const known = new Set([...report.missingSymbols, ...report.staleSymbols].map((m) => m.name));
    for (const name of missing.filter((n) => !known.has(n))) {
      if (stale) report.staleSymbols.push({ name, message: `\`${name}\` is in the source but not in the library: the library is older than the source; rebuild it` });
      else report.missingSymbols.push({ name, message: `\`${name}\` is exported by the source but not by the library (a \`#[cfg]\` may leave it out): a host that looks it up fails` });
    }
    checkDeclared(report.probes, request.expected ?? {});
    if (report.probes.some((p) => p.status === 'suspicious')) {
      const { findings } = request;
      attachFindings(report.probes, (typeof findings === 'function' ? findings() : findings) ?? []);
    }
    if (!outcome.done) report.crash = crashOf(outcome, stderr, timeoutMs);
    markUnfinished(report, plan, outcome.openStep, report.crash !== undefined);
    report.totalMs = performance.now() - started;
    return { ...report, status: statusOf(report) };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/** `thread '<unnamed>' (123) panicked at src/lib.rs:4:5:\nboom` → `panicked at src/lib.rs:4:5: boom`. */
export function panicOf(stderr: string): string | undefined {
  const match = /panicked at ([^\n]*?):?\n([^\n]*)/.exec(stderr);
  return match ? `panicked at ${match[1]}: ${match[2]}`.trim() : undefined;
}

function crashOf(outcome: ChildOutcome, stderr: string, timeoutMs: number): CrashInfo {
  const step = outcome.openStep?.label ?? 'start';
  const functions = outcome.openStep?.functions ?? [];
  const panic = panicOf(stderr);
  if (outcome.protocolError !== undefined) {
    return { kind: 'protocol', step, functions, message: `the loader process sent ${outcome.protocolError} during ${step}; it was killed (plugin code writing to the loader's channel?)`, panic };
  }
  if (outcome.timedOut) {
    const limit = outcome.openStep ? timeoutMs : STARTUP_TIMEOUT_MS;
    return { kind: 'timeout', step, functions, message: `timed out after ${formatSeconds(limit)} in ${step}; the process was killed`, panic };
  }
  if (outcome.signal) {
    const how = outcome.signal === 'SIGABRT' && panic ? `${outcome.signal} (panic)` : outcome.signal;
    return { kind: 'signal', signal: outcome.signal, step, functions, message: `${how} during ${step}`, panic };
  }
  const code = outcome.code ?? -1;
  // Windows reports crashes as NTSTATUS exit codes.
  const hex = code < 0 || code > 0xffff ? ` (0x${(code >>> 0).toString(16).toUpperCase()})` : '';
  return { kind: 'exit', exitCode: code, step, functions, message: `exited with code ${code}${hex} during ${step}`, panic };
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** The crashed step's probe is marked `crashed`; planned probes that never ran are `not-run`. */
function markUnfinished(report: Omit<LoadReport, 'status'>, plan: ChildPlan, openStep: StepInfo | undefined, crashed: boolean): void {
  if (report.refusal !== undefined) return;
  const seen = new Set(report.probes.map((p) => p.name));
  const culprit = crashed && openStep?.label.startsWith('call ') ? openStep.functions[0] : undefined;
  const add = (name: string, declaration: string) => {
    if (seen.has(name) || report.missingSymbols.some((m) => m.name === name) || report.staleSymbols.some((m) => m.name === name)) return;
    seen.add(name);
    report.probes.push({ name, declaration, status: name === culprit ? 'crashed' : 'not-run' });
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
}
