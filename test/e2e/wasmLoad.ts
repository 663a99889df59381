// The e2e steps of loading a WebAssembly guest (issue 14): a copy of test/fixtures/wasm-guests/good (canonical-ABI
// exports written by hand, wasm32-unknown-unknown in its .cargo/config.toml) opened in the workbench; "Load
// plugin" builds it with a compiler that has the wasm32 std (Debian's rustc here), asks once about the .wasm,
// and shows the report webview: every export called through jco, 0 B/call, the host import stubbed.
// `RPG_E2E_ONLY=wasm-load npm run test:e2e` runs these steps alone.
import { cpSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { UI_TIMEOUT, type Workbench } from './workbench';

export interface LoadStepsContext {
  wb: Workbench;
  url: string;
  /** A temporary folder the fixture is copied into. */
  work: string;
  results: string;
  step: <T>(page: Page | undefined, name: string, body: () => Promise<T>) => Promise<T>;
  pictureParts: string[];
}

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'wasm-guests', 'good');

export async function wasmLoadSteps({ wb, url, work, results, step, pictureParts }: LoadStepsContext): Promise<void> {
  // The fixture includes the plumbing the fixtures share from `../../common/`: copied beside it.
  const dir = path.join(work, 'wasm-load', 'good');
  cpSync(FIXTURE, dir, { recursive: true, filter: (source) => path.basename(source) !== 'target' });
  cpSync(path.join(FIXTURE, '..', 'common'), path.join(work, 'wasm-load', 'common'), { recursive: true });
  await step(wb.page, 'wasm load: open the guest crate', async () => {
    await wb.open(url, dir);
    await wb.answerTrust(true);
    await wb.openFile('src/lib.rs');
  });
  await step(wb.page, 'wasm load: Load plugin builds the guest for wasm32 and shows the report', async () => {
    await wb.runCommand('Rust Plugin Guard: Load plugin');
    await wb.pickQuickInput('Load plugin: which build?', 'debug');
    await wb.pickQuickInput('Load plugin: build the crate first?', 'Build first');
    await wb.answerDialog('Load good_guest.wasm?', 'Load');
    const { tab, body } = wb.webview('Load: good-guest');
    await tab.waitFor({ timeout: UI_TIMEOUT * 2 });
    await body.locator('h1.ok', { hasText: 'Loaded, nothing failed' }).waitFor({ timeout: UI_TIMEOUT * 2 });
    await body.locator('td', { hasText: 'rpg:guest/text@0.1.0#first-word("rpg-probe")' }).first().waitFor({ timeout: UI_TIMEOUT });
    await body.locator('td', { hasText: 'some("rpg-probe")' }).first().waitFor({ timeout: UI_TIMEOUT });
    await body.locator('td', { hasText: 'rpg:guest/host@0.1.0#log' }).first().waitFor({ timeout: UI_TIMEOUT });
    await wb.screenshotOf(path.join(results, 'readme-wasm-load.png'), pictureParts);
  });
}
