// Workspace scope: the start-up pass over a workspace of many crates, none open, over real LSP. How long until
// every crate is published, and how long the server takes to answer meanwhile: a request the server does not
// know is answered straight from its event loop, so its round trip is the longest the loop was held.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspClient } from '../test/support/lspClient';
import { generateCrate } from './generateCrate';

export interface WorkspacePassResult {
  crates: number;
  lines: number;
  /** `initialized` → the server's "workspace: N crates … checked" log line. */
  passMs: number;
  /** What the server logged at the end of the pass. */
  summary: string;
  roundTripsMs: number[];
  errors: string[];
}

export function generateWorkspace(root: string, crates: number, filesPerCrate: number, linesPerFile: number): number {
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'Cargo.toml'), `[workspace]\nmembers = [${Array.from({ length: crates }, (_, i) => `"c${i}"`).join(', ')}]\nresolver = "2"\n`);
  let lines = 0;
  for (let i = 0; i < crates; i++) lines += generateCrate(path.join(root, `c${i}`), filesPerCrate, linesPerFile, 0xc0de + i).totalLines;
  return lines;
}

export async function measureWorkspacePass(root: string, crates: number, lines: number, timeoutMs: number): Promise<WorkspacePassResult> {
  const started = performance.now();
  const { client } = await LspClient.start({ rootPath: root });
  const roundTripsMs: number[] = [];
  try {
    const deadline = Date.now() + timeoutMs;
    let summary: string | undefined;
    while (!(summary = client.logs.find((l) => l.message.startsWith('workspace: '))?.message)) {
      if (Date.now() > deadline) throw new Error(`no end of the workspace pass within ${timeoutMs} ms`);
      const sent = performance.now();
      await client.connection.sendRequest('rustPluginGuard/benchPing').catch(() => undefined);
      roundTripsMs.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { crates, lines, passMs: performance.now() - started, summary, roundTripsMs, errors: client.errorLogs };
  } finally {
    await client.stop();
  }
}
