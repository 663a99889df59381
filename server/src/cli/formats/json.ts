import type { InputNote } from '../../engine/inputNotes';
import type { Finding, Range } from '../../engine/types';
import { displayPath } from './displayPath';

/** The `--format json` document, version 1 (its shape is a public contract: change `version` to change it). */
export interface JsonReport {
  version: 1;
  diagnostics: {
    file: string;
    rule: string;
    severity: Finding['severity'];
    message: string;
    range: Range;
    related: { file: string; range: Range; message: string }[];
    fixes: string[];
  }[];
  /** Input errors (exit status 2): a path that does not exist, an invalid Cargo.toml, a missing crate root. Only when there are any. */
  errors?: string[];
  /** What the check could not fully read (a file with syntax errors, an invalid cbindgen.toml). Only when there are any. */
  notes?: { kind: InputNote['kind']; file: string; message: string; position?: { line: number; character: number } }[];
}

export function formatJson(findings: readonly Finding[], cwd: string, errors: readonly string[] = [], notes: readonly InputNote[] = []): string {
  const report: JsonReport = {
    version: 1,
    diagnostics: findings.map((f) => ({
      file: displayPath(f.file, cwd),
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: f.range,
      related: f.related.map((r) => ({ file: displayPath(r.location.file, cwd), range: r.location.range, message: r.message })),
      fixes: f.fixes.map((fix) => fix.title),
    })),
  };
  // Added only when present, so the common document keeps its version-1 shape.
  if (errors.length > 0) report.errors = [...errors];
  const unread = notes.filter((n) => n.kind !== 'no-interface');
  if (unread.length > 0) report.notes = unread.map((n) => ({ kind: n.kind, file: displayPath(n.file, cwd), message: n.message, ...(n.position ? { position: n.position } : {}) }));
  return JSON.stringify(report, null, 2);
}
