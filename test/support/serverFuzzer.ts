// Fuzzes the built server (dist/server.js) over real LSP: mutated real plugin code as a stream of document
// states, with code action requests as barriers. Each failure names what broke and where its reproducer is.
// Used by test/protocol/fuzzServer.test.ts (a bounded, seeded batch) and scripts/fuzzServer.ts (`npm run
// fuzz:server N`). Run `npm run build` first.
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Command, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { ClientDocument, documentEditsOf, rangeInside } from './clientDocument';
import { LspClient, writeTempTree } from './lspClient';
import { residentSetKb } from './processMemory';
import { seededRandom } from './seededRandom';
import { ALL_KINDS, describeMutation, HEAVY_KINDS, mutate, type Mutation } from './textMutations';

const ROOT = path.join(__dirname, '..', '..');

export type FailureKind = 'crash' | 'hang' | 'analysis-error' | 'diagnostic-range' | 'edit-range' | 'edit-version' | 'rss';

export interface FuzzFailure {
  kind: FailureKind;
  /** The 0-based index of the state that showed it. */
  state: number;
  message: string;
  /** A file holding the document text that showed it (with a `.json` of the mutations that led there). */
  reproducer?: string;
}

export interface FuzzOptions {
  seed: number;
  /** Document states to send. */
  states: number;
  /** States sent between two code action requests (the barriers that wait for an analysis). */
  burst?: number;
  /** A heavy state (1 MB line, 10,000-deep nesting) every this many states; 0 for none. */
  heavyEvery?: number;
  /** A reply slower than this is a hang. */
  replyTimeoutMs?: number;
  /** Where reproducers go (created when needed). */
  failureDir: string;
  /** RSS may end at most this much above its level after warm-up (KiB): more is a leak. */
  rssGrowthKb?: number;
  onProgress?: (report: FuzzReport) => void;
}

export interface FuzzReport {
  states: number;
  /** States whose analysis a code action waited for. */
  barriers: number;
  /** Diagnostics publications whose ranges were checked against the text of their version. */
  checkedPublications: number;
  /** Code actions whose edits were checked. */
  checkedActions: number;
  failures: FuzzFailure[];
  /**
   * Internal errors the engine reported for code nested beyond what its walkers read (it skips that part and
   * checks the rest): hostile input, issue 20's to bound. Not failures; the first few are kept with the text.
   */
  depthLimits: FuzzFailure[];
  depthLimitCount: number;
  rssKb: { warm: number; peak: number; end: number };
  durationMs: number;
}

/** The real plugin code mutations start from and insert: every `.rs` file of examples/ and test/fixtures. */
export function pluginCorpus(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (name === 'target' || name === 'node_modules') continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.rs')) files.push(full);
    }
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test', 'fixtures'));
  return files.sort().map((file) => readFileSync(file, 'utf8'));
}

interface Session {
  client: LspClient;
  document: ClientDocument;
  /** Text of each version of the document sent since the last barrier (and the barrier's own). */
  texts: Map<number, string>;
  publications: PublishDiagnosticsParams[];
  errorLogsSeen: number;
}

export async function fuzzServer(options: FuzzOptions): Promise<FuzzReport> {
  const burst = options.burst ?? 6;
  const heavyEvery = options.heavyEvery ?? 0;
  const replyTimeoutMs = options.replyTimeoutMs ?? 30_000;
  const random = seededRandom(options.seed);
  const corpus = pluginCorpus();
  const source = { random, corpus };
  // A real crate: the example plugin (Cargo.toml, lib.rs with its modules); its lib.rs is the fuzzed document.
  const workspace = writeTempTree({}, 'rpg-fuzz-');
  cpSync(path.join(ROOT, 'examples', 'plugin'), workspace, { recursive: true, filter: (from) => !from.includes(`${path.sep}target`) });
  const file = path.join(workspace, 'src', 'lib.rs');
  const baseText = readFileSync(file, 'utf8');

  const started = Date.now();
  const report: FuzzReport = { states: 0, barriers: 0, checkedPublications: 0, checkedActions: 0, failures: [], depthLimits: [], depthLimitCount: 0, rssKb: { warm: 0, peak: 0, end: 0 }, durationMs: 0 };
  const rssSamples: number[] = [];
  const history: string[] = [];
  let session = await open(file, baseText);
  // Every kind once first, each heavy one followed by a fresh base text; then random ones.
  const firstKinds = ALL_KINDS.flatMap((kind) => ((HEAVY_KINDS as readonly string[]).includes(kind) ? [kind, 'new-base'] : [kind]));
  /** Light states left before a heavy text is replaced by a fresh base (it makes every state slow). */
  let heavyLeft: number | undefined;

  const fail = (kind: FailureKind, state: number, message: string, text?: string, into = report.failures) => {
    let reproducer: string | undefined;
    if (text !== undefined && into.length < 20) {
      mkdirSync(options.failureDir, { recursive: true });
      reproducer = path.join(options.failureDir, `seed${options.seed}-state${state}-${kind}.rs`);
      writeFileSync(reproducer, text);
      writeFileSync(`${reproducer}.json`, JSON.stringify({ seed: options.seed, state, kind, message, lastMutations: history.slice(-20) }, null, 2));
    }
    if (into.length < 200) into.push({ kind, state, message: message.slice(0, 2000), reproducer });
  };

  try {
    for (let state = 0; state < options.states; state++) {
      const text = session.document.text;
      const heavy = heavyEvery > 0 && state % heavyEvery === heavyEvery - 1;
      let kind = state < firstKinds.length ? firstKinds[state] : heavy ? HEAVY_KINDS[Math.floor(state / heavyEvery) % HEAVY_KINDS.length] : undefined;
      if (kind === undefined && heavyLeft !== undefined && heavyLeft-- <= 0) kind = 'new-base';
      const mutation = mutate(source, text, { kind });
      if ((HEAVY_KINDS as readonly string[]).includes(mutation.kind)) heavyLeft = 3;
      else if (mutation.kind === 'new-base') heavyLeft = undefined;
      history.push(describeMutation(mutation));
      if (random() < 0.01) session = await reopen(session, file);
      await send(session.document, mutation);
      session.texts.set(session.document.version, session.document.text);
      report.states++;

      const isHeavy = (HEAVY_KINDS as readonly string[]).includes(mutation.kind);
      if (state % burst !== burst - 1 && !isHeavy && state !== options.states - 1) continue;
      const outcome = await barrier(session, state, isHeavy ? replyTimeoutMs * 2 : replyTimeoutMs);
      report.barriers++;
      if (outcome === 'restart') {
        await session.client.stop(1000);
        session = await open(file, baseText);
        continue;
      }
      const rss = residentSetKb(session.client.child.pid!);
      if (rss !== undefined) rssSamples.push(rss);
      if (options.onProgress && report.barriers % 50 === 0) options.onProgress(summarize());
    }
    checkRss();
  } finally {
    await session.client.stop(2000);
  }
  return summarize();

  function summarize(): FuzzReport {
    const quarter = Math.max(1, Math.floor(rssSamples.length / 4));
    report.rssKb = { warm: Math.max(0, ...rssSamples.slice(0, quarter)), peak: Math.max(0, ...rssSamples), end: median(rssSamples.slice(-quarter)) };
    report.durationMs = Date.now() - started;
    return report;
  }

  function checkRss(): void {
    const { rssKb } = summarize();
    const allowed = rssKb.warm * 1.5 + (options.rssGrowthKb ?? 128 * 1024);
    if (rssSamples.length >= 8 && rssKb.end > allowed) fail('rss', report.states, `server RSS grew from ${rssKb.warm} KiB after warm-up to ${rssKb.end} KiB at the end (allowed ${Math.round(allowed)} KiB)`);
  }

  async function open(target: string, text: string): Promise<Session> {
    const { client } = await LspClient.start({ rootPath: workspace, snippetEdits: true });
    const publications: PublishDiagnosticsParams[] = [];
    // Replaces the client's own collector: the fuzzer checks every publication against its version's text.
    client.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => void publications.push(params));
    const document = await ClientDocument.open(client, target, text);
    return { client, document, texts: new Map([[1, text]]), publications, errorLogsSeen: 0 };
  }

  async function reopen(current: Session, target: string): Promise<Session> {
    await current.client.didClose(current.document.uri);
    const document = await ClientDocument.open(current.client, target, current.document.text);
    current.publications.splice(0); // what was published for the closed document
    return { ...current, document, texts: new Map([[1, document.text]]) };
  }

  /**
   * Waits for the analysis of the current version (its publication), then asks for code actions on the whole
   * document, and checks them, the publications and the server's health.
   */
  async function barrier(current: Session, state: number, timeoutMs: number): Promise<'ok' | 'restart'> {
    const { client, document } = current;
    const text = document.text;
    const deadline = Date.now() + timeoutMs;
    const analysed = () => current.publications.some((p) => p.uri === document.uri && p.version === document.version);
    while (!analysed() && client.alive && client.errorLogs.length === current.errorLogsSeen && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    let actions: (CodeAction | Command)[] = [];
    try {
      if (!client.alive) throw new Error('the server is not running');
      if (!analysed() && client.errorLogs.length === current.errorLogsSeen) throw new Error(`no diagnostics for version ${document.version} within ${timeoutMs} ms`);
      actions = (await client.codeActions({ textDocument: { uri: document.uri }, range: document.fullRange, context: { diagnostics: [] } }, Math.max(1000, deadline - Date.now()))) ?? [];
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!client.alive) fail('crash', state, `the server exited (${JSON.stringify(client.exitStatus)}): ${message}`, text);
      else fail('hang', state, `${message} (${hostileHint(text)})`, text);
      if (client.alive) client.child.kill('SIGKILL');
      return 'restart';
    }
    for (const action of actions) checkAction(action, document, state);
    checkPublications(current, state);
    const errors = client.errorLogs;
    for (const message of errors.slice(current.errorLogsSeen)) {
      const described = `${message.split('\n').slice(0, 6).join('\n')} (${hostileHint(text)})`;
      if (!DEPTH_LIMIT.test(message)) fail('analysis-error', state, described, text);
      else if (report.depthLimitCount++ < 5) fail('analysis-error', state, described, text, report.depthLimits);
    }
    current.errorLogsSeen = errors.length;
    if (!client.alive) {
      fail('crash', state, `the server exited (${JSON.stringify(client.exitStatus)})`, text);
      return 'restart';
    }
    // Versions before this one are done: their publications came before the reply.
    for (const version of current.texts.keys()) if (version < document.version) current.texts.delete(version);
    return 'ok';
  }

  function checkAction(action: CodeAction | Command, document: ClientDocument, state: number): void {
    report.checkedActions++;
    for (const d of 'diagnostics' in action ? (action.diagnostics ?? []) : []) {
      if (!document.containsRange(d.range)) fail('diagnostic-range', state, `code action "${action.title}" names a diagnostic at ${JSON.stringify(d.range)}, outside the document`, document.text);
    }
    for (const edits of documentEditsOf(action)) {
      if (edits.uri === document.uri) {
        if (edits.version !== document.version) fail('edit-version', state, `"${action.title}" is for version ${edits.version}, the document is at ${document.version}`, document.text);
        for (const edit of edits.edits) if (!document.containsRange(edit.range)) fail('edit-range', state, `"${action.title}" edits ${JSON.stringify(edit.range)}, outside the document`, document.text);
        continue;
      }
      const onDisk = diskDocument(edits.uri);
      for (const edit of edits.edits) if (!onDisk || !rangeInside(onDisk, edit.range)) fail('edit-range', state, `"${action.title}" edits ${edits.uri} at ${JSON.stringify(edit.range)}, outside that file`, document.text);
    }
  }

  function checkPublications(current: Session, state: number): void {
    for (const params of current.publications.splice(0)) {
      if (params.uri === current.document.uri) {
        const text = params.version === undefined ? undefined : current.texts.get(params.version);
        if (text === undefined) continue; // cleared, or for a version before the last barrier's
        const document = TextDocument.create(params.uri, 'rust', params.version!, text);
        report.checkedPublications++;
        for (const d of params.diagnostics) checkDiagnostic(d, document, state, text);
        continue;
      }
      const onDisk = diskDocument(params.uri);
      if (!onDisk) continue;
      report.checkedPublications++;
      for (const d of params.diagnostics) if (!rangeInside(onDisk, d.range)) fail('diagnostic-range', state, `${params.uri}: ${d.code} at ${JSON.stringify(d.range)}, outside that file`, current.document.text);
    }
  }

  function checkDiagnostic(d: Diagnostic, document: TextDocument, state: number, text: string): void {
    if (!rangeInside(document, d.range)) fail('diagnostic-range', state, `${d.code} at ${JSON.stringify(d.range)} is outside version ${document.version} of the document`, text);
    for (const related of d.relatedInformation ?? []) {
      const target = related.location.uri === document.uri ? document : diskDocument(related.location.uri);
      if (target && !rangeInside(target, related.location.range)) fail('diagnostic-range', state, `${d.code}: related location ${related.location.uri} ${JSON.stringify(related.location.range)} is outside that file`, text);
    }
  }
}

async function send(document: ClientDocument, mutation: Mutation): Promise<void> {
  if ('whole' in mutation) await document.change([{ text: mutation.whole }]);
  else await document.replace(mutation.start, mutation.end, mutation.text);
}

function diskDocument(uri: string): TextDocument | undefined {
  try {
    return TextDocument.create(uri, 'plaintext', 0, readFileSync(new URL(uri), 'utf8'));
  } catch {
    return undefined;
  }
}

/** How the engine says it skipped code nested beyond its walkers' depth (internalErrors.ts, syntax/items.ts). */
const DEPTH_LIMIT = /internal error in .*: (the code is nested too deeply for the analysis|modules nested more than \d+ deep)/;

/** Deep nesting and huge lines are the hostile-input work (issue 20): say so in the failure. */
function hostileHint(text: string): string {
  const longest = Math.max(...text.split(/\r\n|\r|\n/).map((l) => l.length));
  const depth = maxBracketDepth(text);
  return `text of ${text.length} chars, longest line ${longest}, bracket depth ${depth}${depth >= 1000 || longest >= 100_000 ? ': hostile input (issue 20)' : ''}`;
}

function maxBracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{' || ch === '<') max = Math.max(max, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}' || ch === '>') depth = Math.max(0, depth - 1);
  }
  return max;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
