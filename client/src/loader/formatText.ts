// The text form of a LoadReport: one fact per line, `keyword[ status]: details` (grammar in docs/loader.md;
// the output channel's TextMate grammar depends on it, so change it only together with the doc).
import { NON_NULL, type CrashInfo, type HostFunctionCalls, type LeakResult, type LoadReport, type ProbeResult, type ProbeValue, type StructValue } from './report';

/** Numbers and bools as written, strings JSON-quoted, pointers `0x…`, `NULL`; a struct `{ a: 1, p: non-null }`. */
export function formatValue(value: ProbeValue | StructValue | undefined, inStruct = false): string {
  if (value === undefined) return '';
  if (value === null) return 'NULL';
  if (typeof value === 'object') {
    const fields = Object.entries(value).map(([name, v]) => `${name}: ${formatValue(v, true)}`);
    return `{ ${fields.join(', ')} }`;
  }
  if (typeof value === 'string') return value.startsWith('0x') || (inStruct && value === NON_NULL) ? value : JSON.stringify(value);
  return String(value);
}

/** `plugin_len("rpg-probe")`: the function with the arguments the loader invented for it; the bare name without. */
export function callText(p: Pick<ProbeResult, 'name' | 'arguments'>): string {
  return Array.isArray(p.arguments) ? `${p.name}(${p.arguments.join(', ')})` : p.name;
}

function ms(value: number): string {
  if (typeof value !== 'number') return String(value); // never throw on a malformed report
  return value < 10 ? value.toFixed(2) : value.toFixed(0);
}

function probeLine(p: ProbeResult): string {
  const head = `probe ${p.status}: ${callText(p)}`;
  switch (p.status) {
    case 'ok':
      return `${head}${p.valueText !== undefined ? ` = ${p.valueText}` : p.value === undefined ? '' : ` = ${formatValue(p.value)}`}${p.freedWith ? ` (freed with ${p.freedWith})` : ''}${p.ms !== undefined ? ` (${ms(p.ms)} ms)` : ''}`;
    case 'suspicious':
      return `${head} = ${formatValue(p.value)}: ${p.error ?? 'an unexpected value'}${p.finding ? `; the static analysis reports ${p.finding.rule} at ${p.finding.at}` : ''}`;
    case 'failed':
      return `${head}: ${p.error ?? (p.value === null ? 'returned NULL' : 'failed')}`;
    default:
      return `${head}${p.error ? `: ${p.error}` : ''}`;
  }
}

/** `declared ok: plugin_abi_version = 3, as PLUGIN_ABI_VERSION at plugin.h:8` (or `mismatch`, with what to do). */
function declaredLine(p: ProbeResult): string | undefined {
  const d = p.declared;
  if (!d) return undefined;
  const [what, value] = d.field !== undefined && p.value !== null && typeof p.value === 'object' ? [`${p.name}().${d.field}`, p.value[d.field]] : [p.name, p.value];
  if (d.matches) return `declared ok: ${what} = ${formatValue(value)}, as ${d.constant} at ${d.declaredAt}`;
  return `declared mismatch: ${what} = ${formatValue(value)}, but ${d.constant} is ${d.value} at ${d.declaredAt}: a host that checks the version refuses the plugin; return ${d.value} or update the declaration`;
}

function leakLine(l: LeakResult): string {
  if (l.measure === 'wasm-memory') return wasmLeakLine(l);
  const keyword = l.destructor ? 'leak' : 'growth';
  const what = l.destructor ? `${l.constructor}/${l.destructor}` : `${l.constructor} (no destructor)`;
  if (l.verdict === 'not-run') return `${keyword} not-run: ${what}${l.error ? `: ${l.error}` : ''}`;
  const rounds = l.roundBytesPerIteration.join(', ');
  return `${keyword} ${l.verdict}: ${what}: ${l.bytesPerIteration} B/iteration (${l.measure}; rounds ${rounds} B/iteration, ${l.iterations} iterations each, round 1 ignored)`;
}

/** `leak ok: ns:pkg/iface@1.0.0#greet: 0 B/call (wasm linear memory; rounds 0, 0, 0, 0, 0 B/call, 5000 calls each, round 1 ignored)`. */
function wasmLeakLine(l: LeakResult): string {
  if (l.verdict === 'not-run') return `leak not-run: ${l.constructor}${l.error ? `: ${l.error}` : ''}`;
  const freed = l.destructor ? `, post-return ${l.destructor}` : '';
  if (l.error) return `leak ${l.verdict}: ${l.constructor}: ${l.bytesPerIteration} B/call over ${l.iterations} calls (wasm linear memory${freed}), then ${l.error}`;
  return `leak ${l.verdict}: ${l.constructor}: ${l.bytesPerIteration} B/call (wasm linear memory${freed}; rounds ${l.roundBytesPerIteration.join(', ')} B/call, ${l.iterations} calls each, round 1 ignored)`;
}

export function formatReportText(report: LoadReport): string {
  const lines = [`load report: ${report.status}`, `library: ${report.library}`];
  if (report.crate) lines.push(`crate: ${report.crate.name} (${report.crate.profile}) ${report.crate.manifest}`);
  if (report.refusal !== undefined) lines.push(`refused: ${report.refusal}`);
  if (report.loadMs !== undefined) lines.push(`loaded: in ${ms(report.loadMs)} ms`);
  if (report.exports) lines.push(`exports: ${report.exports.length} symbol${report.exports.length === 1 ? '' : 's'}${report.exports.length > 0 ? `: ${report.exports.join(', ')}` : ''}`);
  for (const m of report.missingSymbols) lines.push(`missing: ${m.name}: ${m.message}`);
  for (const s of report.staleSymbols) lines.push(`stale: ${s.name}: ${s.message}`);
  for (const s of report.wrongSignatures ?? []) lines.push(`signature: ${s.name}: ${s.message}`);
  for (const p of report.probes) lines.push(probeLine(p));
  for (const p of report.probes) {
    const line = declaredLine(p);
    if (line) lines.push(line);
  }
  for (const l of report.leaks) lines.push(leakLine(l));
  for (const f of report.hostStubs?.functions ?? []) lines.push(`host: ${hostCallsText(f)}`);
  if (report.leftRunning) lines.push(`processes: ${leftRunningText(report.leftRunning)}`);
  for (const crash of crashesOf(report)) {
    lines.push(`crash: ${crashText(crash, report)}`);
    if (crash.panic) lines.push(`panic: ${crash.panic}`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  lines.push(`summary: ${summaryOf(report)}`);
  return lines.join('\n');
}

/** Argument lists shown per host function (the report keeps up to 20). */
const HOST_CALLS_SHOWN = 3;

/** `host_log (src/lib.rs:6) called 2 times: (2, "plugin starting"), (1, "done")`, or `… stubbed, not called`. */
export function hostCallsText(f: HostFunctionCalls): string {
  const head = `${f.symbol} (${f.declaredAt})`;
  if (f.calls === 0) return `${head} stubbed, not called`;
  const shown = f.arguments.slice(0, HOST_CALLS_SHOWN).map((args) => `(${args.join(', ')})`);
  if (f.calls > shown.length) shown.push('…');
  return `${head} called ${f.atLeast ? 'at least ' : ''}${f.calls} time${f.calls === 1 ? '' : 's'}: ${shown.join(', ')}`;
}

/** `left 2 processes running (pids 41, 42), killed: …` */
export function leftRunningText(pids: readonly number[]): string {
  const n = pids.length;
  return `left ${n} process${n === 1 ? '' : 'es'} running (pid${n === 1 ? '' : 's'} ${pids.join(', ')}), killed: the plugin started ${n === 1 ? 'a process' : 'processes'} that outlived the loader; a host would keep ${n === 1 ? 'it' : 'them'} running`;
}

/** Every crash of the load (after one, the rest of the plan ran in a fresh process). */
export function crashesOf(report: LoadReport): CrashInfo[] {
  return report.crashes ?? (report.crash ? [report.crash] : []);
}

/** `SIGSEGV during call config_new`, with `(process 1 of 2)` when more than one ran. */
export function crashText(crash: CrashInfo, report: LoadReport): string {
  const total = report.childPids?.length ?? 1;
  return crash.child !== undefined && total > 1 ? `${crash.message} (process ${crash.child} of ${total})` : crash.message;
}

export function summaryOf(report: LoadReport): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const ok = report.probes.filter((p) => p.status === 'ok').length;
  const failed = report.probes.filter((p) => p.status === 'failed' || p.status === 'crashed').length;
  const mismatched = report.probes.filter((p) => p.declared?.matches === false).length;
  const suspicious = report.probes.filter((p) => p.status === 'suspicious').length;
  const leaks = report.leaks.filter((l) => l.verdict === 'leak').length;
  const parts = [`${count(ok, 'probe')} ok`, `${failed} failed`, count(leaks, 'leak'), `${report.missingSymbols.length + report.staleSymbols.length} missing`];
  if (mismatched > 0) parts.splice(2, 0, `${mismatched} declared mismatch${mismatched === 1 ? '' : 'es'}`);
  const wrong = report.wrongSignatures?.length ?? 0;
  if (wrong > 0) parts.push(`${wrong} wrong signature${wrong === 1 ? '' : 's'}`);
  if (suspicious > 0) parts.splice(2, 0, `${suspicious} suspicious`);
  if (report.leftRunning) parts.push(`${report.leftRunning.length} left running`);
  if (report.crashes && report.crashes.length > 1) parts.push(`crashed ${report.crashes.length} times`);
  else if (report.crash) parts.push('crashed');
  if (report.refusal !== undefined) parts.push('not loaded');
  return `${parts.join(', ')}; ${ms(report.totalMs)} ms`;
}

/** JSON with 64-bit integers above 2^53 (BigInt) as decimal strings. */
export function formatReportJson(report: LoadReport): string {
  return JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2);
}
