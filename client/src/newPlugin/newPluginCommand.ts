// "New plugin from header…": asks for the header and a new folder, gets the crate's files from the server (which
// has the C parser, see server/src/newPlugin/) and writes them, then opens src/lib.rs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NEW_PLUGIN_REQUEST, type NewPluginParams, type NewPluginResult } from '../../../server/src/protocol/newPlugin';

export const NEW_PLUGIN_COMMAND = 'rustPluginGuard.newPluginFromHeader';

export function registerNewPlugin(getClient: () => LanguageClient | undefined): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_PLUGIN_COMMAND, async (resource?: vscode.Uri) => {
    const header = resource ?? (await pickHeader());
    if (!header) return;
    const client = getClient();
    if (!client) {
      void vscode.window.showErrorMessage('Rust Plugin Guard: the language server is not running; restart it and try again.');
      return;
    }
    const base = path.basename(header.fsPath).replace(/\.[^.]*$/, '');
    const root = vscode.workspace.getWorkspaceFolder(header)?.uri.fsPath ?? path.dirname(header.fsPath);
    const folder = await vscode.window.showInputBox({
      title: `New plugin implementing ${path.basename(header.fsPath)}`,
      prompt: 'Folder of the new cdylib crate (must not exist yet, or be empty)',
      value: path.join(root, `${base}-plugin`),
      validateInput: async (value) => ((await isFreeFolder(vscode.Uri.file(value))) ? undefined : `${value} exists and is not empty`),
    });
    if (!folder) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === header.toString());
    const params: NewPluginParams = { header: header.toString(), ...(open ? { text: open.getText() } : {}) };
    const result = (await client.sendRequest(NEW_PLUGIN_REQUEST, params)) as NewPluginResult;
    if ('error' in result) {
      void vscode.window.showErrorMessage(`Rust Plugin Guard: ${result.error}`);
      return;
    }
    const target = vscode.Uri.file(folder);
    if (!(await isFreeFolder(target))) {
      void vscode.window.showErrorMessage(`Rust Plugin Guard: ${folder} exists and is not empty; choose a new folder.`);
      return;
    }
    for (const [relative, text] of Object.entries(result.files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(target, ...relative.split('/')), Buffer.from(text, 'utf8'));
    await vscode.window.showTextDocument(vscode.Uri.joinPath(target, 'src', 'lib.rs'));
    const left = result.skipped.length > 0 ? ` ${result.skipped.length} declaration(s) are left to write by hand (listed at the end of lib.rs).` : '';
    void vscode.window.showInformationMessage(`Created ${result.crateName}: ${result.implemented.length} declaration(s) implemented from ${path.basename(header.fsPath)}.${left}`);
  });
}

async function pickHeader(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && active.fsPath.endsWith('.h')) return active;
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'C header': ['h'] }, openLabel: 'Implement this header' });
  return picked?.[0];
}

async function isFreeFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.readDirectory(uri)).length === 0;
  } catch {
    return true;
  }
}
