// The "Load plugin" command: pick, (build), confirm once per library, preflight, load in a child process,
// then show the report (webview + output channel) and turn it into diagnostics on the crate.
// The library is never loaded in this (the extension host) process, and never in an untrusted workspace.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PROBE_PLAN_REQUEST, type ProbePlan, type ProbePlanResult } from '../../../server/src/protocol/loader';
import { cargoBuild, CargoError, findCrateLibrary } from '../loader/cargoLibrary';
import { findingsOnExports, type FindingInput } from '../loader/exportFindings';
import { crateOfLibrary } from '../loader/libraryCrate';
import { stopAllLoads } from '../loader/liveLoads';
import { formatReportText } from '../loader/formatText';
import { requestFromPlan } from '../loader/planRequest';
import { runPreflightForPlan } from '../loader/preflightStep';
import type { LoadReport } from '../loader/report';
import { LoadInputError, runLoad } from '../loader/runLoad';
import { isWasmTarget, runWasmLoad } from '../loader/wasm/wasmLoad';
import { parseCargoShort } from './cargoProblems';
import { LOAD_PLUGIN_COMMAND, LoadPluginCodeLens } from './codeLens';
import { pickTarget, type LoadTarget } from './pickTarget';
import { ReportPanels } from './reportPanel';
import { reportFindings } from './reportFindings';
import { fireLoadRecorded, LAST_LOADS_KEY } from './lastLoads';

export const REPORT_LANGUAGE_ID = 'rust-plugin-guard-report';
const CONFIRMED_KEY = 'rustPluginGuard.loadPlugin.confirmedLibraries';

interface LastResult {
  target: LoadTarget;
  report: LoadReport;
  plan?: ProbePlan;
}

/** Registers the command, the code lens and what they show. `getClient` gives the running language client. */
export function registerLoadPlugin(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  const reportChannel = vscode.window.createOutputChannel('Rust Plugin Guard: Load plugin', REPORT_LANGUAGE_ID);
  const cargoChannel = vscode.window.createOutputChannel('Rust Plugin Guard: cargo build');
  const loadDiagnostics = vscode.languages.createDiagnosticCollection('rust-plugin-guard-load');
  const cargoDiagnostics = vscode.languages.createDiagnosticCollection('rust-plugin-guard-cargo');
  const last = new Map<string, LastResult>(Object.entries(context.workspaceState.get<Record<string, LastResult>>(LAST_LOADS_KEY) ?? {}));
  const lens = new LoadPluginCodeLens((manifest) => last.get(manifest)?.report.status);
  const panels = new ReportPanels({
    rerun: (key) => void run(last.get(key)?.target),
    showText: (key) => {
      const result = last.get(key);
      if (result) showText(result.report);
    },
  });
  const childScript = context.asAbsolutePath(path.join('dist', 'loaderChild.js'));
  const wasmChildScript = context.asAbsolutePath(path.join('dist', 'wasmChild.mjs'));

  const showText = (report: LoadReport) => {
    reportChannel.appendLine(formatReportText(report));
    reportChannel.appendLine('');
    reportChannel.show(true);
  };

  async function planFor(manifest: string): Promise<{ plan?: ProbePlan; note?: string }> {
    const client = getClient();
    if (!client) return { note: 'the language server is not running: the library was only loaded' };
    const result = (await client.sendRequest(PROBE_PLAN_REQUEST, { uri: vscode.Uri.file(manifest).toString() })) as ProbePlanResult;
    return 'plan' in result ? { plan: result.plan } : { note: `no probe plan: ${result.error}` };
  }

  async function build(manifest: string, crate: Awaited<ReturnType<typeof findCrateLibrary>>): Promise<boolean> {
    cargoChannel.clear();
    cargoChannel.appendLine(`cargo build --lib --manifest-path ${manifest}${crate.profile === 'release' ? ' --release' : ''}`);
    let output = '';
    const code = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Building ${crate.name} (${crate.profile})`, cancellable: true }, (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return cargoBuild(crate, (text) => {
        output += text;
        cargoChannel.append(text);
      }, { signal: abort.signal, short: true }).catch(() => -1);
    });
    cargoDiagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of parseCargoShort(output, crate.workspaceRoot)) {
      const position = new vscode.Position(p.line - 1, p.column - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'cargo';
      diagnostic.code = p.code;
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), diagnostic]);
    }
    for (const [file, list] of byFile) cargoDiagnostics.set(vscode.Uri.file(file), list);
    if (code !== 0) {
      const choice = await vscode.window.showErrorMessage(`cargo build failed for ${crate.name} (exit ${code}): fix the errors in the Problems panel, then load again.`, 'Show output');
      if (choice) cargoChannel.show();
      return false;
    }
    return true;
  }

  async function confirmed(library: string): Promise<boolean> {
    const known = context.workspaceState.get<string[]>(CONFIRMED_KEY, []);
    if (known.includes(library)) return true;
    const answer = await vscode.window.showWarningMessage(
      `Load ${path.basename(library)}?`,
      { modal: true, detail: `${library}\n\nLoading a plugin runs its code (initialisers and the functions that are probed), in a separate process. You are asked once per library.` },
      'Load',
    );
    if (answer !== 'Load') return false;
    await context.workspaceState.update(CONFIRMED_KEY, [...known, library]);
    return true;
  }

  /** `wasm`: the Plugins view says the crate is a WebAssembly component guest. */
  async function run(given: LoadTarget | { manifest?: string; wasm?: boolean } | undefined): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('Load plugin runs the plugin\'s code, so it is off in untrusted workspaces. Trust this workspace first (Workspaces: Manage Workspace Trust).');
      return;
    }
    const target = given && 'kind' in given ? given : await pickTarget(given?.manifest);
    if (!target) return;
    const manifest = target.kind === 'crate' ? target.manifest : undefined;
    const guest = given !== undefined && !('kind' in given) && given.wasm === true;
    if (guest || isWasmTarget(target.kind === 'crate' ? target.manifest : target.library, manifest)) return runWasm(target, manifest);
    let library: string;
    let plan: ProbePlan | undefined;
    let crate: LoadReport['crate'];
    const notes: string[] = [];
    try {
      if (target.kind === 'crate') {
        const found = await findCrateLibrary(target.manifest, target.profile);
        if (target.build && !(await build(target.manifest, found))) return;
        if (!existsSync(found.library)) {
          void vscode.window.showErrorMessage(`${found.library} does not exist: build ${found.name} (${found.profile}) first, or choose "Build first".`);
          return;
        }
        library = found.library;
        crate = { name: found.name, manifest: found.manifest, profile: found.profile };
        const planned = await planFor(found.manifest);
        plan = planned.plan;
        if (planned.note) notes.push(planned.note);
      } else {
        library = target.library;
        // A library in a cargo target directory: probe it with the crate that built it.
        const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(library))?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
        const found = await crateOfLibrary(library, folder);
        if (found) {
          crate = { name: found.name, manifest: found.manifest, profile: found.profile };
          const planned = await planFor(found.manifest);
          plan = planned.plan;
          if (planned.note) notes.push(planned.note);
        }
      }
    } catch (error) {
      if (error instanceof CargoError) return void vscode.window.showErrorMessage(error.message);
      throw error;
    }
    if (!(await confirmed(library))) return;
    const key = target.kind === 'crate' ? target.manifest : library;
    const request = requestFromPlan(plan);
    let report: LoadReport;
    try {
      report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loading ${path.basename(library)}` }, (progress) =>
        runLoad({ library, ...request, notes: [...notes, ...(request.notes ?? [])], crate, preflight: (file) => runPreflightForPlan(file, plan), childScript, onStep: (step) => progress.report({ message: step.label }), findings: () => (plan && crate ? exportFindings(plan, path.dirname(crate.manifest)) : []) }),
      );
    } catch (error) {
      if (error instanceof LoadInputError) return void vscode.window.showErrorMessage(error.message);
      throw error;
    }
    await recorded(key, { target, report, plan }, crate?.name ?? path.basename(library));
  }

  /** A WebAssembly guest (a `.wasm`, or a guest crate): the same report, from the wasm child (loader/wasm/). */
  async function runWasm(target: LoadTarget, manifest: string | undefined): Promise<void> {
    const file = target.kind === 'crate' ? target.manifest : target.library;
    let report: LoadReport | undefined;
    try {
      if (target.kind === 'crate' && target.build) cargoChannel.clear();
      report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loading ${path.basename(target.kind === 'crate' ? path.dirname(file) : file)}` }, (progress) =>
        runWasmLoad({ target: file, build: target.kind === 'crate' && target.build, release: target.kind === 'crate' && target.profile === 'release', childScript: wasmChildScript, log: (text) => cargoChannel.append(text), onStep: (label) => progress.report({ message: label }), confirm: confirmed }, manifest),
      );
      if (!report) return;
    } catch (error) {
      if (error instanceof LoadInputError || error instanceof CargoError) return void vscode.window.showErrorMessage(error.message);
      throw error;
    }
    await recorded(file, { target, report }, report.crate?.name ?? path.basename(file));
  }

  async function recorded(key: string, result: LastResult, title: string): Promise<void> {
    const { report } = result;
    last.set(key, result);
    await context.workspaceState.update(LAST_LOADS_KEY, Object.fromEntries([...last].map(([k, v]) => [k, { ...v, report: JSON.parse(JSON.stringify(v.report, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))) as LoadReport }])));
    publishDiagnostics(result);
    showText(report);
    panels.show(key, `Load: ${title}`, report);
    lens.refresh();
    fireLoadRecorded();
  }

  /** The language server's findings on the crate's exports, as published (a `dangling-pointer` explains a suspicious string). */
  function exportFindings(plan: ProbePlan, base: string) {
    const findings: FindingInput[] = [];
    for (const file of new Set(plan.exports.map((e) => e.file))) {
      for (const d of vscode.languages.getDiagnostics(vscode.Uri.file(file))) {
        const rule = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
        const at = (r: vscode.Range) => ({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } });
        findings.push({ rule, file, range: at(d.range), related: (d.relatedInformation ?? []).map((r) => ({ location: { file: r.location.uri.fsPath, range: at(r.location.range) } })) });
      }
    }
    return findingsOnExports(findings, plan.exports, base);
  }

  function publishDiagnostics(result: LastResult): void {
    if (!result.plan) return;
    // This crate's previous load diagnostics go; other crates keep theirs.
    for (const file of new Set(Object.values(result.plan.locations).map((l) => l.file))) loadDiagnostics.delete(vscode.Uri.file(file));
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of reportFindings(result.report, result.plan.locations)) {
      const { start, end } = f.location.range;
      const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), f.message, f.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = 'rust-plugin-guard (load)';
      byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), diagnostic]);
    }
    for (const [file, list] of byFile) loadDiagnostics.set(vscode.Uri.file(file), list);
  }

  return [
    // Closing the window or reloading it: no loader child may outlive the extension host.
    { dispose: stopAllLoads },
    reportChannel,
    cargoChannel,
    loadDiagnostics,
    cargoDiagnostics,
    panels,
    vscode.commands.registerCommand(LOAD_PLUGIN_COMMAND, (arg?: LoadTarget | { manifest?: string; wasm?: boolean }) => run(arg)),
    vscode.commands.registerCommand('rustPluginGuard.showLastLoad', (key: string) => {
      const result = last.get(key);
      if (result) panels.show(key, `Load: ${result.report.crate?.name ?? path.basename(result.report.library)}`, result.report);
    }),
    vscode.languages.registerCodeLensProvider([{ scheme: 'file', pattern: '**/Cargo.toml' }, { scheme: 'file', language: 'rust' }], lens),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lens.refresh()),
  ];
}
