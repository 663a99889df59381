// End-to-end: the packed .vsix in a real VS Code (code-server 4.99.4) driven in Chromium through its UI.
// Works on temporary copies of examples/ and never writes into the repository (except test-results/).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { codeServerCached, ensureCodeServer } from './codeServerInstall';
import { startCodeServer, type CodeServer } from './codeServer';
import { wasmGuestSteps } from './wasmGuest';
import { wasmLoadSteps } from './wasmLoad';
import { UI_TIMEOUT, Workbench } from './workbench';

const root = path.join(__dirname, '..', '..');
const results = path.join(root, 'test-results', 'e2e');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LOAD_PLUGIN = 'rustPluginGuard.loadPlugin';

const timings: Record<string, number> = {};
/** The parts of the workbench right of the side bar: what the README's pictures show. */
const EDITOR_AND_PANEL = ['.part.banner', '.part.editor', '.part.panel'];
let screenshotIndex = 0;

async function step<T>(page: Page | undefined, name: string, body: () => Promise<T>): Promise<T> {
  const started = Date.now();
  process.stdout.write(`e2e: ${name} … `);
  try {
    const value = await body();
    timings[name] = Date.now() - started;
    console.log(`ok (${timings[name]} ms)`);
    if (page) await page.screenshot({ path: path.join(results, `${String(++screenshotIndex).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) });
    return value;
  } catch (error) {
    console.log('FAILED');
    if (page) await page.screenshot({ path: path.join(results, `FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) }).catch(() => undefined);
    throw new Error(`e2e step "${name}" failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

function copyExamples(parent: string, name: string): string {
  const dir = path.join(parent, name);
  cpSync(path.join(root, 'examples'), dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}target`) });
  return dir;
}

function contributesLoadPlugin(): boolean {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands?: { command: string }[] } };
  return manifest.contributes.commands?.some((c) => c.command === LOAD_PLUGIN) ?? false;
}

/** The extension host logs "ExtensionService#_doActivateExtension <id>, startup: …, activationEvent: '…'" (what activated it, not how long). */
function activationFromLogs(userDataDir: string): string | undefined {
  const found = spawnSync('grep', ['-rh', 'ExtensionService#_doActivateExtension rust-plugin-guard', path.join(userDataDir, 'logs')], { encoding: 'utf8' }).stdout;
  return /_doActivateExtension (.*)$/m.exec(found)?.[1]?.trim();
}

/**
 * Runs "Load plugin" from the palette on examples/plugin: "Build first" (cargo build in the temporary copy),
 * the first-load confirmation dialog, then the report webview.
 * The example plugin imports `host_log` from its host: the loader stubs it (a rustc-built library loaded before
 * the plugin), so the plugin loads alone and the report lists the stubbed host function. A load needs the loader
 * child to run koffi from the installed .vsix (without koffi it dies at start).
 */
async function loadExamplePlugin(wb: Workbench): Promise<void> {
  // From the crate root, as a plugin author would: the report opens beside the source.
  await wb.activateTab('lib.rs');
  // Back to the top, where the crate root's lenses are.
  await wb.page.locator('.monaco-editor.focused').waitFor({ timeout: UI_TIMEOUT });
  await wb.page.keyboard.press('Control+Home');
  await expectLens(wb, 'Load plugin');
  // lib.rs belongs to the cdylib crate greeter-plugin: no question which crate, only which build.
  await wb.runCommand('Rust Plugin Guard: Load plugin');
  await wb.pickQuickInput('Load plugin: which build?', 'debug');
  await wb.pickQuickInput('Load plugin: build the crate first?', 'Build first');
  // cargo builds the temporary copy (a few seconds cold), then the modal asks once per library.
  await wb.answerDialog('Load libgreeter_plugin.so?', 'Load');
  const { tab, body } = wb.webview('Load: greeter-plugin');
  await tab.waitFor({ timeout: UI_TIMEOUT });
  await body.locator('h1.ok', { hasText: 'Loaded, nothing failed' }).waitFor({ timeout: UI_TIMEOUT });
  await body.locator('td', { hasText: 'host_log' }).first().waitFor({ timeout: UI_TIMEOUT });
  // The vtable export returns a #[repr(C)] struct by value: called, its fields read.
  await body.locator('td', { hasText: 'abi_version: 1, on_event: non-null' }).first().waitFor({ timeout: UI_TIMEOUT });
  await body.locator('li', { hasText: 'greeter_new not called: takes arguments the loader cannot invent' }).waitFor({ timeout: UI_TIMEOUT });
  // The crate root's lens now offers the last result too.
  await expectLens(wb, 'last load: ok');
  // The report's text went to the Output panel too (its last line is in view: the channel scrolls to the end).
  await wb.waitForOutput((t) => /^summary: [1-9]\d* probes? ok, 0 failed/m.test(t), 'the report summary');
}

/**
 * Waits for a code lens. VS Code computes an editor's lenses a debounce (≥ 250 ms) after its model is set and
 * cancels that when the editor loses focus before then, until it is focused again: a step that moves focus right
 * after opening a file (to the Problems filter) saw no lens for minutes. Callers wait while the editor has focus.
 */
async function expectLens(wb: Workbench, title: string): Promise<void> {
  try {
    await wb.codeLens(title).waitFor({ timeout: UI_TIMEOUT });
  } catch {
    const drawn = await wb.page.locator('.monaco-editor .codelens-decoration').allTextContents().catch(() => []);
    throw new Error(`the code lens "${title}" was not drawn within ${UI_TIMEOUT / 1000} s (lenses drawn: ${JSON.stringify(drawn)})`);
  }
}

/** The text report in the Output panel (maximised so that the editor renders every line): exports and verdict. */
async function textReport(wb: Workbench): Promise<string> {
  await wb.runCommand('View: Toggle Maximized Panel');
  const text = await wb.waitForOutput((t) => /^load report: /m.test(t) && /^summary: /m.test(t), 'a whole load report');
  const exports = /^exports: \d+ symbols: (.*)$/m.exec(text)?.[1]?.split(', ') ?? [];
  for (const symbol of ['greeter_new', 'greeter_free', 'greeter_set_level', 'greeter_set_greeting', 'greeter_vtable']) check(exports.includes(symbol), `exports line lacks ${symbol}:\n${text}`);
  check(!exports.includes('greeter_identity'), `a generic function cannot be exported, yet the report lists it:\n${text}`);
  check(/^load report: ok$/m.test(text), `verdict line:\n${text}`);
  check(/^host: host_log \(src\/lib\.rs:\d+\) /m.test(text), `the report should list the stubbed host import host_log:\n${text}`);
  check(/^crate: greeter-plugin \(debug\) /m.test(text), `crate line:\n${text}`);
  check(/^probe ok: greeter_vtable = \{ abi_version: 1, on_event: non-null \}/m.test(text), `the vtable export returns a struct by value, which the loader reads:\n${text}`);
  return text;
}

async function main(): Promise<void> {
  const started = Date.now();
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), 'rpg-e2e-'));
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let passed = false;
  try {
    const cached = codeServerCached();
    const entry = await step(undefined, cached ? 'code-server (cached)' : 'install code-server (cold)', async () => ensureCodeServer());
    const vsix = await step(undefined, 'package the extension', async () => {
      const out = path.join(work, 'vsix');
      const packed = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--no-build', '--out-dir', out], { cwd: root, encoding: 'utf8' });
      check(packed.status === 0, packed.stderr);
      return path.join(out, `rust-plugin-guard-${process.platform}-${process.arch}.vsix`);
    });
    server = await step(undefined, 'start code-server with the .vsix installed', () => startCodeServer(entry, vsix, path.join(work, 'session')));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const wb = new Workbench(page);
    const guestSteps = () => wasmGuestSteps({ wb, url: server!.url, work, results, step, pictureParts: EDITOR_AND_PANEL, waitForFile });
    if (process.env.RPG_E2E_ONLY === 'wasm-guest') {
      await guestSteps();
      passed = true;
      return;
    }
    const loadSteps = () => wasmLoadSteps({ wb, url: server!.url, work, results, step, pictureParts: EDITOR_AND_PANEL });
    if (process.env.RPG_E2E_ONLY === 'wasm-load') {
      await loadSteps();
      passed = true;
      return;
    }

    // Trusted copy.
    const trusted = copyExamples(work, 'trusted');
    await step(page, 'open the trusted workspace', async () => {
      await wb.open(server!.url, trusted);
      await wb.answerTrust(true);
      await wb.restrictedModeIndicator().waitFor({ state: 'detached' });
    });
    await step(page, 'workspace scope: the host crate’s findings without opening a file', async () => {
      await wb.showProblems();
      // host/src/main.rs is never opened: its findings come from the server's pass over the workspace.
      await wb.waitForProblems('HostConfig', (rows) => rows.some((r) => r.severity === 'error' && r.text.includes('`HostConfig` crosses the C boundary') && r.text.includes('missing-repr-c')), 'missing-repr-c on the host’s HostConfig');
      check((await page.locator('.tab[aria-label*="main.rs"]').count()) === 0, 'host/src/main.rs must not be open');
      // The whole list for the picture: every crate's files, none of them open, and the Explorer marking them.
      await page.getByPlaceholder(/^Filter \(e\.g\. text/).fill('');
      await wb.waitForProblems('', (rows) => rows.some((r) => r.text.includes('`PluginConfig` crosses the C boundary')), 'the plugin’s findings as well');
      await wb.screenshotOf(path.join(results, 'readme-workspace-diagnostics.png'), ['.part.sidebar', '.part.panel']);
    });
    await step(page, 'the server log in the Rust Plugin Guard output channel', async () => {
      await wb.runCommand('Rust Plugin Guard: Show server log');
      // A line the panel wraps continues on screen lines without a timestamp: joined back here.
      const unwrapped = (t: string) => t.replace(/\n(?!\d{4}-\d\d-\d\d )/g, '');
      const log = unwrapped(
        await wb.waitForOutput((t) => {
          const text = unwrapped(t);
          return (
            /\[info\] Rust Plugin Guard \d+\.\d+\.\d+ \(server, Node\.js v[\d.]+\), diagnostics\.scope: workspace$/m.test(text) &&
            /\[info\] found 2 crates: greeter-host \(bin, host\/\), greeter-plugin \(cdylib, plugin\/\)$/m.test(text) &&
            /\[info\] checked greeter-host \(bin\), 1 file, in \d+ ms: 1 error$/m.test(text) &&
            /\[info\] checked greeter-plugin \(cdylib\), 3 files, in \d+ ms: \d+ errors, \d+ warnings?$/m.test(text) &&
            /\[info\] workspace: 2 crates without an open file checked in \d+ ms$/m.test(text)
          );
        }, 'the version, the crates found and one line per analysis'),
      );
      check(!/\[error\]/.test(log), `the server logged errors:\n${log}`);
      await wb.screenshotOf(path.join(results, 'readme-output-channel.png'), ['.part.panel']);
    });
    await step(page, 'diagnostics in the Problems panel', async () => {
      await wb.openFile('plugin/src/lib.rs');
      // While the editor has focus (see expectLens).
      await expectLens(wb, 'Load plugin');
      await wb.showProblems();
      await wb.waitForProblems('greeter_set_greeting', (rows) => rows.some((r) => r.severity === 'warning' && r.text.includes('`&str` crosses the C boundary in `greeter_set_greeting`') && r.text.includes('ffi-unsafe-type')), 'ffi-unsafe-type as a warning');
      await wb.waitForProblems('greeter_identity', (rows) => rows.some((r) => r.severity === 'error' && r.text.includes('`greeter_identity` is generic over `T`') && r.text.includes('generic-export')), 'generic-export as an error');
      await wb.waitForProblems('PluginConfig', (rows) => rows.some((r) => r.severity === 'error' && r.text.includes('`PluginConfig` crosses the C boundary in `greeter_new`') && r.text.includes('missing-repr-c')), 'missing-repr-c on PluginConfig as an error');
      await wb.screenshotOf(path.join(results, 'readme-diagnostics.png'), EDITOR_AND_PANEL);
    });
    await step(page, 'quick fix with Ctrl+. adds repr(C)', async () => {
      const config = path.join(trusted, 'plugin', 'src', 'config.rs');
      const before = readFileSync(config, 'utf8');
      check(!/#\[repr\(C\)\]\s*pub struct PluginConfig/.test(before), 'config.rs already has #[repr(C)] on PluginConfig');
      await wb.applyQuickFix('`PluginConfig` crosses the C boundary in `greeter_new`', 'repr(C)');
      await wb.waitForProblems('PluginConfig', (rows) => !rows.some((r) => r.text.includes('`PluginConfig` crosses the C boundary in `greeter_new`')), 'the PluginConfig finding gone');
      // The fix edits config.rs, which is not open: VS Code holds it as an unsaved model until Save All.
      await wb.runCommand('File: Save All Files');
      // Wait for the fixed text itself: a read while the editor writes may see an empty or partial file.
      await waitForFile(config, (text) => /#\[repr\(C\)\]\s*(?:#\[[^\]]*\]\s*)*pub struct PluginConfig/.test(text), '#[repr(C)] on PluginConfig');
    });
    await step(page, 'settings: generic-export becomes a warning', async () => {
      await setWorkspaceRules(wb, { 'generic-export': 'warning' });
      await wb.waitForProblems('greeter_identity', (rows) => rows.some((r) => r.text.includes('`greeter_identity` is generic') && r.severity === 'warning'), 'generic-export at warning severity');
    });
    await step(page, 'settings: generic-export off', async () => {
      await setWorkspaceRules(wb, { 'generic-export': 'off' });
      await wb.waitForProblems('greeter_identity', (rows) => !rows.some((r) => r.text.includes('generic-export')), 'generic-export gone');
      await wb.waitForProblems('greeter_set_greeting', (rows) => rows.some((r) => r.text.includes('ffi-unsafe-type')), 'ffi-unsafe-type kept');
    });
    check(contributesLoadPlugin(), `package.json does not contribute ${LOAD_PLUGIN}`);
    await step(page, 'Load plugin is offered in the trusted workspace', async () => {
      const entries = await wb.commandPaletteEntries('Rust Plugin Guard: Load plugin');
      check(entries.some((e) => /Load plugin/i.test(e)), `palette entries: ${entries.join(', ')}`);
    });
    await step(page, 'Load plugin outside a cdylib crate asks, by package name', async () => {
      await wb.openFile('host/src/main.rs');
      await wb.runCommand('Rust Plugin Guard: Load plugin');
      const widget = page.locator('.quick-input-widget');
      await widget.locator('.quick-input-title', { hasText: /^\s*Load plugin\s*$/ }).waitFor({ timeout: UI_TIMEOUT });
      await widget.locator('.monaco-list-row .label-name', { hasText: 'greeter-plugin' }).first().waitFor({ timeout: UI_TIMEOUT });
      const labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((l) => l.trim());
      check(labels[0] === 'greeter-plugin' && !labels.includes('plugin'), `crate choices: ${labels.join(', ')}`);
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    });
    await step(page, 'Load plugin: build, confirm, the report webview', async () => {
      await loadExamplePlugin(wb);
      await wb.screenshotOf(path.join(results, 'readme-load-plugin.png'), EDITOR_AND_PANEL);
    });
    const report = await step(page, 'Load plugin: the text report in the Output panel', () => textReport(wb));
    await step(page, 'the Plugins view: the plugin, its exports and its last load', async () => {
      await wb.runCommand('View: Toggle Maximized Panel');
      await wb.runCommand('View: Show Explorer');
      const header = wb.page.locator('.part.sidebar .pane-header', { hasText: /^Plugins/ }).first();
      await header.waitFor({ timeout: UI_TIMEOUT });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      // The folder tree above takes the room: collapsed, every row of the plugin is drawn (the list draws only what is in view).
      const folders = wb.page.locator('.part.sidebar .pane-header[aria-expanded="true"]', { hasText: /^trusted/i }).first();
      if (await folders.count()) await folders.click();
      const row = (label: string | RegExp) => wb.page.locator('.part.sidebar .monaco-list-row', { hasText: label }).first();
      await row(/greeter-plugin\s*0\.1\.0\s*·\s*last load: ok/).waitFor({ timeout: UI_TIMEOUT });
      await row(/kind\s*native cdylib/).waitFor({ timeout: UI_TIMEOUT });
      await row(/exports/).waitFor({ timeout: UI_TIMEOUT });
      await wb.screenshotOf(path.join(results, 'readme-plugins-view.png'), ['.part.sidebar']);
    });
    await step(page, 'the Plugins view: Build on a stale build runs cargo and the item turns up to date', async () => {
      // A source newer than the library the load built (as after an edit): stale once the view asks again.
      const now = new Date();
      utimesSync(path.join(trusted, 'plugin', 'src', 'lib.rs'), now, now);
      await wb.runCommand('Rust Plugin Guard: Refresh');
      const buildRow = wb.page.locator('.part.sidebar .monaco-list-row', { hasText: /^\s*build\s*stale/ }).first();
      await buildRow.waitFor({ timeout: UI_TIMEOUT });
      await buildRow.hover();
      await buildRow.locator('.action-label[aria-label="Build"]').click();
      // The task's cargo build writes a newer library; its end refreshes the view.
      await wb.page.locator('.part.sidebar .monaco-list-row', { hasText: /^\s*build\s*up to date/ }).first().waitFor({ timeout: UI_TIMEOUT * 2 });
    });
    const activation = await step(page, 'activation time in Show Running Extensions', async () => {
      await wb.page.locator('.part.editor').waitFor({ timeout: UI_TIMEOUT });
      return wb.activationTime('Rust Plugin Guard');
    });

    await guestSteps();
    await loadSteps();

    // Untrusted copy.
    const untrusted = copyExamples(work, 'untrusted');
    await step(page, 'open the untrusted workspace (Restricted Mode)', async () => {
      await wb.open(server!.url, untrusted);
      await wb.answerTrust(false);
      await wb.restrictedModeIndicator().waitFor();
    });
    await step(page, 'untrusted: diagnostics still work', async () => {
      await wb.openFile('plugin/src/lib.rs');
      await wb.showProblems();
      await wb.waitForProblems('PluginConfig', (rows) => rows.some((r) => r.text.includes('`PluginConfig` crosses the C boundary in `greeter_new`') && r.text.includes('missing-repr-c')), 'missing-repr-c in the untrusted copy');
      await wb.screenshotOf(path.join(results, 'readme-restricted-mode.png'), EDITOR_AND_PANEL);
    });
    await step(page, 'untrusted: Load plugin is not offered', async () => {
      const entries = await wb.commandPaletteEntries('Rust Plugin Guard: Load plugin');
      check(!entries.some((e) => /Load plugin/i.test(e)), `Load plugin offered in Restricted Mode: ${entries.join(', ')}`);
    });
    const activationEvent = activationFromLogs(server.userDataDir);
    const vsixBytes = statSync(vsix).size;
    console.log(`e2e: activation ${activation.ms} ms ("${activation.shown}" in Show Running Extensions; ${activationEvent ?? 'no activation line in the logs'})`);
    console.log(`e2e: ${report.split('\n')[0]}; .vsix ${(vsixBytes / 1024 / 1024).toFixed(2)} MiB`);
    console.log(`e2e: passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(root, results)}`);
    const timing = { totalMs: Date.now() - started, codeServerCached: cached, activationMs: activation.ms, activationShown: activation.shown, activationEvent, vsixBytes, steps: timings };
    writeFileSync(path.join(results, 'timings.json'), JSON.stringify(timing, null, 2));
    passed = true;
  } finally {
    await browser?.close();
    // A failed run keeps the workbench's logs (extension host, the server's output channel) beside its screenshots.
    if (!passed && server) cpSync(path.join(server.userDataDir, 'logs'), path.join(results, 'logs'), { recursive: true });
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Polls a file on disk until `predicate` holds on its text (the editor writes it asynchronously). */
async function waitForFile(file: string, predicate: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + UI_TIMEOUT;
  let text = readFileSync(file, 'utf8');
  while (!predicate(text)) {
    if (Date.now() > deadline) throw new Error(`${file} never showed ${what}; it holds:\n${text}`);
    // A poll interval, not a sleep: the condition is re-checked until the deadline.
    await new Promise((resolve) => setTimeout(resolve, 25));
    text = readFileSync(file, 'utf8');
  }
  return text;
}

/** Replaces the workspace settings through the "Open Workspace Settings (JSON)" editor and saves. */
async function setWorkspaceRules(wb: Workbench, rules: Record<string, string>): Promise<void> {
  await wb.runCommand('Preferences: Open Workspace Settings (JSON)');
  await wb.page.locator('.tab.active[aria-label*="settings.json"]').waitFor();
  await wb.page.locator('.monaco-editor.focused').waitFor();
  await wb.page.keyboard.press('Control+a');
  // insertText types like a paste, so the editor's bracket auto-closing does not double the braces.
  await wb.page.keyboard.insertText(JSON.stringify({ 'rustPluginGuard.rules': rules }, null, 2));
  await wb.page.keyboard.press('Control+s');
  await wb.waitForAllSaved();
  await wb.showProblems();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
