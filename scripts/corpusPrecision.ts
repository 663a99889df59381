// `npm run corpus:precision [-- --markdown] [--snapshot FILE]`: per-rule true/false positives and precision from the
// reviewed snapshot (test/corpus/findings.json, or FILE, e.g. one kept from an older commit), over all distinct findings
// and over the plain and the configured runs separately.
import { RULES } from '../server/src/rules/registry';
import { WIT_RULES, witRuleSeverity } from '../server/src/wit/report';
import { Entry, loadSnapshot, RunKind } from './corpusFindings';

/** Rules that report hints: not alarms (the Problems panel does not list them), so outside the total. */
const HINT_RULES = new Set<string>([...RULES.filter((r) => r.defaultSeverity === 'hint').map((r) => r.id), ...WIT_RULES.filter((r) => witRuleSeverity(r) === 'hint')]);

interface Tally {
  tp: number;
  fp: number;
  unreviewed: number;
}

function tally(entries: Entry[]): Map<string, Tally> {
  const byRule = new Map<string, Tally>();
  for (const e of entries) {
    const t = byRule.get(e.rule) ?? { tp: 0, fp: 0, unreviewed: 0 };
    if (e.verdict === 'true-positive') t.tp++;
    else if (e.verdict === 'false-positive') t.fp++;
    else t.unreviewed++;
    byRule.set(e.rule, t);
  }
  return byRule;
}

function precision(t: Tally | undefined): string {
  if (!t || t.tp + t.fp === 0) return '-';
  return (t.tp / (t.tp + t.fp)).toFixed(2);
}

function cell(t: Tally | undefined): string {
  return t ? `${t.tp}/${t.fp}${t.unreviewed ? ` (+${t.unreviewed} unreviewed)` : ''}` : '0/0';
}

function main(): void {
  const at = process.argv.indexOf('--snapshot');
  const entries = loadSnapshot(at > 0 ? process.argv[at + 1] : undefined);
  const markdown = process.argv.includes('--markdown');
  const inRun = (kind: RunKind): Entry[] => entries.filter((e) => e.runs.includes(kind));
  const columns: [string, Map<string, Tally>][] = [
    ['all', tally(entries)],
    ['plain', tally(inRun('plain'))],
    ['configured', tally(inRun('configured'))],
  ];
  const rules = [...columns[0][1].keys()].sort();
  const total = (m: Map<string, Tally>): Tally => [...m].filter(([rule]) => !HINT_RULES.has(rule)).map(([, t]) => t).reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, unreviewed: a.unreviewed + t.unreviewed }), { tp: 0, fp: 0, unreviewed: 0 });
  const label = (rule: string) => (HINT_RULES.has(rule) ? `${rule} (hint)` : rule);
  const rows = [...rules.map((rule) => [label(rule), ...columns.flatMap(([, m]) => [cell(m.get(rule)), precision(m.get(rule))])]), ['total (errors and warnings)', ...columns.flatMap(([, m]) => [cell(total(m)), precision(total(m))])]];
  const header = ['rule', ...columns.flatMap(([name]) => [`${name} TP/FP`, `${name} precision`])];
  if (markdown) {
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => ' --- ').join('|')}|`);
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
}

main();
