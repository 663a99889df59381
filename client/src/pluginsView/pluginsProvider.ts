// The Plugins view in the Explorer and its status bar item: a thin TreeDataProvider over pluginsTree.ts. It asks
// the server (`rustPluginGuard/plugins`) when the server says an analysis changed the answer
// (`rustPluginGuard/pluginsChanged`), when the client starts, after a load from the view, and on "Refresh"; never on
// a timer. The context key `rustPluginGuard.hasPlugins` shows the view only in workspaces with a cdylib.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { PLUGINS_CHANGED_NOTIFICATION, PLUGINS_REQUEST, type PluginsResult } from '../../../server/src/protocol/plugins';
import type { LoadReport } from '../loader/report';
import { PLUGINS_BUILD_COMMAND, PLUGINS_LOAD_COMMAND, pluginsTree, statusSummary, type TreeNode } from './pluginsTree';
import { LAST_LOADS_KEY, onDidRecordLoad } from '../loadCommand/lastLoads';

export const PLUGINS_VIEW_ID = 'rustPluginGuard.plugins';
export const PLUGINS_REFRESH_COMMAND = 'rustPluginGuard.pluginsView.refresh';
const HAS_PLUGINS_CONTEXT = 'rustPluginGuard.hasPlugins';
/** Notifications that arrive together (a workspace pass over several plugins) make one request. */
const COALESCE_MS = 50;

class PluginsTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeNode[] = [];

  set(roots: TreeNode[]): void {
    this.roots = roots;
    this.changed.fire(undefined);
  }

  getChildren(element?: TreeNode): TreeNode[] {
    return element ? element.children : this.roots;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    item.contextValue = node.contextValue;
    if (node.command) item.command = node.command;
    return item;
  }
}

/** Registers the view, its commands and the status bar item. `getClient` gives the running language client. */
export function registerPluginsView(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): vscode.Disposable[] {
  const provider = new PluginsTreeProvider();
  const view = vscode.window.createTreeView(PLUGINS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('rustPluginGuard.plugins', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Rust Plugin Guard: plugins';
  status.command = `${PLUGINS_VIEW_ID}.focus`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  /** The last answer, re-rendered without a request when only the load reports changed. */
  let last: PluginsResult | undefined;
  let loadsSeen = '';

  const lastLoad = (manifestPath: string): LoadReport | undefined => {
    const stored = context.workspaceState.get<Record<string, { report?: LoadReport }>>(LAST_LOADS_KEY) ?? {};
    return stored[manifestPath]?.report ?? Object.values(stored).find((r) => r.report?.crate?.manifest === manifestPath)?.report;
  };

  async function refreshNow(): Promise<void> {
    const client = getClient();
    if (!client || client.state !== State.Running) return;
    let result: PluginsResult;
    try {
      result = await client.sendRequest<PluginsResult>(PLUGINS_REQUEST, {});
    } catch (error) {
      client.outputChannel.appendLine(`Plugins view: the request failed: ${String(error)}`);
      return;
    }
    last = result;
    render(result);
    await vscode.commands.executeCommand('setContext', HAS_PLUGINS_CONTEXT, result.plugins.length > 0);
  }

  function render(result: PluginsResult): void {
    loadsSeen = loadsFingerprint();
    provider.set(pluginsTree(result, lastLoad));
    const summary = statusSummary(result, lastLoad);
    status.text = summary.text;
    status.tooltip = summary.tooltip;
    if (summary.visible) status.show();
    else status.hide();
  }

  /** Which reports are stored, cheaply: a load from the code lens or the report panel changes it. */
  function loadsFingerprint(): string {
    const stored = context.workspaceState.get<Record<string, { report?: LoadReport }>>(LAST_LOADS_KEY) ?? {};
    return Object.entries(stored).map(([key, r]) => `${key}:${r.report?.status}:${r.report?.childPid}:${r.report?.totalMs}`).join('|');
  }

  /** One request at a time; a refresh asked for meanwhile runs once after it. */
  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = refreshNow().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return running;
  }

  const scheduleRefresh = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void refresh();
    }, COALESCE_MS);
  };

  const client = getClient();
  const disposables: vscode.Disposable[] = [view, status, { dispose: () => timer && clearTimeout(timer) }];
  if (client) {
    disposables.push(client.onNotification(PLUGINS_CHANGED_NOTIFICATION, scheduleRefresh));
    disposables.push(client.onDidChangeState((e) => e.newState === State.Running && scheduleRefresh()));
  }
  disposables.push(
    vscode.commands.registerCommand(PLUGINS_REFRESH_COMMAND, () => refresh()),
    // "Load plugin" on a plugin item: the existing command with that crate's manifest (it refuses untrusted workspaces).
    vscode.commands.registerCommand(PLUGINS_LOAD_COMMAND, async (node?: TreeNode | { manifest?: string }) => {
      const manifest = node && 'manifestPath' in node ? node.manifestPath : node && 'manifest' in node ? node.manifest : undefined;
      // The server knows a component guest (wit_bindgen::generate!) even when its crate has no wasm target or wit/ folder.
      const wasm = node !== undefined && 'contextValue' in node && node.contextValue === 'wasmPlugin';
      await vscode.commands.executeCommand('rustPluginGuard.loadPlugin', manifest ? { manifest, ...(wasm ? { wasm } : {}) } : undefined);
      await refresh();
    }),
    // Build state and loads made elsewhere (the code lens) are read again when the view is shown.
    view.onDidChangeVisibility((e) => e.visible && scheduleRefresh()),
    // A load from anywhere (the command, the code lens, the report) recorded its report: re-render, no request.
    onDidRecordLoad(() => {
      if (last && loadsFingerprint() !== loadsSeen) render(last);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(scheduleRefresh),
    // "Build" on a plugin's build item: `cargo build --lib` for that package as a task (its output in the terminal,
    // errors in Problems); build scripts run, so only in trusted workspaces (the command's enablement says so too).
    vscode.commands.registerCommand(PLUGINS_BUILD_COMMAND, async (node?: TreeNode) => {
      if (!node?.manifestPath || !vscode.workspace.isTrusted) return;
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(node.manifestPath)) ?? vscode.TaskScope.Workspace;
      const task = new vscode.Task(
        { type: 'rust-plugin-guard-build', manifest: node.manifestPath },
        folder,
        `cargo build --lib (${node.manifestPath})`,
        'Rust Plugin Guard',
        new vscode.ProcessExecution('cargo', ['build', '--lib', '--message-format', 'short', '--manifest-path', node.manifestPath], { cwd: node.manifestPath.replace(/[\\/]Cargo\.toml$/, '') }),
        '$rust-plugin-guard-cargo',
      );
      const ended = new Promise<void>((resolve) => {
        const listener = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.definition.type === task.definition.type && e.execution.task.definition.manifest === node.manifestPath) {
            listener.dispose();
            resolve();
          }
        });
      });
      await vscode.tasks.executeTask(task);
      await ended;
      await refresh();
    }),
  );
  // Builds made outside VS Code (a terminal's `cargo build`) and deleted packages change the build state and the
  // plugin list without any analysis: watch the libraries cargo writes and Cargo.toml deletions (coalesced).
  const builds = vscode.workspace.createFileSystemWatcher('**/target/**/*.{so,dylib,dll,wasm}');
  const manifests = vscode.workspace.createFileSystemWatcher('**/Cargo.toml', true, true, false);
  disposables.push(builds, manifests, builds.onDidCreate(scheduleRefresh), builds.onDidChange(scheduleRefresh), builds.onDidDelete(scheduleRefresh), manifests.onDidDelete(scheduleRefresh));
  return disposables;
}
