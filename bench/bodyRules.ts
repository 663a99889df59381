// The cost of the function-body rules (panic-across-ffi, leaked-ownership, dangling-pointer, mismatched-free) per
// keystroke in a large open file: analyzeFile with every rule beside analyzeFile without those four, on the same
// edits, and how many function bodies each keystroke re-parses (only the edited function should be).
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { bodyStats } from '../server/src/bodies';
import { clearBodyCache } from '../server/src/bodies/bodyOf';
import { Engine } from '../server/src/engine/engine';
import type { ContentChange } from '../server/src/parsing/rustSource';
import type { ParserAssets } from '../server/src/parsing/treeSitter';
import { RULES } from '../server/src/rules/registry';
import type { EditSite } from './generateCrate';
import { max, ms, p50, p95, printTable } from './stats';

const BODY_RULES = new Set(['panic-across-ffi', 'leaked-ownership', 'dangling-pointer', 'mismatched-free']);

export interface BodyRulesResult {
  lines: number;
  /** Function bodies parsed by the first analysis (nothing cached yet). */
  firstParses: number;
  /** Bodies re-parsed per keystroke (bodyStats.parses delta across one analyzeFile). */
  parsesPerEdit: number[];
  withBodyRulesMs: number[];
  withoutBodyRulesMs: number[];
  /** The four rules' `check` alone on the edited file's fresh crate model (CPU, no I/O, no yields). */
  bodyRulesMs: number[];
  findings: number;
}

const insertion = (site: EditSite): ContentChange => ({ range: { start: site, end: site }, text: '1' });

async function openEngine(file: string, text: string, assets: ParserAssets, withBodyRules: boolean): Promise<Engine> {
  const engine = await Engine.create({ assets, rules: withBodyRules ? RULES : RULES.filter((r) => !BODY_RULES.has(r.id)) });
  engine.files.openDocument(file, text);
  return engine;
}

/** The two engines take the same keystrokes alternately, so drift in the machine's speed hits both alike. */
export async function measureBodyRules(file: string, text: string, lines: number, edits: readonly EditSite[], assets: ParserAssets, warmup: number): Promise<BodyRulesResult> {
  const without = await openEngine(file, text, assets, false);
  await without.analyzeFile(file);
  const withRules = await openEngine(file, text, assets, true);
  clearBodyCache(); // earlier sections analysed the same text with the same edits
  const before = bodyStats.parses;
  const first = await withRules.analyzeFile(file);
  const firstParses = bodyStats.parses - before;
  const parsesPerEdit: number[] = [];
  const withBodyRulesMs: number[] = [];
  const withoutBodyRulesMs: number[] = [];
  const bodyRulesMs: number[] = [];
  const bodyRules = RULES.filter((r) => BODY_RULES.has(r.id));
  for (const site of edits) {
    without.files.changeDocument(file, [insertion(site)]);
    let start = performance.now();
    await without.analyzeFile(file);
    withoutBodyRulesMs.push(performance.now() - start);
    withRules.files.changeDocument(file, [insertion(site)]);
    const parses = bodyStats.parses;
    start = performance.now();
    await withRules.analyzeFile(file);
    withBodyRulesMs.push(performance.now() - start);
    parsesPerEdit.push(bodyStats.parses - parses);
    // The model `without` just built: the body rules have not run on it, so nothing per model is cached.
    const crate = await without.crateOf(file);
    start = performance.now();
    for (const rule of bodyRules) rule.check(crate!, { explicitlyEnabled: false });
    bodyRulesMs.push(performance.now() - start);
  }
  without.dispose();
  withRules.dispose();
  const measured = <T>(values: T[]) => values.slice(warmup);
  return {
    lines,
    firstParses,
    parsesPerEdit: measured(parsesPerEdit),
    withBodyRulesMs: measured(withBodyRulesMs),
    withoutBodyRulesMs: measured(withoutBodyRulesMs),
    bodyRulesMs: measured(bodyRulesMs),
    findings: first.findings.filter((f) => BODY_RULES.has(f.rule)).length,
  };
}

export function printBodyRules(result: BodyRulesResult): void {
  const row = (label: string, samples: number[]) => [label, String(samples.length), ms(p50(samples)), ms(p95(samples)), ms(max(samples))];
  const extra = result.withBodyRulesMs.map((v, i) => v - result.withoutBodyRulesMs[i]);
  printTable(
    `2c. Body rules per keystroke in the ${result.lines.toLocaleString('en-US')}-line file (engine.analyzeFile; ${result.findings} body-rule findings)`,
    ['measurement', 'n', 'p50', 'p95', 'max'],
    [row('analyzeFile, all rules', result.withBodyRulesMs), row('analyzeFile, without the four body rules', result.withoutBodyRulesMs), row('  difference per keystroke (same edit)', extra), row('the four body rules\' check alone (fresh model)', result.bodyRulesMs)],
  );
  const parses = result.parsesPerEdit;
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (other work on the machine shows in the wall-time rows, less in the check-alone row)`);
  console.log(`function bodies parsed: ${result.firstParses} by the first analysis; per keystroke p50 ${p50(parses)}, max ${max(parses)} (only the edited function)`);
}
