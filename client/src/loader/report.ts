// The structured result of "Load plugin", shared by the extension, the CLI and the child protocol.
// JSON form documented in docs/loader.md (version 1); keep field names stable.

export const REPORT_VERSION = 1;

/** Overall outcome: `ok` loaded and nothing failed; `failed` a probe, symbol or leak check failed; `crashed` the child died; `refused` not loaded at all. */
export type ReportStatus = 'ok' | 'failed' | 'crashed' | 'refused';

/** `suspicious`: it returned, but what it returned does not look right (a C string that is not text). */
export type ProbeStatus = 'ok' | 'suspicious' | 'failed' | 'crashed' | 'not-run';

/** A JS value a probe returned: numbers, bools, strings; `null` for a NULL C string; bigint above 2^53. */
export type ProbeValue = number | bigint | boolean | string | null;

/** What a pointer field of a returned struct is shown as (its address changes from run to run). */
export const NON_NULL = 'non-null';

/** A `#[repr(C)]` struct a probe returned, field by field: scalars as values, pointers `null` or NON_NULL. */
export interface StructValue {
  [field: string]: ProbeValue | StructValue;
}

export interface ProbeResult {
  /** The exported symbol that was called. */
  name: string;
  /** The koffi prototype it was declared with, e.g. `uint32_t plugin_abi_version(void)`. */
  declaration: string;
  status: ProbeStatus;
  value?: ProbeValue | StructValue;
  /** A WebAssembly component's result as WIT writes it (`some("x")`, `{ words: 3 }`, `[1, 2]`), shown instead of `value`. */
  valueText?: string;
  /** The arguments the loader invented for the call (`0`, `0.0`, `false`, `NULL`, `"rpg-probe"`); absent: none. */
  arguments?: string[];
  /** An owned string was freed with this export of the plugin. */
  freedWith?: string;
  /** Why it failed, or for `suspicious` what is wrong with the value. */
  error?: string;
  /** For `suspicious`: the finding of the static analysis that explains it, e.g. a `dangling-pointer` at `src/lib.rs:12:5`. */
  finding?: { rule: string; at: string };
  ms?: number;
  /** The version constant the declared interface gives this result, and whether the library returned it. */
  declared?: DeclaredCheck;
}

export interface DeclaredCheck {
  /** The field of the returned struct that was compared (`abi_version`); absent: the return value itself. */
  field?: string;
  /** e.g. `PLUGIN_ABI_VERSION`. */
  constant: string;
  /** The declared value, decimal digits. */
  value: string;
  /** `plugin.h:4`. */
  declaredAt: string;
  matches: boolean;
}

/** `wasm-memory`: the linear memory size of a WebAssembly guest (64 KiB pages). */
export type LeakMeasure = 'mallinfo2' | 'rss' | 'wasm-memory';
/** `ok` no growth; `leak` memory grows per iteration; `not-run` the check did not finish. */
export type LeakVerdict = 'ok' | 'leak' | 'not-run';

export interface LeakResult {
  constructor: string;
  /** Undefined for a constructor with no destructor (run a bounded number of times, growth shown). */
  destructor?: string;
  measure: LeakMeasure;
  verdict: LeakVerdict;
  /** Iterations per measured round. */
  iterations: number;
  /** Bytes per iteration of every round, round 1 (warm-up, ignored by the verdict) first. */
  roundBytesPerIteration: number[];
  /** The verdict's figure: the smallest of the measured rounds (after round 1). */
  bytesPerIteration: number;
  error?: string;
}

/** `protocol`: the child sent a message that does not fit the plan (plugin code writing to the IPC channel) and was killed. */
export type CrashKind = 'signal' | 'exit' | 'timeout' | 'protocol';

export interface CrashInfo {
  kind: CrashKind;
  /** e.g. `SIGSEGV`, `SIGABRT`; undefined for a plain exit or a timeout. */
  signal?: string;
  exitCode?: number;
  /** The step that was running, e.g. `call plugin_init`, `load`. */
  step: string;
  /** The plugin functions that step called (for diagnostics on the crate). */
  functions: string[];
  /** Which loader process died, 1-based, when more than one ran (the rest of the plan runs in a fresh one). */
  child?: number;
  /** One line: `SIGSEGV during call config_new`, `timed out after 5 s in call plugin_init`. */
  message: string;
  /** The Rust panic message captured from stderr (`panicked at src/lib.rs:4:5: boom`). */
  panic?: string;
}

export interface SymbolProblem {
  name: string;
  /** Why it matters and what to do, one sentence. */
  message: string;
  /** The declared interface requires the symbol: where, `plugin.h:12`. */
  requiredBy?: string;
}

/** A host function the plugin imports, stubbed by the loader (hostStubs*.ts), and the calls it received. */
export interface HostFunctionCalls {
  symbol: string;
  /** Where the crate declares it, `src/lib.rs:18`. */
  declaredAt: string;
  calls: number;
  /** `calls` is a lower bound: the process died before it could count every call. */
  atLeast?: boolean;
  /** The arguments of the first calls (up to 20), as text: numbers, C strings quoted, other pointers as addresses. */
  arguments: string[][];
}

export interface LoadReport {
  version: typeof REPORT_VERSION;
  status: ReportStatus;
  /** The library as given (absolute path); the child loaded a temporary copy of it. */
  library: string;
  crate?: { name: string; manifest: string; profile: 'debug' | 'release' };
  /** Why the library was not loaded (preflight refusal or `koffi.load` error). */
  refusal?: string;
  /** Milliseconds spent in `koffi.load`. */
  loadMs?: number;
  /** Exported symbols found in the file, when they could be listed; otherwise undefined. */
  exports?: string[];
  /** Symbols the crate exports or the interface requires that the library lacks (and the build is current). */
  missingSymbols: SymbolProblem[];
  /** Symbols in the source but not in a library older than the source: rebuild. */
  staleSymbols: SymbolProblem[];
  /** A WebAssembly module's exports or imports whose core signature is not what its WIT world gives. */
  wrongSignatures?: SymbolProblem[];
  probes: ProbeResult[];
  leaks: LeakResult[];
  /** The first crash. */
  crash?: CrashInfo;
  /** Every crash, when the plan ran in more than one process (after a crash the rest runs in a fresh one). */
  crashes?: CrashInfo[];
  /** Notes for the reader: what was skipped and why. */
  notes: string[];
  /** Last part of the child's stderr (capped). */
  stderr: string;
  /** Processes the plugin started that were still running after the child exited (pids; killed since). */
  leftRunning?: number[];
  /** The host functions stubbed so the plugin loads alone (the library of stubs, cached), and their calls. */
  hostStubs?: { library: string; functions: HostFunctionCalls[] };
  /** Process id of the (first) child (gone when the report is made). */
  childPid?: number;
  /** Every child's pid, when more than one ran. */
  childPids?: number[];
  /** Milliseconds from start to report. */
  totalMs: number;
}

/** What counts as failure for the exit status and the summary. */
export function statusOf(report: Omit<LoadReport, 'status'>): ReportStatus {
  if (report.crash) return 'crashed';
  if (report.refusal !== undefined) return 'refused';
  const failed =
    report.missingSymbols.length > 0 ||
    report.staleSymbols.length > 0 ||
    (report.wrongSignatures?.length ?? 0) > 0 ||
    report.probes.some((p) => p.status !== 'ok' || p.declared?.matches === false) ||
    report.leaks.some((l) => l.verdict === 'leak') ||
    (report.leftRunning?.length ?? 0) > 0;
  return failed ? 'failed' : 'ok';
}
