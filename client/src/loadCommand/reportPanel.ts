// One webview panel per crate (or library) showing its last load report, with "Run again" and "Show as text".
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LoadReport } from '../loader/report';
import { reportHtml } from './reportHtml';

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(private readonly actions: { rerun: (key: string) => void; showText: (key: string) => void }) {}

  show(key: string, title: string, report: LoadReport): void {
    let panel = this.panels.get(key);
    if (!panel) {
      panel = vscode.window.createWebviewPanel('rustPluginGuard.loadReport', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
      this.panels.set(key, panel);
      panel.onDidDispose(() => this.panels.delete(key));
      panel.webview.onDidReceiveMessage((message: { type?: string }) => {
        if (message.type === 'rerun') this.actions.rerun(key);
        else if (message.type === 'text') this.actions.showText(key);
      });
    }
    panel.title = title;
    panel.webview.html = reportHtml(report, { nonce: randomBytes(16).toString('base64'), cspSource: panel.webview.cspSource });
    panel.reveal(undefined, true);
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    this.panels.clear();
  }
}
