// `npm run corpus:diff`: what `corpus:update` would change, without writing test/corpus/findings.json (needs
// `npm run build` first). Exit 1 when a finding appears or vanishes.
import { collectFindings, describeFinding, findingKey, loadSnapshot } from './corpusFindings';

async function main(): Promise<void> {
  const previous = loadSnapshot();
  const current = await collectFindings();
  const before = new Set(previous.map(findingKey));
  const now = new Set(current.map(findingKey));
  const vanished = previous.filter((e) => !now.has(findingKey(e)));
  const added = current.filter((f) => !before.has(findingKey(f)));
  for (const e of vanished) console.log(`vanished (${e.verdict}): ${describeFinding(e)}`);
  for (const f of added) console.log(`new: ${describeFinding(f)}`);
  console.log(`${current.length} findings: ${added.length} new, ${vanished.length} vanished.`);
  if (added.length > 0 || vanished.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
