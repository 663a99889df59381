// Server memory on a large workspace (issue 17: < 200 MB RSS on 100k lines): the built server over real LSP runs
// its start-up pass over every crate, then one file is opened and typed into; the server's resident set is read
// from /proc after each phase, and its peak (VmHWM) at the end.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LspClient } from '../test/support/lspClient';
import { pathToUri } from '../server/src/lsp/convert';
import type { EditSite } from './generateCrate';
import { generateWorkspace } from './workspacePass';

export interface ServerMemoryResult {
  crates: number;
  lines: number;
  /** After the start-up pass published every crate. */
  afterPassMb: number;
  /** After one file of the workspace was opened and typed into. */
  afterEditsMb: number;
  /** The peak resident set over the server's life. */
  peakMb: number;
  errors: string[];
}

/** Resident and peak memory of a process, in MB (Linux /proc; undefined elsewhere). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

export async function measureServerMemory(root: string, shape: { crates: number; filesPerCrate: number; linesPerFile: number }, timeoutMs: number): Promise<ServerMemoryResult | undefined> {
  const lines = generateWorkspace(root, shape.crates, shape.filesPerCrate, shape.linesPerFile);
  const { client } = await LspClient.start({ rootPath: root });
  try {
    const pid = client.child.pid;
    if (pid === undefined || !memoryOf(pid)) return undefined;
    const deadline = Date.now() + timeoutMs;
    while (!client.logs.some((l) => l.message.startsWith('workspace: '))) {
      if (Date.now() > deadline) throw new Error(`server memory: no end of the workspace pass within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const afterPass = memoryOf(pid)!;
    // One file of the first crate opened and typed into, as a user would next.
    const file = path.join(root, 'c0', 'src', 'lib.rs');
    const text = readFileSync(file, 'utf8');
    const uri = pathToUri(file);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rust', version: 1, text } });
    const site: EditSite = { line: 0, character: 0 };
    for (let version = 2; version < 22; version++) {
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: site, end: site }, text: ' ' }] });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A request answered after every notification before it was handled.
    await client.connection.sendRequest('rustPluginGuard/benchPing').catch(() => undefined);
    const end = memoryOf(pid)!;
    return { crates: shape.crates, lines, afterPassMb: afterPass.rssMb, afterEditsMb: end.rssMb, peakMb: end.peakMb, errors: client.errorLogs };
  } finally {
    await client.stop();
  }
}
