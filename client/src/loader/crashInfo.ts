// How a loader child died, in the report's terms: the signal, exit code, timeout or rejected message, the
// step that was open, and the Rust panic message from its stderr.
import type { CrashInfo } from './report';
import { STARTUP_TIMEOUT_MS, type ChildOutcome } from './runChild';

/** `thread '<unnamed>' (123) panicked at src/lib.rs:4:5:\nboom` → `panicked at src/lib.rs:4:5: boom`. */
export function panicOf(stderr: string): string | undefined {
  const match = /panicked at ([^\n]*?):?\n([^\n]*)/.exec(stderr);
  return match ? `panicked at ${match[1]}: ${match[2]}`.trim() : undefined;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

export function crashOf(outcome: ChildOutcome, stderr: string, timeoutMs: number): CrashInfo {
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
