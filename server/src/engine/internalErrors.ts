// Failures of the analysis itself (a bug, or input beyond what a walker handles), kept apart from findings: each
// costs only the item or rule it happened in, and the engine hands them to its caller to report by file.

export interface InternalError {
  /** The file (or crate root) whose analysis failed. */
  file: string;
  /** What failed: "rule dangling-pointer", "items of the file", "body of `f`". */
  part: string;
  message: string;
}

const pending: InternalError[] = [];

/** Records a failure caught where analysis of one part gave up; the engine collects it after the analysis. */
export function recordInternalError(file: string, part: string, error: unknown): void {
  pending.push({ file, part, message: messageOf(error) });
}

/** The failures recorded since the last call (each reported once). */
export function takeInternalErrors(): InternalError[] {
  return pending.splice(0);
}

/** One line, never a stack trace: a stack overflow says so in words. */
export function messageOf(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'the code is nested too deeply for the analysis (stack overflow)';
  return error instanceof Error ? error.message : String(error);
}

/** `file: analysis of <part> failed: <message>`, as the CLI and the server log print it. */
export function describeInternalError(error: InternalError): string {
  return `${error.file}: internal error in ${error.part}: ${error.message}; the rest was checked (please report this)`;
}
