// Runs inside the extension host (loaded through tsx's require hook by index.js): the same scenarios as the
// browser suite, through the VS Code API.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

const workspace = process.env.RPG_WORKSPACE ?? '';

async function diagnosticsOf(uri: vscode.Uri, predicate: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const current = vscode.languages.getDiagnostics(uri);
  if (predicate(current)) return current;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`diagnostics never matched for ${uri.fsPath}`)), 60_000);
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      const list = vscode.languages.getDiagnostics(uri);
      if (!predicate(list)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(list);
    });
  });
}

const isPluginConfig = (d: vscode.Diagnostic): boolean => d.message.includes('`PluginConfig` crosses the C boundary in `greeter_new`');
const ruleOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

export async function run(): Promise<void> {
  const lib = vscode.Uri.file(path.join(workspace, 'plugin', 'src', 'lib.rs'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(lib));

  const initial = await diagnosticsOf(lib, (list) => list.some(isPluginConfig));
  const finding = initial.find(isPluginConfig);
  assert.ok(finding);
  assert.equal(ruleOf(finding), 'missing-repr-c');
  assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);

  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', lib, finding.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((a) => a.title.includes('repr(C)') && a.diagnostics?.some(isPluginConfig));
  assert.ok(fix?.edit, `no repr(C) fix among: ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await vscode.workspace.saveAll();
  const config = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspace, 'plugin', 'src', 'config.rs')));
  assert.match(config.getText(), /#\[repr\(C\)\][\s\S]*pub struct PluginConfig/);
  await diagnosticsOf(lib, (list) => !list.some(isPluginConfig));

  const settings = vscode.workspace.getConfiguration('rustPluginGuard');
  await settings.update('rules', { 'generic-export': 'warning' }, vscode.ConfigurationTarget.Workspace);
  await diagnosticsOf(lib, (list) => list.some((d) => ruleOf(d) === 'generic-export' && d.severity === vscode.DiagnosticSeverity.Warning));
  await settings.update('rules', { 'generic-export': 'off' }, vscode.ConfigurationTarget.Workspace);
  await diagnosticsOf(lib, (list) => !list.some((d) => ruleOf(d) === 'generic-export'));
}
