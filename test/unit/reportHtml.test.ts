// The report webview's HTML escapes every interpolated value, numbers included: a report's values come from
// the child process, which runs plugin code, so a forged report may carry markup in any field.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeHtml, html, Markup, reportHtml } from '../../client/src/loadCommand/reportHtml';
import type { LoadReport } from '../../client/src/loader/report';

const EVIL = '"><x-evil onclick=alert(1)>\'';
/** A number field holding markup, as a forged message would carry it past a missing check. */
const evilNumber = EVIL as unknown as number;

const TAGS = new Set(['html', 'head', 'meta', 'style', 'body', 'h1', 'h2', 'p', 'div', 'strong', 'pre', 'table', 'tr', 'th', 'td', 'span', 'code', 'ul', 'li', 'button', 'script']);

function hostileReport(): LoadReport {
  return {
    version: 1,
    status: EVIL as LoadReport['status'],
    library: `/tmp/${EVIL}/lib.so`,
    crate: { name: EVIL, manifest: EVIL, profile: EVIL as 'debug' },
    refusal: EVIL,
    loadMs: evilNumber,
    missingSymbols: [{ name: EVIL, message: EVIL, requiredBy: EVIL }],
    staleSymbols: [{ name: EVIL, message: EVIL }],
    wrongSignatures: [{ name: EVIL, message: EVIL }],
    probes: [
      { name: EVIL, declaration: EVIL, status: 'ok', value: EVIL, freedWith: EVIL, ms: evilNumber },
      { name: EVIL, declaration: EVIL, status: 'ok', valueText: EVIL, ms: evilNumber },
      { name: EVIL, declaration: EVIL, status: 'suspicious', value: EVIL, error: EVIL, finding: { rule: EVIL, at: EVIL } },
      { name: EVIL, declaration: EVIL, status: EVIL as 'failed', error: EVIL },
    ],
    leaks: [{ constructor: EVIL, destructor: EVIL, measure: EVIL as 'rss', verdict: EVIL as 'ok', iterations: evilNumber, roundBytesPerIteration: [evilNumber], bytesPerIteration: evilNumber }],
    crash: { kind: 'signal', signal: EVIL, step: EVIL, functions: [EVIL], message: EVIL, panic: EVIL },
    leftRunning: [evilNumber],
    notes: [EVIL],
    stderr: EVIL,
    totalMs: evilNumber,
  };
}

describe('report HTML', () => {
  test('markup in every field and in number fields stays text', () => {
    const page = reportHtml(hostileReport(), { nonce: 'n0nce', cspSource: 'vscode-webview:' });
    assert.doesNotMatch(page, /<x-evil/i, 'no injected element');
    assert.doesNotMatch(page, /onclick=alert\(1\)>'/, 'no unescaped attribute break-out');
    const tags = [...page.matchAll(/<([a-z][a-z0-9-]*)/gi)].map((m) => m[1].toLowerCase());
    assert.deepEqual(tags.filter((t) => !TAGS.has(t)), []);
    assert.equal(tags.filter((t) => t === 'script').length, 1, 'only the page\'s own script');
    assert.ok(page.includes(escapeHtml(EVIL)), 'the hostile text is shown, escaped');
    // Every attribute value is one of ours.
    const classes = [...page.matchAll(/class="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(classes)].filter((c) => !/^(ok|failed|crashed|refused|muted|box (crashed|failed)|tag (ok|failed))$/.test(c)), []);
  });

  test('the html tag escapes numbers and strings, joins arrays, keeps only Markup as markup', () => {
    assert.equal(html`<td>${'<b>'}</td>`.text, '<td>&lt;b&gt;</td>');
    assert.equal(html`${evilNumber}`.text, escapeHtml(EVIL));
    assert.equal(html`${[html`<i>${'&'}</i>`, '<']}`.text, '<i>&amp;</i>&lt;');
    assert.equal(html`${undefined}${null}${false}${0}`.text, '0');
    assert.equal(html`${new Markup('<br>')}`.text, '<br>');
    assert.equal(html`${{ toString: () => '<i>' }}`.text, '&lt;i&gt;', 'an object posing as markup is escaped');
  });
});
