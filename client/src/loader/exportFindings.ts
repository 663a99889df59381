// Findings of the static analysis that explain a suspicious probe: a C string that is not text is what a
// `dangling-pointer` predicts, so the report names that finding on the export when there is one.
import * as path from 'node:path';
import type { Range } from '../../../server/src/engine/types';
import type { ProbeResult } from './report';

/** A finding on an export, as the report names it. */
export interface ExportFinding {
  symbol: string;
  rule: string;
  /** `src/lib.rs:12:5` (1-based line and column). */
  at: string;
}

/** The rules whose findings explain a returned C string that is not text. */
const EXPLAINS_BAD_STRING = ['dangling-pointer'];

interface Located {
  file: string;
  range: Range;
}

/** What the finding list needs to know of a finding (an engine Finding or an editor diagnostic). */
export interface FindingInput extends Located {
  rule: string;
  related: readonly { location: Located }[];
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const same = (a: Located, b: Located) => a.file === b.file && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;

/**
 * The export each finding belongs to: the one its related information names (a pointer made in a helper and
 * returned by the export), otherwise the export whose name comes last before it in its file (it is in that
 * function's body).
 */
export function findingsOnExports(findings: readonly FindingInput[], exports: readonly ({ symbol: string } & Located)[], base: string): ExportFinding[] {
  const out: ExportFinding[] = [];
  for (const f of findings) {
    if (!EXPLAINS_BAD_STRING.includes(f.rule)) continue;
    const named = exports.find((e) => f.related.some((r) => same(r.location, e)));
    const enclosing = exports.filter((e) => e.file === f.file && before(e.range.start, f.range.start)).sort((a, b) => (before(a.range.start, b.range.start) ? 1 : -1))[0];
    const owner = named ?? enclosing;
    if (!owner) continue;
    out.push({ symbol: owner.symbol, rule: f.rule, at: `${path.relative(base, f.file) || f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}` });
  }
  return out;
}

/** Names the explaining finding on each suspicious probe. */
export function attachFindings(probes: ProbeResult[], findings: readonly ExportFinding[]): void {
  for (const probe of probes) {
    if (probe.status !== 'suspicious') continue;
    const finding = findings.find((f) => f.symbol === probe.name);
    if (finding) probe.finding = { rule: finding.rule, at: finding.at };
  }
}
