// `npm run fuzz:server [states] [seed]`: mutated real plugin code sent to the built server over LSP (see
// test/support/serverFuzzer.ts). Prints progress, each failure with its reproducer, and exits 1 on any.
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fuzzServer, type FuzzReport } from '../test/support/serverFuzzer';

function line(report: FuzzReport): string {
  const { warm, peak, end } = report.rssKb;
  return `${report.states} states, ${report.barriers} analysed, ${report.checkedPublications} publications and ${report.checkedActions} code actions checked, ${report.failures.length} failures; RSS warm ${mb(warm)} peak ${mb(peak)} end ${mb(end)}; ${(report.durationMs / 1000).toFixed(0)} s`;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const states = Number(process.argv[2] ?? 1000);
  const seed = Number(process.argv[3] ?? 1);
  if (!Number.isInteger(states) || states <= 0 || !Number.isInteger(seed)) {
    console.error('usage: npm run fuzz:server [states] [seed]   (positive integers; defaults 1000 and 1)');
    process.exitCode = 2;
    return;
  }
  const failureDir = path.join(tmpdir(), `rpg-fuzz-server-seed${seed}`);
  console.log(`fuzzing the server: ${states} states, seed ${seed}; reproducers go to ${failureDir}`);
  const report = await fuzzServer({ seed, states, burst: 10, heavyEvery: 250, failureDir, onProgress: (r) => console.log(line(r)) });
  if (report.depthLimitCount > 0) console.log(`${report.depthLimitCount} internal errors for code nested beyond the walkers' depth (hostile input, issue 20), e.g.:\n${report.depthLimits.map((f) => `  state ${f.state}: ${f.message}`).join('\n')}`);
  for (const f of report.failures) console.log(`FAIL ${f.kind} at state ${f.state}: ${f.message}${f.reproducer ? `\n  reproducer: ${f.reproducer}` : ''}`);
  console.log(line(report));
  process.exitCode = report.failures.length > 0 ? 1 : 0;
}

void main().catch((error: unknown) => {
  console.error(`fuzz:server stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
