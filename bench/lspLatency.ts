// didChange → publishDiagnostics latency over real LSP: the built server (dist/server.js) in its own process,
// spoken to over stdio exactly as an editor does.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  MessageType,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { pathToUri } from '../server/src/lsp/convert';
import type { EditSite } from './generateCrate';
import { withTimeout } from './stats';

export interface LspResult {
  /** The server's debounce before analysing, read from server/src/lsp/server.ts (0: none). */
  debounceMs: number;
  /** didOpen → first publishDiagnostics (full parse + first analysis, debounce 0). */
  openMs: number;
  latencyMs: number[];
  diagnostics: number;
  /** Error-level log messages the server sent (analysis failures), which would make the figures meaningless. */
  errors: string[];
}

const STEP_TIMEOUT_MS = 20_000;

/** `DEBOUNCE_MS` is not exported, so it is read from the source; none (the server analyses at once): 0. */
export function readDebounceMs(repoRoot: string): number {
  const source = readFileSync(path.join(repoRoot, 'server/src/lsp/server.ts'), 'utf8');
  const match = /const DEBOUNCE_MS = (\d+);/.exec(source);
  return match ? Number(match[1]) : 0;
}

/** `nodeArgs`: for the server's node (`--cpu-prof` to see where a keystroke's time goes). */
export async function measureLspLatency(repoRoot: string, file: string, text: string, edits: readonly EditSite[], warmup: number, nodeArgs: readonly string[] = []): Promise<LspResult> {
  const serverJs = path.join(repoRoot, 'dist/server.js');
  const child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const errors: string[] = [];
  const uri = pathToUri(file);

  // One waiter at a time: every edit waits for its publication before the next edit is sent.
  let waiter: ((diagnostics: Diagnostic[]) => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri) return;
    const resolve = waiter;
    waiter = undefined;
    resolve?.(params.diagnostics);
  });
  const onLog = (params: { type: MessageType; message: string }) => {
    if (params.type === MessageType.Error) errors.push(params.message);
  };
  connection.onNotification(LogMessageNotification.type, onLog);
  connection.onNotification(ShowMessageNotification.type, onLog);
  connection.onError(([error]) => errors.push(`connection error: ${error.message}`));
  connection.listen();

  const nextDiagnostics = (step: string): Promise<Diagnostic[]> => {
    if (waiter) throw new Error(`bench bug: two waits for diagnostics at once (${step})`);
    const died = exited.then((code) => Promise.reject(new Error(`the server exited (code ${code}) during ${step}; stderr: ${stderr.slice(-2000)}`)));
    return withTimeout(Promise.race([new Promise<Diagnostic[]>((resolve) => (waiter = resolve)), died]), STEP_TIMEOUT_MS, `publishDiagnostics after ${step}`);
  };

  try {
    await withTimeout(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToUri(path.dirname(file)),
        workspaceFolders: [{ uri: pathToUri(path.dirname(file)), name: 'bench' }],
        capabilities: { workspace: { configuration: false } },
      }),
      STEP_TIMEOUT_MS,
      'the initialize response',
    );
    await connection.sendNotification(InitializedNotification.type, {});

    let version = 1;
    const opened = nextDiagnostics('didOpen');
    const openStart = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'rust', version, text } });
    let diagnostics = (await opened).length;
    const openMs = performance.now() - openStart;

    const latencyMs: number[] = [];
    for (const [index, site] of edits.entries()) {
      version++;
      const published = nextDiagnostics(`didChange #${index + 1} (version ${version})`);
      const start = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: site, end: site }, text: '1' }],
      });
      diagnostics = (await published).length;
      if (index >= warmup) latencyMs.push(performance.now() - start);
    }

    await withTimeout(connection.sendRequest(ShutdownRequest.type), STEP_TIMEOUT_MS, 'the shutdown response');
    await connection.sendNotification(ExitNotification.type);
    await withTimeout(exited, 5_000, 'the server to exit after `exit`');
    return { debounceMs: readDebounceMs(repoRoot), openMs, latencyMs, diagnostics, errors };
  } finally {
    connection.dispose();
    // Still running only if a step failed or timed out: stop it so the bench always terminates.
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}
