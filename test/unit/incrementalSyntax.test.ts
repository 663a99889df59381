// Incremental extraction of open documents (issue 17): after random edit sequences on real plugin code, the items
// an open document reuses from its previous extraction equal a from-scratch extraction of the same text, and an
// engine fed the edits finds what a fresh engine finds.
// tree-sitter's incremental reparse does not always give a fresh parse's tree: on text with syntax errors its
// error recovery can differ (seen: "mod " typed into a file with an unclosed `/*`). Reuse cannot fix that, so each
// step compares with a from-scratch extraction of the same tree (a mirror `RustSource` fed the same changes), and
// with a fresh parse of the text whenever the two trees agree (nearly always; the test says how often).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import type { Parser } from 'web-tree-sitter';
import { Engine } from '../../server/src/engine/engine';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { RustSource, type ContentChange } from '../../server/src/parsing/rustSource';
import { createRustParser } from '../../server/src/parsing/treeSitter';
import { extractFileSyntax, type FileSyntax } from '../../server/src/syntax/items';
import { nodeModulesAssets, tempDir } from '../support/engine';
import { seededRandom } from '../support/seededRandom';

const repo = path.resolve(__dirname, '../..');
const SEED = 0x17ed17;
const FILES = 8;
const STEPS_PER_FILE = 36;
/** Findings of the edited engine and a fresh one are compared every this many steps (and after the last). */
const FINDINGS_EVERY = 9;
const MAX_FILE_CHARS = 24_000;

type Random = () => number;
const pick = <T>(rng: Random, values: readonly T[]): T => values[Math.floor(rng() * values.length)];
const between = (rng: Random, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

const CHARACTERS = ['a', 'x1', ' ', '{', '}', '(', ')', ';', ',', '#', '!', '[', ']', '/', '*', '"', "'", '\n', '\r\n', '\r', '//', '/*', '*/', '::', 'pub ', 'fn ', 'mod ', 'safe ', '#[', '///'];
const LINES = [
  '#[repr(C)]',
  '/// A doc comment.',
  '//! An inner doc comment.',
  '// rust-plugin-guard: allow(missing-repr-c)',
  '#[cfg(test)]',
  '#[cfg(not(test))]',
  '#[cfg_attr(not(test), repr(C))]',
  '#![allow(improper_ctypes_definitions)]',
  '#[no_mangle]',
  '#[unsafe(no_mangle)]',
  'pub struct Added { pub x: u32, pub s: String }',
  '#[no_mangle]\npub extern "C" fn added(s: Added, c: char) -> u32 { s.x.unwrap() }',
  'mod inner {\n    #![allow(dead_code)]\n    pub struct Inner(u8);\n    #[no_mangle] pub extern "C" fn inner_fn(i: Inner) {}\n}',
  'macro_rules! make { ($n:ident) => { #[no_mangle] pub extern "C" fn $n(s: &str) -> char { \'a\' } }; }',
  'make!(made);',
  'extern "C" { fn imported(x: &str); }',
  'unsafe extern "C" {\n    pub safe fn host_log(level: i32);\n    safe static HOST: u32;\n}',
  'impl Added {\n    #[no_mangle]\n    pub extern "C" fn method(&self) -> Vec<u8> { Vec::new() }\n}',
  'enum E { A = 1, #[cfg(test)] B, C(String) }',
  'pub type Alias = Added;',
  'use std::ffi::CString;',
  '}',
  '{',
];
const LINE_ENDINGS = ['\n', '\n', '\r\n', '\r'];

/** Real plugin code: the example plugin, then fixture and corpus files in a seeded order. */
function sampleFiles(rng: Random): { name: string; text: string }[] {
  const rustFilesUnder = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'target' ? [] : rustFilesUnder(full);
      return entry.name.endsWith('.rs') && statSync(full).size <= MAX_FILE_CHARS ? [full] : [];
    });
  const shuffled = (files: string[]) => files.map((f) => ({ f, key: rng() })).sort((a, b) => a.key - b.key).map(({ f }) => f);
  const examples = rustFilesUnder(path.join(repo, 'examples/plugin/src'));
  const others = shuffled([...rustFilesUnder(path.join(repo, 'test/fixtures')), ...rustFilesUnder(path.join(repo, 'test/corpus'))]);
  // Corpus files with macros and inline modules first among the others: the units whose reuse is subtlest.
  const subtle = others.filter((f) => /macro_rules!|\bmod \w+ \{/.test(readFileSync(f, 'utf8')));
  const chosen = [...new Set([...examples, ...subtle.slice(0, 3), ...others])].slice(0, FILES);
  return chosen.map((f) => ({ name: path.relative(repo, f), text: readFileSync(f, 'utf8') }));
}

/** An offset of `text`: anywhere, or (half the time) at a line start, where items and attributes begin. */
function offsetIn(rng: Random, text: string): number {
  if (rng() < 0.5) return between(rng, 0, text.length);
  const starts = [0, ...[...text.matchAll(/\r\n|\n|\r/g)].map((m) => m.index + m[0].length)];
  return pick(rng, starts);
}

/** One random replacement [start, end) → text of `text`. */
function randomEdit(rng: Random, text: string): { start: number; end: number; insert: string } {
  const roll = rng();
  const at = offsetIn(rng, text);
  if (roll < 0.25) return { start: at, end: at, insert: pick(rng, CHARACTERS) };
  // Items that start and end mid-line: their positions move by characters, not only lines.
  if (roll < 0.3) return { start: at, end: at, insert: ` ${pick(rng, LINES)} ` };
  if (roll < 0.5) return { start: at, end: Math.min(text.length, at + between(rng, 1, 8)), insert: '' };
  if (roll < 0.7) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    return { start: lineStart, end: lineStart, insert: pick(rng, LINES).replace(/\n/g, pick(rng, LINE_ENDINGS)) + pick(rng, LINE_ENDINGS) };
  }
  if (roll < 0.8) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const next = text.indexOf('\n', at);
    return { start: lineStart, end: next < 0 ? text.length : next + 1, insert: '' };
  }
  if (roll < 0.88) {
    // Move a stretch of lines elsewhere: whole items (with their attributes) end up in new places.
    const from = offsetIn(rng, text);
    const length = between(rng, 1, 400);
    return { start: at, end: at, insert: text.slice(from, from + length) };
  }
  // Line endings: `\n` ↔ `\r\n` ↔ lone `\r`.
  const breakAt = text.indexOf('\n', at);
  if (breakAt < 0) return { start: at, end: at, insert: '\r' };
  const crlf = breakAt > 0 && text[breakAt - 1] === '\r';
  return crlf ? { start: breakAt - 1, end: breakAt + 1, insert: pick(rng, ['\n', '\r']) } : { start: breakAt, end: breakAt + 1, insert: pick(rng, ['\r\n', '\r']) };
}

function freshSyntax(parser: Parser, text: string): FileSyntax {
  const source = RustSource.parse(parser, text);
  try {
    return extractFileSyntax(source.tree.rootNode, text);
  } finally {
    source.dispose();
  }
}

/** Whether a fresh parse of `text` gives the tree `mirror` (edited incrementally) has; printing trees is slow, so only asked on a difference. */
function sameTreeAsFresh(parser: Parser, text: string, mirror: RustSource): boolean {
  const source = RustSource.parse(parser, text);
  try {
    return source.tree.rootNode.toString() === mirror.tree.rootNode.toString();
  } finally {
    source.dispose();
  }
}

async function freshFindings(file: string, text: string): Promise<unknown> {
  const engine = await Engine.create({ assets: nodeModulesAssets });
  try {
    engine.files.openDocument(file, text);
    return (await engine.analyzeFile(file)).findings;
  } finally {
    engine.dispose();
  }
}

test('after random edits, an open document reuses only what a fresh extraction would read, and finds the same', async () => {
  const rng = seededRandom(SEED);
  const parser = await createRustParser(nodeModulesAssets);
  const engine = await Engine.create({ assets: nodeModulesAssets });
  const dir = tempDir();
  let reusedSomewhere = false;
  let steps = 0;
  let treesDiffered = 0;
  try {
    for (const [index, { name, text: original }] of sampleFiles(rng).entries()) {
      const file = path.join(dir, `f${index}.rs`);
      let text = original;
      engine.files.openDocument(file, text);
      const mirror = RustSource.parse(parser, text);
      const first = await engine.files.get(file);
      assert.deepEqual(first?.syntax, freshSyntax(parser, text), `${name}: first extraction`);
      const history: string[] = [];
      for (let step = 1; step <= STEPS_PER_FILE; step++) {
        // One didChange with 1–3 changes (each in the text left by the previous one), sometimes a whole-text
        // replacement, and sometimes two didChanges before the items are read.
        const calls = rng() < 0.2 ? 2 : 1;
        for (let call = 0; call < calls; call++) {
          const changes: ContentChange[] = [];
          for (let c = between(rng, 1, rng() < 0.7 ? 1 : 3); c > 0; c--) {
            if (rng() < 0.02) {
              changes.push({ text });
              history.push('full replace');
              continue;
            }
            const { start, end, insert } = randomEdit(rng, text);
            const lines = new LineIndex(text);
            changes.push({ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: insert });
            history.push(`[${start}, ${end}) → ${JSON.stringify(insert.slice(0, 40))}`);
            text = text.slice(0, start) + insert + text.slice(end);
          }
          engine.files.changeDocument(file, changes);
          mirror.applyChanges(changes);
        }
        const parsed = await engine.files.get(file);
        assert.equal(parsed?.text, text, `${name}: the document's text after step ${step}`);
        const context = `${name}, step ${step} (seed ${SEED}); edits: ${history.slice(-4).join('; ')}`;
        steps++;
        const fresh = freshSyntax(parser, text);
        if (!isDeepStrictEqual(parsed.syntax, fresh)) {
          // Reuse must give what reading the document's own tree from scratch gives, whatever that tree is.
          assert.deepEqual(parsed.syntax, extractFileSyntax(mirror.tree.rootNode, text), `${context}: items differ from a from-scratch extraction of the same tree`);
          assert.ok(!sameTreeAsFresh(parser, text, mirror), `${context}: items differ from a fresh parse's extraction of the same tree`);
          treesDiffered++;
          continue;
        }
        if (step % FINDINGS_EVERY === 0 || step === STEPS_PER_FILE) {
          const edited = await engine.analyzeFile(file);
          assert.deepEqual(edited.findings, await freshFindings(file, text), `${context}: findings differ from a fresh engine's`);
        }
      }
      reusedSomewhere ||= engine.files.reuseStats(file).reused > 0;
      engine.files.closeDocument(file);
      mirror.dispose();
    }
  } finally {
    engine.dispose();
    parser.delete();
  }
  assert.ok(reusedSomewhere, 'items were reused at all (otherwise this test shows nothing)');
  assert.ok(treesDiffered <= steps / 20, `the incremental tree differed from a fresh parse's after ${treesDiffered} of ${steps} steps`);
});

test('a keystroke in one function body reads that item again and reuses every other one, moved', async () => {
  const engine = await Engine.create({ assets: nodeModulesAssets });
  try {
    const file = path.join(tempDir(), 'lib.rs');
    const items = Array.from({ length: 30 }, (_, i) => `#[no_mangle]\npub extern "C" fn f${i}(x: u32) -> u32 {\n    x + ${i}\n}\n`);
    const text = items.join('\r\n');
    engine.files.openDocument(file, text);
    await engine.files.get(file);
    assert.deepEqual(engine.files.reuseStats(file), { reused: 0, read: 30 });
    // A new line inside f10's body: f0–f9 stay, f11–f29 move one line down and one offset on.
    const lines = new LineIndex(text);
    const at = lines.positionAt(text.indexOf('x + 10') + 'x + 10'.length);
    engine.files.changeDocument(file, [{ range: { start: at, end: at }, text: '\n' }]);
    const parsed = await engine.files.get(file);
    assert.deepEqual(engine.files.reuseStats(file), { reused: 29, read: 1 });
    const f11 = parsed?.syntax.module.items[11];
    assert.equal(f11?.kind === 'function' ? text.slice(f11.startOffset - 1, f11.endOffset - 1) : undefined, items[11].slice('#[no_mangle]\n'.length, -1));
    assert.equal(f11?.range.start.line, new LineIndex(parsed!.text).positionAt(parsed!.text.indexOf('pub extern "C" fn f11')).line);
  } finally {
    engine.dispose();
  }
});
