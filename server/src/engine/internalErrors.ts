// Failures of the analysis itself (a bug, or input beyond what a walker handles), kept apart from findings: each
// costs only the item or rule it happened in, and the engine hands them to its caller to report by file.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface InternalError {
  /** The file (or crate root) whose analysis failed. */
  file: string;
  /** What failed: "rule dangling-pointer", "items of the file", "body of `f`". */
  part: string;
  message: string;
}

/**
 * Each analysis collects its own failures: the server runs several at once (an edit's and the workspace pass
 * interleave at every await), and one global list let one take, or throw away, the other's.
 */
const scopes = new AsyncLocalStorage<InternalError[]>();
/** Failures recorded outside any analysis (a hover that read a file first): the next analysis to finish reports them. */
const unscoped: InternalError[] = [];

/** Records a failure caught where analysis of one part gave up; the analysis it happened in reports it. */
export function recordInternalError(file: string, part: string, error: unknown): void {
  (scopes.getStore() ?? unscoped).push({ file, part, message: messageOf(error) });
}

/**
 * Runs one analysis and returns what it recorded (each failure reported once). An analysis that throws hands its
 * failures to the one around it, if any (the CLI's `check`); an abandoned LSP analysis is redone, which records
 * them again.
 */
export async function collectInternalErrors<T>(run: () => Promise<T>): Promise<[T, InternalError[]]> {
  const outer = scopes.getStore();
  const errors: InternalError[] = [];
  try {
    const value = await scopes.run(errors, run);
    return [value, [...unscoped.splice(0), ...errors]];
  } catch (error) {
    outer?.push(...errors);
    throw error;
  }
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
