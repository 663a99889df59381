// The e2e steps of a WebAssembly component guest (issue 14): a copy of test/fixtures/wit-guests/greeter, whose
// `greet` takes `&str` where wit-bindgen passes a `String`, opened in the workbench; the Problems panel shows
// wit-signature-mismatch, Ctrl+. "Fix signature" rewrites the parameter and the finding goes. Then its `.wit` file
// gets a typo on disk: the Problems panel shows wit-unknown-type while the file is closed (workspace scope), and in
// the open file Ctrl+. "Change to `string`" fixes it.
// `RPG_E2E_ONLY=wasm-guest npm run test:e2e` runs these steps alone.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Workbench } from './workbench';

export interface GuestStepsContext {
  wb: Workbench;
  url: string;
  /** A temporary folder the fixture is copied into. */
  work: string;
  results: string;
  step: <T>(page: Page | undefined, name: string, body: () => Promise<T>) => Promise<T>;
  /** The workbench parts the README's pictures show. */
  pictureParts: string[];
  /** Polls a file until its text satisfies the predicate (the editor saves asynchronously). */
  waitForFile: (file: string, predicate: (text: string) => boolean, what: string) => Promise<string>;
}

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'wit-guests', 'greeter');
const MISMATCH = 'Parameter `name` of `greet` is `&str`';
const UNKNOWN = 'type `sting` does not exist here';

export async function wasmGuestSteps({ wb, url, work, results, step, pictureParts, waitForFile }: GuestStepsContext): Promise<void> {
  const dir = path.join(work, 'wasm-guest');
  cpSync(FIXTURE, dir, { recursive: true });
  const lib = path.join(dir, 'src', 'lib.rs');
  await step(wb.page, 'wasm guest: open the component guest crate', async () => {
    await wb.open(url, dir);
    await wb.answerTrust(true);
  });
  await step(wb.page, 'wasm guest: a wrong signature against the WIT world in the Problems panel', async () => {
    await wb.openFile('src/lib.rs');
    await wb.showProblems();
    await wb.waitForProblems('greet', (rows) => rows.some((r) => r.severity === 'error' && r.text.includes(MISMATCH) && r.text.includes('wit-signature-mismatch')), 'wit-signature-mismatch on greet');
    await wb.screenshotOf(path.join(results, 'readme-wasm-guest.png'), pictureParts);
  });
  await step(wb.page, 'wasm guest: quick fix "Fix signature" takes a String', async () => {
    await wb.applyQuickFix(MISMATCH, 'Fix signature');
    await wb.waitForProblems('greet', (rows) => !rows.some((r) => r.text.includes('wit-signature-mismatch')), 'the signature finding gone');
    await wb.runCommand('File: Save All Files');
    await waitForFile(lib, (text) => text.includes('fn greet(name: String) -> String {'), 'the fixed signature');
  });
  const wit = path.join(dir, 'wit', 'greeter.wit');
  await step(wb.page, 'wit file: a typo saved outside the editor shows in the Problems panel, file closed', async () => {
    writeFileSync(wit, readFileSync(wit, 'utf8').replace('option<string>', 'option<sting>'));
    await wb.waitForProblems('sting', (rows) => rows.some((r) => r.severity === 'error' && r.text.includes(UNKNOWN) && r.text.includes('wit-unknown-type')), 'wit-unknown-type in the closed greeter.wit');
  });
  await step(wb.page, 'wit file: quick fix "Change to `string`" in the open .wit file', async () => {
    await wb.openFile('wit/greeter.wit');
    await wb.screenshotOf(path.join(results, 'readme-wit-file.png'), pictureParts);
    await wb.applyQuickFix(UNKNOWN, 'Change to `string`');
    await wb.waitForProblems('sting', (rows) => !rows.some((r) => r.text.includes(UNKNOWN)), 'the unknown type gone');
    await wb.runCommand('File: Save All Files');
    await waitForFile(wit, (text) => text.includes('set-language: func(code: option<string>)'), 'the fixed .wit file');
  });
}
