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
}

export function formatJson(findings: readonly Finding[], cwd: string): string {
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
  return JSON.stringify(report, null, 2);
}
