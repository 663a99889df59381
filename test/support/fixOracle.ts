// What the quick fixes of a text should be: the engine run in-process on exactly that text. A code action the
// server returns for the client's current text must be one of these, edit for edit.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Engine } from '../../server/src/engine/engine';
import type { Range } from '../../server/src/engine/types';
import type { ActionEdit } from './clientDocument';
import { tempDir, testEngine } from './engine';

/** How the client receives edits: `changes` (plain text) or `documentChanges` with snippet edits. */
export type EditMode = 'plain' | 'snippets';

export class FixOracle {
  private constructor(
    private readonly engine: Engine,
    private readonly file: string,
  ) {}

  /** An oracle for one-file crates (a `lib.rs` with no manifest, as the protocol tests open). */
  static async create(): Promise<FixOracle> {
    const file = path.join(tempDir('rpg-oracle-'), 'lib.rs');
    writeFileSync(file, '');
    return new FixOracle(await testEngine(), file);
  }

  /** Every fix of `text`: its `signature` (as the client receives it in `mode`) → its plain-text edits. */
  async fixes(text: string, mode: EditMode): Promise<Map<string, { range: Range; newText: string }[]>> {
    this.engine.files.openDocument(this.file, text);
    try {
      const { findings } = await this.engine.analyzeFile(this.file, {});
      const out = new Map<string, { range: Range; newText: string }[]>();
      for (const fix of findings.flatMap((f) => f.fixes)) {
        const snippets = mode === 'snippets' && fix.edits.some((e) => e.snippet !== undefined);
        const edits = fix.edits.filter((e) => e.file === this.file).map((e): ActionEdit => (snippets && e.snippet !== undefined ? { range: e.range, snippet: e.snippet } : { range: e.range, newText: e.newText }));
        out.set(signature(fix.title, edits), fix.edits.filter((e) => e.file === this.file).map((e) => ({ range: e.range, newText: e.newText })));
      }
      return out;
    } finally {
      this.engine.files.closeDocument(this.file);
    }
  }
}

/** A fix's title and edits as one comparable string. */
export function signature(title: string, edits: readonly ActionEdit[]): string {
  const spelled = edits.map((e) => JSON.stringify([e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.snippet === undefined ? 't' : 's', e.snippet ?? e.newText]));
  return JSON.stringify([title, spelled.sort()]);
}
