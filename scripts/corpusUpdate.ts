// `npm run corpus:update`: re-runs the CLI on test/corpus and rewrites test/corpus/findings.json. Unchanged findings
// keep their verdicts; new ones are `unreviewed` (the corpus test fails until each is reviewed); vanished ones are
// dropped and printed. A finding whose message changed at the same place is new, with the old verdict as a hint.
import { collectFindings, describeFinding, Entry, findingKey, loadSnapshot, placeKey, saveSnapshot, SNAPSHOT } from './corpusFindings';
import { existsSync } from 'node:fs';

async function main(): Promise<void> {
  const previous = existsSync(SNAPSHOT) ? loadSnapshot() : [];
  const byKey = new Map(previous.map((e) => [findingKey(e), e]));
  const byPlace = new Map(previous.map((e) => [placeKey(e), e]));
  const current = await collectFindings();
  const currentKeys = new Set(current.map(findingKey));
  const added: Entry[] = [];
  const entries = current.map((f): Entry => {
    const known = byKey.get(findingKey(f));
    if (known) return { ...f, verdict: known.verdict, reason: known.reason };
    const before = byPlace.get(placeKey(f));
    const hint = before && before.verdict !== 'unreviewed' && !currentKeys.has(findingKey(before)) ? `message changed; was ${before.verdict}: ${before.reason}` : '';
    const entry: Entry = { ...f, verdict: 'unreviewed', reason: hint };
    added.push(entry);
    return entry;
  });
  const vanished = previous.filter((e) => !currentKeys.has(findingKey(e)));
  saveSnapshot(entries);
  for (const e of vanished) console.log(`vanished (${e.verdict}): ${describeFinding(e)}`);
  for (const e of added) console.log(`new, unreviewed: ${describeFinding(e)}${e.reason ? `\n    hint: ${e.reason}` : ''}`);
  const unreviewed = entries.filter((e) => e.verdict === 'unreviewed').length;
  console.log(`${entries.length} findings: ${added.length} new, ${vanished.length} vanished, ${unreviewed} unreviewed. Review each unreviewed entry in test/corpus/findings.json (verdict and a one-line reason).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
