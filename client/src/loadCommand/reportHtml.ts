// The report as a small HTML page for the webview: the verdict first, then probes, leaks and the crash.
// Pure (no vscode import). Every interpolated value goes through the `html` template tag, which escapes it,
// numbers included: report values come from the child process, which runs plugin code.
import { callText, crashesOf, crashText, formatValue, leftRunningText, summaryOf } from '../loader/formatText';
import type { LoadReport, ProbeStatus } from '../loader/report';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Markup built by `html`: inserted as is by an enclosing `html`. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Template tag: escapes every value except Markup; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const piece = (value: unknown): string => {
    if (value instanceof Markup) return value.text;
    if (Array.isArray(value)) return value.map(piece).join('');
    if (value === undefined || value === null || value === false) return '';
    return escapeHtml(String(value));
  };
  return new Markup(strings.reduce((out, s, i) => out + s + (i < values.length ? piece(values[i]) : ''), ''));
}

const HEADLINE: Record<LoadReport['status'], string> = {
  ok: 'Loaded, nothing failed',
  failed: 'Loaded, but something failed',
  crashed: 'The plugin crashed the loader process',
  refused: 'Not loaded',
};
const STATUS_CLASS: Record<LoadReport['status'], string> = { ok: 'ok', failed: 'failed', crashed: 'crashed', refused: 'refused' };
const TAG_CLASS: Record<ProbeStatus, string> = { ok: 'ok', suspicious: 'failed', failed: 'failed', crashed: 'failed', 'not-run': 'failed' };

const row = (cells: unknown[]) => html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>`;
const tag = (cls: string, text: string) => html`<span class="tag ${cls}">${text}</span>`;
const fixed = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : '');

export function reportHtml(report: LoadReport, options: { nonce: string; cspSource: string }): string {
  const parts: Markup[] = [];
  parts.push(html`<h1 class="${STATUS_CLASS[report.status] ?? 'failed'}">${HEADLINE[report.status] ?? report.status}</h1>`);
  parts.push(html`<p class="muted">${report.crate ? `${report.crate.name} (${report.crate.profile}) — ` : ''}${report.library}</p>`);
  for (const crash of crashesOf(report)) parts.push(html`<div class="box crashed"><strong>${crashText(crash, report)}</strong>${crash.panic ? html`<pre>${crash.panic}</pre>` : ''}</div>`);
  if (report.refusal !== undefined) parts.push(html`<div class="box failed">${report.refusal}</div>`);
  if (report.leftRunning) parts.push(html`<div class="box failed">${leftRunningText(report.leftRunning)}</div>`);
  const symbols = [...report.missingSymbols.map((m) => ['missing', m] as const), ...report.staleSymbols.map((m) => ['stale', m] as const), ...(report.wrongSignatures ?? []).map((m) => ['signature', m] as const)];
  if (symbols.length > 0) {
    parts.push(html`<h2>Symbols</h2><table>${symbols.map(([kind, m]) => row([tag('failed', kind), html`<code>${m.name}</code>`, m.message]))}</table>`);
  }
  if (report.probes.length > 0) {
    const rows = report.probes.map((p) => {
      const value = html`<code>${p.valueText ?? formatValue(p.value)}</code>`;
      const result =
        p.status === 'ok'
          ? html`${value}${p.freedWith ? html` <span class="muted">freed with ${p.freedWith}</span>` : ''}`
          : p.status === 'suspicious'
            ? html`${value} ${p.error ?? ''}${p.finding ? html` <span class="muted">(${p.finding.rule} at ${p.finding.at})</span>` : ''}`
            : html`${p.error ?? p.status}`;
      return row([tag(TAG_CLASS[p.status] ?? 'failed', p.status), html`<code>${callText(p)}</code>`, result, fixed(p.ms)]);
    });
    parts.push(html`<h2>Calls</h2><table><tr><th></th><th>function</th><th>result</th><th>ms</th></tr>${rows}</table>`);
  }
  if (report.leaks.length > 0) {
    const rows = report.leaks.map((l) => {
      // A WebAssembly guest's export, repeated: its post-return function is not a destructor the loader calls.
      const pair = l.measure === 'wasm-memory' ? `${l.constructor}${l.destructor ? ` (post-return ${l.destructor})` : ''}` : l.destructor ? `${l.constructor} / ${l.destructor}` : `${l.constructor} (no destructor)`;
      return row([tag(l.verdict === 'ok' ? 'ok' : 'failed', l.verdict), html`<code>${pair}</code>`, html`${l.bytesPerIteration} (${l.measure})`, html`${l.roundBytesPerIteration.join(', ')} × ${l.iterations}`]);
    });
    parts.push(html`<h2>Leak check</h2><table><tr><th></th><th>pair</th><th>bytes / iteration</th><th>rounds</th></tr>${rows}</table>`);
  }
  const host = report.hostStubs?.functions ?? [];
  if (host.length > 0) {
    const rows = host.map((f) => row([html`<code>${f.symbol}</code>`, f.declaredAt, `${f.atLeast ? '≥ ' : ''}${f.calls}`, html`<code>${f.arguments.slice(0, 5).map((a) => `(${a.join(', ')})`).join(' ')}${f.arguments.length > 5 ? ' …' : ''}</code>`]));
    parts.push(html`<h2>Host functions (stubbed)</h2><table><tr><th>function</th><th>declared</th><th>calls</th><th>arguments</th></tr>${rows}</table>`);
  }
  if (report.notes.length > 0) parts.push(html`<h2>Notes</h2><ul>${report.notes.map((n) => html`<li>${n}</li>`)}</ul>`);
  const loader = report.leaks.some((l) => l.measure === 'wasm-memory') || report.library.endsWith('.wasm') ? 'jco transpile + instantiate' : 'koffi.load';
  parts.push(html`<p class="muted">${summaryOf(report)}${report.loadMs !== undefined ? ` — ${loader} ${fixed(report.loadMs)} ms` : ''}</p>`);
  parts.push(html`<p><button id="rerun">Run again</button> <button id="text">Show as text</button></p>`);
  return html`<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${options.cspSource} 'unsafe-inline'; script-src 'nonce-${options.nonce}';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
h1.ok { color: var(--vscode-testing-iconPassed); } h1.failed, h1.crashed, h1.refused { color: var(--vscode-errorForeground); }
.muted { opacity: .75; } table { border-collapse: collapse; } td, th { padding: 2px 10px 2px 0; text-align: left; vertical-align: top; }
.tag { padding: 0 6px; border-radius: 3px; } .tag.ok { background: var(--vscode-testing-iconPassed); color: var(--vscode-editor-background); }
.tag.failed { background: var(--vscode-errorForeground); color: var(--vscode-editor-background); }
.box { border-left: 4px solid var(--vscode-errorForeground); padding: 4px 10px; margin: 8px 0; }
</style></head><body>${parts.map((p) => html`${p}\n`)}
<script nonce="${options.nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('rerun').addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
document.getElementById('text').addEventListener('click', () => vscode.postMessage({ type: 'text' }));
</script></body></html>`.text;
}
