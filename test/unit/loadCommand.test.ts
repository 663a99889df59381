// The editor side of Load plugin that needs no editor: report → diagnostics, the HTML view, which files get a
// code lens, and that the extension bundle never pulls koffi into the extension host (run `npm run build` first).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CARGO_SHORT_LINE, parseCargoShort } from '../../client/src/loadCommand/cargoProblems';
import { isCdylibManifest, manifestOfCrateRoot } from '../../client/src/loadCommand/crateRoots';
import { reportFindings } from '../../client/src/loadCommand/reportFindings';
import { escapeHtml, reportHtml } from '../../client/src/loadCommand/reportHtml';
import type { LoadReport } from '../../client/src/loader/report';
import { writeTree } from '../support/engine';

const range = (line: number) => ({ start: { line, character: 7 }, end: { line, character: 17 } });
const locations = { config_new: { file: '/c/src/lib.rs', range: range(4) }, session_new: { file: '/c/src/s.rs', range: range(9) }, plugin_reset: { file: '/c/src/lib.rs', range: range(12) } };

function report(overrides: Partial<LoadReport>): LoadReport {
  return { version: 1, status: 'failed', library: '/t/libc.so', missingSymbols: [], staleSymbols: [], probes: [], leaks: [], notes: [], stderr: '', totalMs: 1, ...overrides };
}

describe('load command (no editor needed)', () => {
  test('a crash in config_new becomes an error on config_new; leaks and missing symbols land on their functions', () => {
    const findings = reportFindings(
      report({
        status: 'crashed',
        crash: { kind: 'signal', signal: 'SIGSEGV', step: 'call config_new', functions: ['config_new'], message: 'SIGSEGV during call config_new' },
        missingSymbols: [{ name: 'plugin_reset', message: '`plugin_reset` is in the source but not in the library' }],
        leaks: [{ constructor: 'session_new', destructor: 'session_free', measure: 'mallinfo2', verdict: 'leak', iterations: 100, roundBytesPerIteration: [33, 32, 32], bytesPerIteration: 32 }, { constructor: 'config_new', destructor: 'config_free', measure: 'mallinfo2', verdict: 'ok', iterations: 100, roundBytesPerIteration: [], bytesPerIteration: 0 }],
      }),
      locations,
    );
    assert.deepEqual(
      findings.map((f) => [f.symbol, f.location.file, f.severity]),
      [
        ['config_new', '/c/src/lib.rs', 'error'],
        ['plugin_reset', '/c/src/lib.rs', 'error'],
        ['session_new', '/c/src/s.rs', 'warning'],
      ],
    );
    assert.equal(findings[0].message, 'Load plugin: SIGSEGV during call config_new; the host process would die the same way');
    assert.match(findings[2].message, /`session_new` \+ `session_free` leak 32 bytes per call pair \(mallinfo2\)/);
  });

  test('the webview escapes what the plugin returned and allows only its own nonce script', () => {
    const html = reportHtml(report({ status: 'ok', probes: [{ name: 'plugin_name', declaration: 'const char * plugin_name(void)', status: 'ok', value: '<img src=x onerror=alert(1)>' }] }), { nonce: 'abc123', cspSource: 'vscode-webview:' });
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes(escapeHtml('"<img src=x onerror=alert(1)>"')));
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<h1 class="ok">Loaded, nothing failed<\/h1>/);
  });

  test('code lens files: a cdylib manifest and its library root (default or [lib] path), nothing else', () => {
    const cdylib = '[package]\nname = "p"\nversion = "0.1.0"\n\n[lib]\ncrate-type = ["rlib", "cdylib"]\n';
    const root = writeTree({
      'p/Cargo.toml': cdylib,
      'p/src/lib.rs': '',
      'p/src/other.rs': '',
      'q/Cargo.toml': '[package]\nname = "q"\nversion = "0.1.0"\n\n[lib]\npath = "plugin.rs"\ncrate-type = ["cdylib"]\n',
      'q/plugin.rs': '',
      'r/Cargo.toml': '[package]\nname = "r"\nversion = "0.1.0"\n',
      'r/src/lib.rs': '',
    });
    assert.ok(isCdylibManifest(cdylib));
    assert.equal(manifestOfCrateRoot(path.join(root, 'p/src/lib.rs')), path.join(root, 'p/Cargo.toml'));
    assert.equal(manifestOfCrateRoot(path.join(root, 'p/src/other.rs')), undefined);
    assert.equal(manifestOfCrateRoot(path.join(root, 'q/plugin.rs')), path.join(root, 'q/Cargo.toml'));
    assert.equal(manifestOfCrateRoot(path.join(root, 'r/src/lib.rs')), undefined);
  });

  test('the extension and CLI bundles never require koffi; only the loader child does', () => {
    const dist = path.join(__dirname, '..', '..', 'dist');
    for (const bundle of ['extension.js', 'cli.js']) assert.doesNotMatch(readFileSync(path.join(dist, bundle), 'utf8'), /require\("koffi"\)/, bundle);
    assert.match(readFileSync(path.join(dist, 'loaderChild.js'), 'utf8'), /require\("koffi"\)/);
  });

  test('package.json: the command is named as documented, restricted to trusted workspaces, and the problem matcher is the tested regexp', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const command = manifest.contributes.commands.find((c: { command: string }) => c.command === 'rustPluginGuard.loadPlugin');
    assert.deepEqual(command, { command: 'rustPluginGuard.loadPlugin', title: 'Load plugin', category: 'Rust Plugin Guard', enablement: 'isWorkspaceTrusted' });
    assert.deepEqual(manifest.contributes.menus.commandPalette.find((m: { command: string }) => m.command === 'rustPluginGuard.loadPlugin'), { command: 'rustPluginGuard.loadPlugin', when: 'isWorkspaceTrusted' });
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'rust-plugin-guard-cargo');
    assert.equal(matcher.pattern.regexp, CARGO_SHORT_LINE.source);
    assert.ok(manifest.contributes.languages.some((l: { id: string }) => l.id === 'rust-plugin-guard-report'));
  });

  test('cargo paths: the extension resolves them against the cargo workspace root (not the VS Code folder); the contributed matcher auto-detects against the folder', () => {
    // A cargo workspace in a subfolder: cargo prints members' paths relative to its root, dependencies' absolute.
    const output = 'plugins/gain/src/lib.rs:4:5: error[E0425]: cannot find value `x` in this scope\n/home/u/dep/src/lib.rs:1:1: warning: unused import\n   Compiling gain v0.1.0\n';
    const problems = parseCargoShort(output, '/ws/rust');
    assert.deepEqual(problems.map((p) => [p.file, p.line, p.column, p.severity, p.code]), [
      [path.resolve('/ws/rust', 'plugins/gain/src/lib.rs'), 4, 5, 'error', 'E0425'],
      [path.resolve('/home/u/dep/src/lib.rs'), 1, 1, 'warning', undefined],
    ]);
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'rust-plugin-guard-cargo');
    // autoDetect: relative to the folder when the file exists there, else absolute (docs/loader.md: `base` + `fileLocation` for a subfolder workspace).
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
    assert.deepEqual([matcher.owner, matcher.source], ['rust', 'cargo']);
  });
});
