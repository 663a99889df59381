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

  /** Waits until no editor tab shows unsaved changes. */
  async waitForAllSaved(): Promise<void> {
    await this.page.locator('.tab.dirty').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }
}
