import * as path from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { StaleDocumentError } from '../crate/fileStore';
import { Engine } from '../engine/engine';
import { describeInternalError } from '../engine/internalErrors';
import type { ContentChange } from '../parsing/rustSource';
import { assetsIn } from '../parsing/treeSitter';
import { PROBE_PLAN_REQUEST, type ProbePlanParams } from '../protocol/loader';
import { DEFAULT_SETTINGS, DIAGNOSTIC_SOURCE, EXTENSION_ID, featureSelection, normalizeSettings, type ServerSettings } from '../protocol/settings';
import { AnalysisScheduler } from './analysisScheduler';
import { codeActionsFor } from './codeActions';
import { uriToPath, type EditSupport } from './convert';
import { DependentFiles } from './dependentFiles';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentVersions } from './documentVersions';
import { INTERFACE_VIEW_CAPABILITIES, InterfaceViewHandlers } from './interfaceViewHandlers';
import { analysisLine, connectionLogger, SERVER_VERSION } from './logging';
import { PluginsHandlers } from './pluginsRequest';
import { newPluginFor } from './newPluginRequest';
import { NEW_PLUGIN_REQUEST, type NewPluginParams } from '../protocol/newPlugin';
import { probePlanFor } from './probePlanRequest';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { AnalysedCrates } from './analysedCrates';
import { HEADER_ACTION_KIND, HEADER_COMMANDS, HeaderSyncCommands } from './headerSyncCommands';
import { WitDocuments } from '../wit/witDocuments';

/**
 * No debounce: an edit is analysed as soon as it arrives. A newer edit makes the run in flight stale (it stops at
 * its next pause in item extraction, or is not published), and only one run is ever in flight (analysisScheduler.ts).
 */
const ANALYSE_AT_ONCE = 0;
/** How long shutdown waits for the analysis in flight before it answers without freeing the engine (below the 2 s that vscode-languageclient gives a shutdown). */
const SHUTDOWN_WAIT_MS = 1500;

/** Wires LSP handlers to the engine. All analysis lives in the engine; this file only translates. */
export function startServer(connection: Connection, wasmDir: string): void {
  let engine: Engine | undefined;
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;
  /** The client tells when workspace folders are added or removed. */
  let foldersChange = false;
  /** How the client takes workspace edits: versioned `documentChanges`, `SnippetTextEdit`s. */
  const editSupport: EditSupport = { documentChanges: false, snippetEdits: false };
  /** The client's version of each open document, recorded together with the text the engine holds. */
  const versions = new DocumentVersions();
  const diagnostics = new DiagnosticsPublisher((uri, list, version) => void connection.sendDiagnostics({ uri, version, diagnostics: list }));
  const dependents = new DependentFiles();
  /** Settings pulled from the client: analysis waits for them so the first results use them. */
  let settingsReady: Promise<void> = Promise.resolve();
  const log = (message: string) => connection.console.log(message);
  const logger = connectionLogger(connection);
  const headerSync = new HeaderSyncCommands(connection, { engine: () => readyEngine(), versions, support: editSupport, assets: assetsIn(wasmDir) });
  // `.wit` files are checked on their own (server/src/wit), not by the Rust engine.
  const wit = new WitDocuments((uri, list, version) => void connection.sendDiagnostics({ uri, version, diagnostics: list }), (file, error) => logger.error(`check of ${file} failed`, error), () => settings.rules);

  const scheduler = new AnalysisScheduler(
    ANALYSE_AT_ONCE,
    async (file, isCurrent) => {
      await settingsReady;
      if (!engine || !engine.files.isOpen(file)) return;
      let result;
      const started = performance.now();
      try {
        engine.interfaces.configure(settings.interfaces, settings.versionNames);
        engine.setTarget(settings.target);
        engine.setFeatures(featureSelection(settings));
        result = await engine.analyzeFile(file, settings.rules, isCurrent);
      } catch (error) {
        if (!(error instanceof StaleDocumentError)) throw error;
        scheduler.schedule(file);
        return;
      }
      const { crate, findings } = result;
      for (const failure of result.internalErrors) connection.console.error(describeInternalError(failure));
      if (!isCurrent()) {
        // Something changed while this ran: the result may be stale, so compute it again.
        scheduler.schedule(file);
        return;
      }
      const files = engine.files;
      if (crate) {
        diagnostics.publish(file, crate, findings, (other) => files.isOpen(other), versions.snapshot());
        dependents.record(file, crate);
        logger.info(analysisLine(crate, crate.files.size, performance.now() - started, findings));
        await interfaceView.analysed(engine, crate);
        await plugins.analysed(crate);
      }
    },
    (file, error) => logger.error(`analysis of ${file} failed`, error),
  );

  // Workspace scope: crates without an open document, checked from disk (see workspaceDiagnostics.ts).
  const workspace = new WorkspaceDiagnostics({
    engine: readyEngine,
    configure: async (ready) => {
      await settingsReady;
      ready.interfaces.configure(settings.interfaces, settings.versionNames);
      ready.setTarget(settings.target);
      ready.setFeatures(featureSelection(settings));
      return settings.rules;
    },
    hasOpenFile: (crate) => [...crate.files.keys()].some((file) => engine?.files.isOpen(file) === true),
    publish: (crate, findings) => {
      diagnostics.publish(undefined, crate, findings, () => false, versions.snapshot());
      void plugins.analysed(crate);
    },
    clearGone: (found) => diagnostics.clearUnopenedCrates((crateKey) => found.has(crateKey)),
    progress: () => connection.window.createWorkDoneProgress(),
    log: logger,
  });
  const refreshWorkspace = (delayMs?: number) => {
    wit.setScope(settings.diagnosticsScope === 'workspace' ? workspace.currentFolders() : undefined);
    if (settings.diagnosticsScope === 'workspace') return workspace.refresh(delayMs);
    workspace.stop();
    diagnostics.clearUnopenedCrates();
  };

  const ready = Engine.create({ assets: assetsIn(wasmDir) }).then(
    (created) => {
      engine = created;
      for (const file of created.files.openFiles()) scheduler.schedule(file, 0);
      return created;
    },
    (error: unknown) => {
      connection.window.showErrorMessage(`Rust Plugin Guard could not start its parser: ${String(error)}`);
      return undefined;
    },
  );

  const analysedCrates = new AnalysedCrates();
  const interfaceView = new InterfaceViewHandlers(connection, readyEngine, analysedCrates);
  const plugins = new PluginsHandlers(connection, readyEngine, analysedCrates);

  const reanalyzeOpenFiles = () => {
    wit.recheckAll();
    scheduler.markEdited();
    for (const file of engine?.files.openFiles() ?? []) scheduler.schedule(file);
  };

  const pullSettings = async () => {
    if (!canPullConfiguration) return;
    const [section] = (await connection.workspace.getConfiguration([{ section: EXTENSION_ID }])) as unknown[];
    settings = normalizeSettings(section);
  };

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    editSupport.documentChanges = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    editSupport.snippetEdits = editSupport.documentChanges && params.capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
    interfaceView.initialize(params.capabilities);
    settings = normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings ?? DEFAULT_SETTINGS);
    workspace.setFolders(workspaceFolders(params));
    plugins.setFolders(workspaceFolders(params));
    foldersChange = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, HEADER_ACTION_KIND] },
        executeCommandProvider: { commands: HEADER_COMMANDS },
        ...INTERFACE_VIEW_CAPABILITIES,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: DIAGNOSTIC_SOURCE, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (foldersChange) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const paths = (folders: readonly { uri: string }[]) => folders.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
        workspace.changeFolders(paths(added), paths(removed));
        plugins.changeFolders(paths(added), paths(removed));
        refreshWorkspace();
      });
    }
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: EXTENSION_ID });
      settingsReady = pullSettings().catch((error: unknown) => log(`could not read settings: ${String(error)}`));
      void settingsReady.then(reanalyzeOpenFiles);
    }
    void settingsReady.then(() => {
      logger.info(`Rust Plugin Guard ${SERVER_VERSION} (server, Node.js ${process.version}), diagnostics.scope: ${settings.diagnosticsScope}`);
      refreshWorkspace(0);
    });
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfiguration) await pullSettings().catch((error: unknown) => log(`could not read settings: ${String(error)}`));
    else settings = normalizeSettings((change.settings as Record<string, unknown> | undefined)?.[EXTENSION_ID]);
    reanalyzeOpenFiles();
    refreshWorkspace();
  });

  connection.onDidOpenTextDocument(async ({ textDocument }) => {
    const file = uriToPath(textDocument.uri);
    if (file && WitDocuments.handles(file)) return wit.openDocument(file, textDocument.text, textDocument.version);
    if (file && isManifest(file)) {
      const opened = await readyEngine();
      opened?.files.openTextDocument(file, textDocument.text);
      if (opened) versions.set(file, textDocument.version);
      // Opening a header re-walks its folders: one copied in with its folder may have sent no watched-file event.
      opened?.interfaces.invalidate(file);
      return reanalyzeOpenFiles();
    }
    if (!file || !isRustFile(file, textDocument.languageId)) return;
    const ready = await readyEngine();
    ready?.files.openDocument(file, textDocument.text);
    if (ready) versions.set(file, textDocument.version);
    scheduler.markEdited();
    scheduler.schedule(path.resolve(file), 0);
  });

  connection.onDidChangeTextDocument(async ({ textDocument, contentChanges }) => {
    const file = uriToPath(textDocument.uri);
    if (file && wit.isOpen(file)) return wit.change(file, toContentChanges(contentChanges), textDocument.version);
    const ready = await readyEngine();
    workspace.edited();
    if (file && ready?.files.isOpenText(file)) {
      ready.files.changeTextDocument(file, toContentChanges(contentChanges));
      versions.set(file, textDocument.version);
      return reanalyzeOpenFiles();
    }
    if (!file || !ready?.files.isOpen(file)) return;
    ready.files.changeDocument(file, toContentChanges(contentChanges));
    versions.set(file, textDocument.version);
    scheduler.markEdited();
    scheduler.schedule(path.resolve(file));
    for (const dependent of dependents.dependentsOf(path.resolve(file))) scheduler.schedule(dependent);
  });

  connection.onDidCloseTextDocument(async ({ textDocument }) => {
    const file = uriToPath(textDocument.uri);
    if (file && wit.isOpen(file)) return wit.close(file);
    const ready = await readyEngine();
    if (file && ready?.files.isOpenText(file)) {
      ready.files.closeTextDocument(file);
      versions.delete(file);
      refreshWorkspace();
      return reanalyzeOpenFiles();
    }
    if (!file || !ready?.files.isOpen(file)) return;
    const closed = path.resolve(file);
    ready.files.closeDocument(closed);
    versions.delete(closed);
    // Workspace scope keeps its findings; the pass re-checks the crate from disk (unsaved edits are gone).
    diagnostics.closed(closed, settings.diagnosticsScope === 'workspace');
    dependents.forget(closed);
    interfaceView.forget(closed);
    reanalyzeOpenFiles();
    if (settings.diagnosticsScope === 'workspace') workspace.refresh();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file) continue;
      if (WitDocuments.handles(file)) wit.changedOnDisk(file);
      engine?.files.invalidate(file);
      engine?.interfaces.invalidate(file);
    }
    reanalyzeOpenFiles();
    if (settings.diagnosticsScope === 'workspace') workspace.refresh();
  });

  connection.onCodeAction(async ({ textDocument, range, context }): Promise<CodeAction[]> => {
    const file = uriToPath(textDocument.uri);
    if (file && wit.isOpen(file)) return wit.codeActions(file, range, editSupport);
    // Awaited first so that edits sent before this request are applied before it looks at versions.
    if (!file || !(await readyEngine())) return [];
    return [...(await codeActionsFor(file, range, context, { publisher: diagnostics, scheduler, versions, support: editSupport })), ...(await headerSync.codeActions(file, context.only))];
  });
  connection.onExecuteCommand((params) => headerSync.execute(params));

  connection.onRequest(PROBE_PLAN_REQUEST, async (params: ProbePlanParams) => probePlanFor(await readyEngine(), params));
  connection.onRequest(NEW_PLUGIN_REQUEST, (params: NewPluginParams) => newPluginFor(assetsIn(wasmDir), params));

  connection.onShutdown(async () => {
    workspace.stop();
    // The engine's parser is freed only once no analysis is using it; one that does not end in time keeps it
    // (the process exits on the next message anyway), which is better than parsing with a freed parser.
    const idle = Promise.all([scheduler.stop(), workspace.idle()]).then(() => true);
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), SHUTDOWN_WAIT_MS).unref());
    if (await Promise.race([idle, timeout])) engine?.dispose();
  });

  async function readyEngine(): Promise<Engine | undefined> {
    return engine ?? ready;
  }

  connection.listen();
}

/** The workspace folders' paths (`rootUri` for a client that sends no folders). */
function workspaceFolders(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter((folder): folder is string => folder !== undefined);
}

/** Non-Rust documents whose unsaved text counts: manifests, and declared interfaces (C headers, cbindgen.toml). */
function isManifest(file: string): boolean {
  return path.basename(file) === 'Cargo.toml' || path.basename(file) === 'cbindgen.toml' || /\.h$/i.test(file);
}

function isRustFile(file: string, languageId: string): boolean {
  return languageId === 'rust' || file.endsWith('.rs');
}

/** LSP content changes as the engine takes them (a change without a range replaces the whole text). */
function toContentChanges(changes: readonly TextDocumentContentChangeEvent[]): ContentChange[] {
  return changes.map((c) => ('range' in c ? { range: c.range, text: c.text } : { text: c.text }));
}
