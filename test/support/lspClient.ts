// A minimal LSP client for protocol tests: runs the built server (dist/server.js) in a child process and
// speaks real JSON-RPC over its stdio. Run `npm run build` first.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type Hover,
  type Location,
  type LocationLink,
  type Position,
  type Command,
  type ConfigurationParams,
  type Diagnostic,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';

export const SERVER_JS = path.join(__dirname, '..', '..', 'dist', 'server.js');
const DEFAULT_TIMEOUT_MS = 10_000;

/** The `file:` URI of a path, spelled the way VS Code (and the server, through vscode-uri) spells it. */
export function fileUri(file: string): string {
  return URI.file(file).toString();
}

export interface LspClientOptions {
  /** Configuration the client answers `workspace/configuration` with: section path → value (e.g. `rustPluginGuard`). */
  configuration?: Record<string, unknown>;
  /** Sent as `rootUri` and the single workspace folder. */
  rootPath?: string;
  /** Sent as `capabilities.workspace.configuration` (default true). */
  pullConfiguration?: boolean;
  /** Sent as `initializationOptions` (the VS Code client sends `{ settings }` there). */
  initializationOptions?: unknown;
  /** Advertise `workspaceEdit.documentChanges` + `snippetEditSupport`, as VS Code's client does (default false). */
  snippetEdits?: boolean;
  /** Advertise `window.workDoneProgress`, as VS Code's client does (default false). */
  workDoneProgress?: boolean;
  /** Advertise `workspace.workspaceFolders` (folder change notifications), as VS Code's client does (default false). */
  workspaceFolders?: boolean;
}

interface Waiter {
  uri: string;
  predicate: (diagnostics: Diagnostic[]) => boolean;
  resolve: (diagnostics: Diagnostic[]) => void;
  reject: (error: Error) => void;
}

/**
 * One server process and the client side of its connection. Collects every `publishDiagnostics` per URI,
 * answers `workspace/configuration` from `configuration` (mutable: change it, then send
 * `workspace/didChangeConfiguration`), and records log messages and configuration requests.
 */
export class LspClient {
  /** Section path → value; `workspace/configuration` items are answered from here (dotted sections walk into it). */
  configuration: Record<string, unknown>;
  /** Every publication per URI, in arrival order. */
  readonly published = new Map<string, Diagnostic[][]>();
  /** `window/logMessage` notifications, in arrival order. */
  readonly logs: LogMessageParams[] = [];
  /** The `items` of every `workspace/configuration` request the server sent. */
  readonly configurationRequests: ConfigurationParams['items'][] = [];
  /** `$/progress` notifications (with `workDoneProgress`), in arrival order. */
  readonly progress: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }[] = [];
  /** How many `workspace/codeLens/refresh` requests the server sent (the client advertises support). */
  codeLensRefreshes = 0;
  private readonly consumed = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private readonly versions = new Map<string, number>();
  private stderr = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitedPromise: Promise<void>;
  private closed = false;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    configuration: Record<string, unknown>,
  ) {
    this.configuration = configuration;
    this.exitedPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        for (const waiter of this.waiters) waiter.reject(new Error(`server exited (code ${code}, signal ${signal}) while waiting for diagnostics for ${waiter.uri}${this.stderrTail()}`));
        this.waiters.clear();
        resolve();
      });
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-8000);
    });

    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params.items);
      return params.items.map((item) => lookupSection(this.configuration, item.section));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showMessageRequest', () => null);
    connection.onNotification('$/progress', (params: LspClient['progress'][number]) => void this.progress.push(params));
    connection.onNotification('window/logMessage', (params: LogMessageParams) => void this.logs.push(params));
    connection.onNotification('window/showMessage', (params: LogMessageParams) => void this.logs.push(params));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => this.onDiagnostics(params));
    connection.onError(([error]) => {
      if (!this.closed) this.logs.push({ type: 1, message: `client connection error: ${error.message}` });
    });
    connection.listen();
  }

  /** Spawns `node dist/server.js --stdio`, sends `initialize` and `initialized`. */
  static async start(options: LspClientOptions = {}): Promise<{ client: LspClient; initializeResult: InitializeResult }> {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, options.configuration ?? {});
    const rootUri = options.rootPath ? fileUri(options.rootPath) : null;
    const params: InitializeParams = {
      processId: process.pid,
      clientInfo: { name: 'protocol-tests' },
      rootUri,
      initializationOptions: options.initializationOptions,
      workspaceFolders: options.rootPath && rootUri ? [{ uri: rootUri, name: path.basename(options.rootPath) }] : null,
      capabilities: {
        workspace: {
          configuration: options.pullConfiguration ?? true,
          workspaceFolders: options.workspaceFolders === true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: false },
          workspaceEdit: options.snippetEdits ? { documentChanges: true, snippetEditSupport: true } : { documentChanges: false },
          codeLens: { refreshSupport: true },
        },
        window: { workDoneProgress: options.workDoneProgress === true },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: false },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } },
            isPreferredSupport: true,
          },
        },
      },
    };
    const initializeResult = await client.withTimeout(connection.sendRequest<InitializeResult>('initialize', params), DEFAULT_TIMEOUT_MS, 'the initialize response');
    await connection.sendNotification('initialized', {});
    return { client, initializeResult };
  }

  /** Whether the server process is still running. */
  get alive(): boolean {
    return this.exited === undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `window/logMessage` entries of type Error (the server logs crashes of an analysis and uncaught errors there). */
  get errorLogs(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }

  async didOpen(file: string, text: string, languageId = 'rust', version = 1): Promise<string> {
    const uri = fileUri(file);
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  /** Sends one `didChange` with the given changes; the version is the previous one plus one (or `version`). */
  async didChange(uri: string, contentChanges: TextDocumentContentChangeEvent[], version?: number): Promise<number> {
    const next = version ?? (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next }, contentChanges });
    return next;
  }

  async didClose(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** `workspace/didChangeWorkspaceFolders` with the folders' paths. */
  async didChangeWorkspaceFolders(added: string[], removed: string[]): Promise<void> {
    const folders = (paths: string[]) => paths.map((p) => ({ uri: fileUri(p), name: path.basename(p) }));
    await this.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: folders(added), removed: folders(removed) } });
  }

  async didChangeWatchedFiles(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** What a client sends when its settings change and it supports pulling them: `{ settings: null }`. */
  async didChangeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  async codeActions(params: CodeActionParams, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<(Command | CodeAction)[] | null> {
    return this.withTimeout(this.connection.sendRequest<(Command | CodeAction)[] | null>('textDocument/codeAction', params), timeoutMs, 'the textDocument/codeAction response');
  }

  async hover(uri: string, position: Position, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Hover | null> {
    return this.withTimeout(this.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }), timeoutMs, 'the textDocument/hover response');
  }

  async definition(uri: string, position: Position, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Location | Location[] | LocationLink[] | null> {
    return this.withTimeout(this.connection.sendRequest<Location | Location[] | LocationLink[] | null>('textDocument/definition', { textDocument: { uri }, position }), timeoutMs, 'the textDocument/definition response');
  }

  async codeLenses(uri: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<CodeLens[] | null> {
    return this.withTimeout(this.connection.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } }), timeoutMs, 'the textDocument/codeLens response');
  }

  /** The most recent publication for `uri` (consumed or not), if any. */
  latestDiagnostics(uri: string): Diagnostic[] | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  /**
   * Resolves with the first publication for `uri` matching `predicate` among those not yet consumed by an
   * earlier wait, and consumes it and every publication before it: after an edit, a wait never matches
   * what was published before the previous wait returned. Rejects after `timeoutMs` (naming the URI, the
   * condition and what was published) or when the server exits.
   */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS, description?: string): Promise<Diagnostic[]> {
    const list = this.published.get(uri) ?? [];
    for (let i = this.consumed.get(uri) ?? 0; i < list.length; i++) {
      if (predicate(list[i])) {
        this.consumed.set(uri, i + 1);
        return Promise.resolve(list[i]);
      }
    }
    this.consumed.set(uri, list.length);
    const what = description ?? String(predicate);
    if (!this.alive) return Promise.reject(new Error(`server is not running; cannot wait for diagnostics for ${uri} matching ${what}${this.stderrTail()}`));
    return new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.published.get(uri) ?? [];
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for diagnostics for ${uri} matching ${what}; ` +
              `received ${seen.length} publication(s) for it: ${JSON.stringify(seen.map((d) => d.map(brief)))}` +
              (this.errorLogs.length > 0 ? `; server errors: ${this.errorLogs.join(' | ')}` : '') +
              this.stderrTail(),
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        predicate,
        resolve: (diagnostics) => {
          clearTimeout(timer);
          resolve(diagnostics);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** `shutdown` + `exit`, then waits for the process to end; kills it if it does not within `timeoutMs`. */
  async stop(timeoutMs = 3000): Promise<void> {
    if (this.closed) return;
    if (this.alive) {
      try {
        await this.withTimeout(this.connection.sendRequest('shutdown'), timeoutMs, 'the shutdown response');
        await this.connection.sendNotification('exit');
      } catch {
        // Killed below.
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      });
      const killed = await Promise.race([this.exitedPromise.then(() => false), timedOut]);
      clearTimeout(timer);
      if (killed && this.alive) {
        this.child.kill('SIGKILL');
        await this.exitedPromise;
      }
    }
    this.closed = true;
    this.connection.dispose();
  }

  /** How the process ended, once it has. */
  get exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined {
    return this.exited;
  }

  private onDiagnostics(params: PublishDiagnosticsParams): void {
    const list = this.published.get(params.uri) ?? [];
    list.push(params.diagnostics);
    this.published.set(params.uri, list);
    for (const waiter of [...this.waiters]) {
      if (waiter.uri !== params.uri || !waiter.predicate(params.diagnostics)) continue;
      this.waiters.delete(waiter);
      this.consumed.set(params.uri, list.length);
      waiter.resolve(params.diagnostics);
    }
  }

  private withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.stderrTail()}`)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  private stderrTail(): string {
    return this.stderr.trim() ? `\nserver stderr:\n${this.stderr.trim()}` : '';
  }
}

function lookupSection(configuration: Record<string, unknown>, section: string | undefined): unknown {
  if (!section) return configuration;
  let value: unknown = configuration;
  for (const key of section.split('.')) {
    if (value === null || typeof value !== 'object' || !(key in value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

/** A diagnostic's message as plain text (LSP 3.18 allows markup content). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function brief(d: Diagnostic): string {
  const r = d.range;
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} [${d.severity}] ${d.code}: ${messageText(d).split('\n')[0]}`;
}

/** UTF-16 offset of a position in `text` (LSP positions count UTF-16 code units). */
export function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) throw new Error(`line ${position.line} is past the end of the text`);
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const lineLength = (lineEnd < 0 ? text.length : lineEnd) - offset;
  if (position.character > lineLength) throw new Error(`character ${position.character} is past the end of line ${position.line}`);
  return offset + position.character;
}

/** The LSP position of a UTF-16 offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The range of the `occurrence`-th (0-based) match of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` occurs fewer than ${occurrence + 1} time(s) in the text`);
  }
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
}

/** The text a range covers. */
export function textIn(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Applies LSP text edits (all relative to `text`, non-overlapping), as a client applies a WorkspaceEdit. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits.map((e, index) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, index }));
  located.sort((a, b) => a.start - b.start || a.index - b.index);
  for (let i = 1; i < located.length; i++) {
    if (located[i].start < located[i - 1].end) throw new Error('overlapping text edits');
  }
  let out = '';
  let last = 0;
  for (const e of located) {
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  return out + text.slice(last);
}

/** Applies `didChange` content changes in order, each relative to the text after the previous one. */
export function applyContentChanges(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  return changes.reduce((current, change) => ('range' in change ? applyTextEdits(current, [{ range: change.range, newText: change.text }]) : change.text), text);
}

/** The text edits of a WorkspaceEdit for one URI (from `changes` or `documentChanges`). */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === uri ? c.edits.filter((e): e is TextEdit => 'range' in e && 'newText' in e) : []));
  return [...fromChanges, ...fromDocumentChanges];
}

/** The URIs a WorkspaceEdit touches. */
export function editedUris(edit: WorkspaceEdit | undefined): string[] {
  if (!edit) return [];
  return [...Object.keys(edit.changes ?? {}), ...(edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c ? [c.textDocument.uri] : []))];
}

/** Writes files (relative path → text) into a new folder under the OS temp folder; returns its real path. */
export function writeTempTree(files: Record<string, string>, prefix = 'rpg-protocol-'): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  for (const [relative, text] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

/** Starts a server for one test and stops it (and removes `cleanup` folders) when the test ends. */
export async function startForTest(t: { after: (fn: () => Promise<void> | void) => void }, options: LspClientOptions = {}, cleanup: string[] = []): Promise<{ client: LspClient; initializeResult: InitializeResult }> {
  const started = await LspClient.start(options);
  t.after(async () => {
    await started.client.stop();
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });
  return started;
}
