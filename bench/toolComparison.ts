// The same work by the Rust toolchain, for an honest comparison in the README (issue 17): `cargo check` of the
// generated crates (from scratch, then after one keystroke), and rust-analyzer's own didChange → publishDiagnostics
// on the same 10,052-line file with the same edits. Both are std-only crates (crates.io is not needed). A tool
// that is not installed is said so, not measured.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver/node';
import { pathToUri } from '../server/src/lsp/convert';
import type { EditSite } from './generateCrate';
import { withTimeout } from './stats';

const MANIFEST = (name: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n`;

export interface CargoCheckResult {
  /** `cargo check` with an empty target directory. */
  coldMs: number;
  /** `cargo check` again after one digit typed into a function body (incremental). */
  afterEditMs: number[];
}

/** Runs `cargo check` in `dir`; undefined when cargo is missing, an error naming the crate when it fails. */
function cargoCheck(dir: string, targetDir: string): number | undefined {
  const start = performance.now();
  const run = spawnSync('cargo', ['check', '--offline', '--quiet', '--message-format', 'short'], { cwd: dir, env: { ...process.env, CARGO_TARGET_DIR: targetDir }, encoding: 'utf8', timeout: 300_000 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  if (run.status !== 0) throw new Error(`cargo check failed in ${dir}: ${(run.stderr || run.error?.message || '').slice(-1500)}`);
  return performance.now() - start;
}

/** A crate whose library is `file`'s text (the single file is a crate root of its own). */
export function crateAround(dir: string, name: string, text: string): string {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'Cargo.toml'), MANIFEST(name));
  writeFileSync(path.join(dir, 'src', 'lib.rs'), text);
  return path.join(dir, 'src', 'lib.rs');
}

/** Where the generator's bodies start (`let mut acc: i64 = 0;`): the `0`, as in generateCrate.ts's edit sites. */
export function editSitesOf(file: string): EditSite[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => (/^\s*let mut acc: \w+ = 0;/.test(line) ? [{ line: index, character: line.lastIndexOf('0') }] : []));
}

/** `cargo check` of the crate in `dir`, then after each edit of `file` (a digit typed at the site). */
export function measureCargoCheck(dir: string, file: string, edits: readonly EditSite[]): CargoCheckResult | undefined {
  const targetDir = path.join(dir, 'target');
  const coldMs = cargoCheck(dir, targetDir);
  if (coldMs === undefined) return undefined;
  const afterEditMs: number[] = [];
  for (const site of edits) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines[site.line];
    lines[site.line] = line.slice(0, site.character) + '1' + line.slice(site.character);
    writeFileSync(file, lines.join('\n'));
    afterEditMs.push(cargoCheck(dir, targetDir)!);
  }
  return { coldMs, afterEditMs };
}

export type RustAnalyzerResult = { installed: false; reason: string } | { installed: true; version: string; openMs: number; latencyMs: number[] } | { installed: true; version: string; failed: string };

const STEP_TIMEOUT_MS = 60_000;

/** rust-analyzer from $RUST_ANALYZER, ~/.cargo/bin or PATH, if it runs. */
function findRustAnalyzer(): { command: string; version: string } | { reason: string } {
  const candidates = [process.env.RUST_ANALYZER, path.join(process.env.HOME ?? '/root', '.cargo/bin/rust-analyzer'), 'rust-analyzer'].filter((c): c is string => !!c);
  let reason = 'not found';
  for (const command of candidates) {
    const run = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 20_000 });
    if (run.status === 0 && /rust-analyzer/.test(run.stdout)) return { command, version: run.stdout.trim() };
    if (!run.error) reason = `${command} --version: ${(run.stderr || run.stdout).split('\n')[0].trim()}`;
  }
  return { reason };
}

/**
 * rust-analyzer over LSP on `file` (the root of the crate in `dir`): didOpen, wait until it is quiescent, then the
 * same edits as our server gets, each timed to rust-analyzer's next publishDiagnostics for the file. Check on
 * save is off: its own (native) diagnostics only, which is what it shows while typing.
 */
export async function measureRustAnalyzer(dir: string, file: string, edits: readonly EditSite[], warmup: number): Promise<RustAnalyzerResult> {
  const found = findRustAnalyzer();
  if ('reason' in found) return { installed: false, reason: found.reason };
  const child = spawn(found.command, [], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const uri = pathToUri(file);
  let waiter: (() => void) | undefined;
  let quiescent: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string }) => {
    if (params.uri !== uri) return;
    const resolve = waiter;
    waiter = undefined;
    resolve?.();
  });
  connection.onNotification('experimental/serverStatus', (params: { quiescent?: boolean }) => {
    if (params.quiescent) quiescent?.();
  });
  // Its requests (configuration, progress tokens, capability registration) get empty answers.
  connection.onRequest((method: string, params: unknown) => (method === 'workspace/configuration' ? ((params as { items?: unknown[] }).items ?? []).map(() => null) : null));
  connection.listen();
  const published = (step: string) => withTimeout(new Promise<void>((resolve) => (waiter = resolve)), STEP_TIMEOUT_MS, `rust-analyzer's publishDiagnostics after ${step}`);
  try {
    const ready = withTimeout(new Promise<void>((resolve) => (quiescent = resolve)), STEP_TIMEOUT_MS * 3, 'rust-analyzer to load the crate');
    await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToUri(dir),
        workspaceFolders: [{ uri: pathToUri(dir), name: 'bench' }],
        capabilities: { textDocument: { publishDiagnostics: {} }, window: { workDoneProgress: true }, workspace: { configuration: true }, experimental: { serverStatusNotification: true } },
        initializationOptions: { checkOnSave: false, cargo: { buildScripts: { enable: false } }, procMacro: { enable: false } },
      }),
      STEP_TIMEOUT_MS,
      'rust-analyzer to answer initialize',
    );
    await connection.sendNotification('initialized', {});
    const text = readFileSync(file, 'utf8');
    const opened = published('didOpen');
    const openStart = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'rust', version: 1, text } });
    await ready;
    await opened;
    const openMs = performance.now() - openStart;
    const latencyMs: number[] = [];
    for (const [index, site] of edits.entries()) {
      const next = published(`didChange #${index + 1}`);
      const start = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: index + 2 }, contentChanges: [{ range: { start: site, end: site }, text: '1' }] });
      await next;
      if (index >= warmup) latencyMs.push(performance.now() - start);
    }
    await withTimeout(connection.sendRequest('shutdown'), 10_000, 'rust-analyzer to shut down').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    return { installed: true, version: found.version, openMs, latencyMs };
  } catch (error) {
    return { installed: true, version: found.version, failed: error instanceof Error ? error.message : String(error) };
  } finally {
    connection.dispose();
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await withTimeout(exited, 5_000, 'rust-analyzer to exit').catch(() => undefined);
  }
}
