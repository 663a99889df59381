// The report as a small HTML page for the webview: the verdict first, then probes, leaks and the crash.
// Pure (no vscode import); every value from the plugin or the file system is escaped.
import { formatValue, summaryOf } from '../loader/formatText';
import type { LoadReport } from '../loader/report';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const HEADLINE: Record<LoadReport['status'], string> = {
  ok: 'Loaded, nothing failed',
  failed: 'Loaded, but something failed',
  crashed: 'The plugin crashed the loader process',
  refused: 'Not loaded',
};

function row(cells: string[]): string {
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

export function reportHtml(report: LoadReport, options: { nonce: string; cspSource: string }): string {
  const e = escapeHtml;
  const parts: string[] = [];
  parts.push(`<h1 class="${report.status}">${e(HEADLINE[report.status])}</h1>`);
  parts.push(`<p class="muted">${e(report.crate ? `${report.crate.name} (${report.crate.profile}) — ` : '')}${e(report.library)}</p>`);
  if (report.crash) {
    parts.push(`<div class="box crashed"><strong>${e(report.crash.message)}</strong>${report.crash.panic ? `<pre>${e(report.crash.panic)}</pre>` : ''}</div>`);
  }
  if (report.refusal !== undefined) parts.push(`<div class="box failed">${e(report.refusal)}</div>`);
  const symbols = [...report.missingSymbols.map((m) => ['missing', m] as const), ...report.staleSymbols.map((m) => ['stale', m] as const)];
  if (symbols.length > 0) {
    parts.push('<h2>Symbols</h2><table>');
    for (const [kind, m] of symbols) parts.push(row([`<span class="tag failed">${kind}</span>`, `<code>${e(m.name)}</code>`, e(m.message)]));
    parts.push('</table>');
  }
  if (report.probes.length > 0) {
    parts.push('<h2>Calls</h2><table><tr><th></th><th>function</th><th>result</th><th>ms</th></tr>');
    for (const p of report.probes) {
      const result = p.status === 'ok' ? `<code>${e(formatValue(p.value))}</code>${p.freedWith ? ` <span class="muted">freed with ${e(p.freedWith)}</span>` : ''}` : e(p.error ?? p.status);
      parts.push(row([`<span class="tag ${p.status === 'ok' ? 'ok' : 'failed'}">${e(p.status)}</span>`, `<code>${e(p.name)}</code>`, result, p.ms !== undefined ? p.ms.toFixed(2) : '']));
    }
    parts.push('</table>');
  }
  if (report.leaks.length > 0) {
    parts.push('<h2>Leak check</h2><table><tr><th></th><th>pair</th><th>bytes / iteration</th><th>rounds</th></tr>');
    for (const l of report.leaks) {
      const pair = l.destructor ? `${l.constructor} / ${l.destructor}` : `${l.constructor} (no destructor)`;
      parts.push(row([`<span class="tag ${l.verdict === 'ok' ? 'ok' : 'failed'}">${e(l.verdict)}</span>`, `<code>${e(pair)}</code>`, `${l.bytesPerIteration} (${e(l.measure)})`, e(`${l.roundBytesPerIteration.join(', ')} × ${l.iterations}`)]));
    }
    parts.push('</table>');
  }
  if (report.notes.length > 0) parts.push(`<h2>Notes</h2><ul>${report.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
  parts.push(`<p class="muted">${e(summaryOf(report))}${report.loadMs !== undefined ? ` — koffi.load ${report.loadMs.toFixed(2)} ms` : ''}</p>`);
  parts.push('<p><button id="rerun">Run again</button> <button id="text">Show as text</button></p>');
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${options.cspSource} 'unsafe-inline'; script-src 'nonce-${options.nonce}';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
h1.ok { color: var(--vscode-testing-iconPassed); } h1.failed, h1.crashed, h1.refused { color: var(--vscode-errorForeground); }
.muted { opacity: .75; } table { border-collapse: collapse; } td, th { padding: 2px 10px 2px 0; text-align: left; vertical-align: top; }
.tag { padding: 0 6px; border-radius: 3px; } .tag.ok { background: var(--vscode-testing-iconPassed); color: var(--vscode-editor-background); }
.tag.failed { background: var(--vscode-errorForeground); color: var(--vscode-editor-background); }
.box { border-left: 4px solid var(--vscode-errorForeground); padding: 4px 10px; margin: 8px 0; }
</style></head><body>${parts.join('\n')}
<script nonce="${options.nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('rerun').addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
document.getElementById('text').addEventListener('click', () => vscode.postMessage({ type: 'text' }));
</script></body></html>`;
}
