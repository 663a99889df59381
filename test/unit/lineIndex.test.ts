// A line index made from the previous text's by an edit (LineIndex.edited, used on every keystroke) is the index
// a scan of the new text makes, whatever the edit does to `\r`, `\n` and `\r\n` at its edges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex, lineIndexOf } from '../../server/src/parsing/lineIndex';
import { seededRandom } from '../support/seededRandom';

const PIECES = ['a', 'bc', '\n', '\r', '\r\n', '\n\r', '\r\r', '', 'x\ny', 'é', '😀'];

function positionsOf(index: LineIndex, length: number): string {
  const out: string[] = [];
  for (let offset = 0; offset <= length + 1; offset++) {
    const { line, character } = index.positionAt(offset);
    out.push(`${line}:${character}`);
  }
  return out.join(' ');
}

test('an index edited from the previous one equals a fresh index of the new text', () => {
  const rng = seededRandom(0x11e);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rng() * values.length)];
  for (let run = 0; run < 200; run++) {
    let text = Array.from({ length: Math.floor(rng() * 12) }, () => pick(PIECES)).join('');
    let index = new LineIndex(text);
    for (let step = 0; step < 20; step++) {
      const start = Math.floor(rng() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(rng() * 4));
      const inserted = Array.from({ length: Math.floor(rng() * 3) }, () => pick(PIECES)).join('');
      const context = `run ${run}, step ${step}: ${JSON.stringify(text)} [${start}, ${end}) → ${JSON.stringify(inserted)}`;
      index = index.edited(start, end, inserted);
      text = text.slice(0, start) + inserted + text.slice(end);
      const fresh = new LineIndex(text);
      assert.equal(index.text, text, context);
      assert.equal(positionsOf(index, text.length), positionsOf(fresh, text.length), context);
      const lines = fresh.positionAt(text.length).line + 1;
      for (let line = 0; line <= lines; line++) {
        assert.equal(index.lineText(line), fresh.lineText(line), `${context}, line ${line}`);
        assert.equal(index.offsetAt({ line, character: 1 }), fresh.offsetAt({ line, character: 1 }), `${context}, line ${line}`);
      }
    }
  }
});

test('one index per text: readers of the same revision share it', () => {
  const text = 'fn a() {}\nfn b() {}\n'.repeat(3);
  assert.equal(lineIndexOf(text), lineIndexOf(text));
  assert.notEqual(lineIndexOf(text), lineIndexOf(`${text} `));
});
