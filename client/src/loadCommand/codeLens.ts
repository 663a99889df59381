// "Load plugin" above `[lib]` in a cdylib's Cargo.toml and at the top of its crate root, in trusted
// workspaces only. A lens only offers the command; nothing runs until it is clicked.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isCdylibManifest, manifestOfCrateRoot } from './crateRoots';

export const LOAD_PLUGIN_COMMAND = 'rustPluginGuard.loadPlugin';

export class LoadPluginCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly lastStatus: (manifest: string) => string | undefined) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file') return [];
    const file = document.uri.fsPath;
    if (path.basename(file) === 'Cargo.toml') {
      const text = document.getText();
      const lib = /^\s*\[lib\]/m.exec(text);
      if (!lib || !isCdylibManifest(text)) return [];
      return this.lenses(document.positionAt(lib.index + lib[0].length - 5).line, file);
    }
    const manifest = manifestOfCrateRoot(file);
    return manifest ? this.lenses(0, manifest) : [];
  }

  private lenses(line: number, manifest: string): vscode.CodeLens[] {
    const range = new vscode.Range(line, 0, line, 0);
    const lenses = [new vscode.CodeLens(range, { title: 'Load plugin', command: LOAD_PLUGIN_COMMAND, arguments: [{ manifest }], tooltip: 'Build (optionally), load in a separate process and smoke-test this plugin' })];
    const last = this.lastStatus(manifest);
    if (last) lenses.push(new vscode.CodeLens(range, { title: `last load: ${last}`, command: 'rustPluginGuard.showLastLoad', arguments: [manifest] }));
    return lenses;
  }
}
