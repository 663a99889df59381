// The problem matcher for `cargo build --message-format short`: `src/lib.rs:3:5: error[E0425]: message`.
// Kept in step with the `rust-plugin-guard-cargo` problemMatcher contributed in package.json.
import * as path from 'node:path';

export interface CargoProblem {
  file: string;
  /** 1-based, as cargo prints them. */
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: string | undefined;
  message: string;
}

export const CARGO_SHORT_LINE = /^(.+?):(\d+):(\d+): (error|warning)(?:\[([A-Za-z0-9_:-]+)\])?: (.*)$/;

/** Problems in cargo's short output; relative paths are taken from `workspaceRoot` (where cargo runs rustc). */
export function parseCargoShort(output: string, workspaceRoot: string): CargoProblem[] {
  const problems: CargoProblem[] = [];
  for (const line of output.split(/\r?\n/)) {
    const m = CARGO_SHORT_LINE.exec(line);
    if (!m) continue;
    problems.push({
      file: path.resolve(workspaceRoot, m[1]),
      line: Number(m[2]),
      column: Number(m[3]),
      severity: m[4] as 'error' | 'warning',
      code: m[5],
      message: m[6],
    });
  }
  return problems;
}
