// Drives the VS Code workbench (code-server) through its UI the way a person would: keyboard shortcuts,
// the command palette, quick open, the Problems panel. Every wait is on visible UI state.
import type { Locator, Page } from 'playwright-core';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface ProblemRow {
  text: string;
  severity: Severity;
}

export const UI_TIMEOUT = 60_000;

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string, folder: string): Promise<void> {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: UI_TIMEOUT });
  }

  /** Answers the workspace-trust dialog VS Code shows when a folder opens. */
  async answerTrust(trust: boolean): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box', { hasText: 'trust the authors' });
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByRole('button', { name: trust ? 'Yes, I trust the authors' : "No, I don't trust the authors" }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }

  restrictedModeIndicator(): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: 'Restricted Mode' });
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Opens a file by its workspace-relative path through quick open (Ctrl+P). */
  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press('Control+p');
    await this.quickInput().locator('input.input').waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.insertText(relativePath);
    const name = relativePath.split('/').pop() ?? relativePath;
    await this.quickInput().locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ timeout: UI_TIMEOUT });
  }

  /** A code lens of the visible editors by its title. */
  codeLens(title: string): Locator {
    return this.page.locator('.monaco-editor .codelens-decoration a', { hasText: title }).first();
  }

  /** Brings an open editor to the front by clicking its tab. */
  async activateTab(name: string): Promise<void> {
    await this.page.locator(`.tab[aria-label*="${name}"]`).first().click({ timeout: UI_TIMEOUT });
    await this.page.locator(`.tab.active[aria-label*="${name}"]`).waitFor({ timeout: UI_TIMEOUT });
  }

  /** The command palette's entries matching `query` (titles as shown), after it settled on that query. */
  async commandPaletteEntries(query: string): Promise<string[]> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(`>${query}`);
    // The list shows either matching rows or VS Code's "No matching commands" message.
    const rows = this.quickInput().locator('.monaco-list-row');
    const empty = this.quickInput().locator('.quick-input-message', { hasText: 'No matching commands' });
    await rows.first().or(empty).waitFor({ timeout: UI_TIMEOUT });
    const titles = await rows.locator('.label-name').allInnerTexts();
    await this.page.keyboard.press('Escape');
    await this.quickInput().waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    return titles;
  }

  /** Runs a command by its palette title. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input.input');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(`>${title}`);
    await this.quickInput().locator('.monaco-list-row', { hasText: title }).first().waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
  }

  async showProblems(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+m');
    await this.page.locator('.markers-panel').waitFor({ timeout: UI_TIMEOUT });
  }

  /** Problem rows of the Problems panel as shown now (file rows and related-information rows left out). */
  async problems(): Promise<ProblemRow[]> {
    // A problem row's aria-label starts with its severity ("Error: …"); its text holds the message, the source and the rule id.
    return this.page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) =>
      rows
        .map((row) => ({ label: row.getAttribute('aria-label') ?? '', text: (row.textContent ?? '').replace(/\s+/g, ' ') }))
        .filter((row) => /^(Error|Warning|Info|Hint):/.test(row.label))
        .map((row) => ({ text: row.text, severity: row.label.slice(0, row.label.indexOf(':')).toLowerCase() as Severity })),
    );
  }

  /**
   * Types `filter` into the Problems panel's filter box (the panel lists only visible rows, so a narrow filter
   * keeps the rows of interest on screen) and polls until `predicate` holds on the rows shown.
   */
  async waitForProblems(filter: string, predicate: (rows: ProblemRow[]) => boolean, what: string): Promise<ProblemRow[]> {
    await this.page.getByPlaceholder(/^Filter \(e\.g\. text/).fill(filter);
    const deadline = Date.now() + UI_TIMEOUT;
    let rows: ProblemRow[] = [];
    while (Date.now() < deadline) {
      rows = await this.problems();
      if (predicate(rows)) return rows;
      // Next frame: the panel re-renders as diagnostics arrive.
      await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
    }
    const html = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((r) => r.slice(0, 2).map((e) => e.outerHTML.slice(0, 600)));
    throw new Error(`Problems panel (filter "${filter}") never showed ${what}; it showed:\n${rows.map((r) => `  [${r.severity}] ${r.text}`).join('\n')}\n${html.join('\n')}`);
  }

  /** Selects a problem row (the editor jumps to it), opens the quick fix menu with Ctrl+. and applies `title`. */
  async applyQuickFix(problemText: string, title: string): Promise<void> {
    const row = this.page.locator('.markers-panel .monaco-list-row', { hasText: problemText }).first();
    await row.click();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.monaco-editor.focused').waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Control+.');
    await this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: UI_TIMEOUT });
    // Keyboard only: move the focus down to the action, then Enter (as with the lightbulb menu by hand).
    const rows = await this.page.locator('.action-widget .monaco-list-row').count();
    for (let i = 0; i <= rows; i++) {
      const focused = (await this.page.locator('.action-widget .monaco-list-row.focused').textContent()) ?? '';
      if (focused.includes(title)) break;
      await this.page.keyboard.press('ArrowDown');
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** Picks the entry labelled `label` of the quick pick titled `title` with a click, as a person would. */
  async pickQuickInput(title: string, label: string): Promise<void> {
    const titled = this.quickInput().locator('.quick-input-title', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) });
    await titled.waitFor({ timeout: UI_TIMEOUT });
    const row = this.quickInput().locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) });
    await row.first().click({ timeout: UI_TIMEOUT });
    // The same widget shows the next question; wait until this one is gone.
    await titled.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** Answers a modal dialog (e.g. a modal warning message) that contains `text` with the button `button`. */
  async answerDialog(text: string, button: string): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box', { hasText: text });
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }

  /** The Output view's filter box keeps what was typed into the Problems filter: cleared, every line shows. */
  async clearPanelFilter(): Promise<void> {
    await this.page.locator('.part.panel .title .viewpane-filter input:visible').fill('');
  }

  /** The text of the Output panel's editor once `predicate` holds on it (spaces normalised). */
  async waitForOutput(predicate: (text: string) => boolean, what: string): Promise<string> {
    const lines = this.page.locator('.part.panel .output-view .monaco-editor .view-lines');
    await lines.waitFor({ timeout: UI_TIMEOUT });
    await this.clearPanelFilter();
    const deadline = Date.now() + UI_TIMEOUT;
    let text = '';
    while (Date.now() < deadline) {
      // One entry per rendered line, in screen order (the editor may render them out of order in the DOM).
      text = await lines.evaluate((el) =>
        [...el.querySelectorAll('.view-line')]
          .map((l) => l as unknown as { style: { top: string }; textContent: string | null })
          .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
          .join('\n'),
      );
      if (predicate(text)) return text;
      await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(resolve))');
    }
    throw new Error(`the Output panel never showed ${what}; it showed:\n${text}`);
  }

  /** The body of the webview editor whose tab is titled `title` (webviews nest two iframes). */
  webview(title: string): { tab: Locator; body: Locator } {
    const tab = this.page.locator(`.tab[aria-label*="${title}"]`);
    const body = this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('body');
    return { tab, body };
  }

  /** "Developer: Show Running Extensions": the activation time shown for the extension named `name`, in ms. */
  async activationTime(name: string): Promise<{ ms: number; shown: string }> {
    await this.runCommand('Developer: Show Running Extensions');
    const row = this.page.locator('.runtime-extensions-editor .monaco-list-row').filter({ has: this.page.locator('.name', { hasText: name }) });
    const time = row.locator('.activation-time', { hasText: /\d+ms/ });
    await time.waitFor({ timeout: UI_TIMEOUT });
    const shown = (await time.textContent()) ?? '';
    return { ms: Number(/(\d+)ms/.exec(shown)?.[1]), shown };
  }

  /** A screenshot clipped to the union of the workbench parts matching `selectors` (the README's pictures). */
  async screenshotOf(file: string, selectors: string[]): Promise<void> {
    const boxes = (await Promise.all(selectors.map((s) => this.page.locator(s).first().boundingBox()))).filter((b) => b !== null);
    if (boxes.length === 0) throw new Error(`no visible part among ${selectors.join(', ')}`);
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const width = Math.max(...boxes.map((b) => b.x + b.width)) - x;
    const height = Math.max(...boxes.map((b) => b.y + b.height)) - y;
    await this.page.screenshot({ path: file, clip: { x, y, width, height } });
  }

  /** Waits until no editor tab shows unsaved changes. */
  async waitForAllSaved(): Promise<void> {
    await this.page.locator('.tab.dirty').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
