// Rule answers kept across analyses (issue 17: boundary/siteFacts.ts, boundary/typeEnvironment.ts, and whole
// item-only outputs in rules/itemOutputs.ts): after every
// step of random edit sequences in the open files of a plugin and of the crate it depends on — types renamed,
// `repr`s added and removed, field and parameter types swapped, imports changed, bodies typed into, lines added —
// an engine that reuses what earlier analyses found reports exactly what a fresh engine reports for the same texts.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { Engine } from '../../server/src/engine/engine';
import { siteFactsCounts } from '../../server/src/boundary/siteFacts';
import { itemOutputCounts } from '../../server/src/rules/itemOutputs';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { RustSource } from '../../server/src/parsing/rustSource';
import { createRustParser } from '../../server/src/parsing/treeSitter';
import { extractFileSyntax } from '../../server/src/syntax/items';
import { nodeModulesAssets, writeTree } from '../support/engine';
import { seededRandom } from '../support/seededRandom';

const SEEDS = [0x17a, 0x17b, 0x17c];
const STEPS = 40;

const MANIFEST = '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n[dependencies]\nshared = { path = "../shared" }\n';
const SHARED_MANIFEST = '[package]\nname = "shared"\nversion = "0.1.0"\nedition = "2021"\n';

const SHARED = `pub struct SharedCfg { pub level: u32, pub name: String }
#[repr(C)]
pub struct SharedOk { pub x: u8, pub cb: Option<extern "C" fn(u32) -> u32> }
pub type SharedAlias = SharedCfg;
pub enum SharedMode { On, Off }
`;

const TYPES = `pub fn version() -> u32 { 1 }

use shared::SharedOk;

pub struct Inner { pub a: u32, pub b: char }

#[repr(C)]
pub struct Config { pub inner: Inner, pub ok: SharedOk, pub mode: Mode }

pub enum Mode { Fast = 1, Slow = 2 }

#[repr(transparent)]
pub struct Handle(Box<Inner>);

pub type Level = u32;

pub struct Table { pub on_event: extern "C" fn(Inner, Level) -> Mode }
`;

const LIB = `mod types;
use types::{Config, Handle, Inner, Level, Mode};
use shared::{SharedAlias, SharedCfg, SharedMode};

#[no_mangle]
pub extern "C" fn plugin_init(cfg: Config, level: Level) -> u32 {
    let mut acc = 0;
    acc += level;
    acc
}

#[no_mangle]
pub extern "C" fn plugin_take(inner: Inner, h: Option<Handle>) -> Mode {
    let _ = inner;
    Mode::Fast
}

#[no_mangle]
pub extern "C" fn plugin_shared(s: SharedCfg, a: &SharedAlias, m: SharedMode) -> char {
    'a'
}

extern "C" {
    fn host_log(cfg: *const Config, inner: Inner);
}

pub struct Callbacks { pub cb: extern "C" fn(Inner) -> Level }

impl Inner {
    #[no_mangle]
    pub extern "C" fn inner_method(&self, other: Inner) -> Level { 0 }
}

#[no_mangle]
pub static PLUGIN_TABLE: Option<extern "C" fn(Config) -> u32> = None;
`;

/** Words a step may swap for one another: type names at their definitions and uses, primitives, std types. */
const WORDS = ['u32', 'u8', 'char', 'String', 'Inner', 'Config', 'Mode', 'Handle', 'Level', 'SharedCfg', 'SharedAlias', 'SharedOk', 'SharedMode', 'Made', 'nested::Inner', 'Vec<u8>', '&str', 'Box<Inner>', '(u8, u8)'];
const LINES = [
  '#[repr(C)]',
  '#[repr(u8)]',
  '// rust-plugin-guard: allow(missing-repr-c)',
  '#[allow(improper_ctypes_definitions)]',
  '#![allow(improper_ctypes)]',
  '#[cfg(test)]',
  '#[cfg_attr(not(test), repr(C))]',
  'pub struct Added { pub x: Inner }',
  'use types::Inner as Renamed;',
  'use shared::*;',
  '#[no_mangle] pub extern "C" fn added(x: Renamed, y: Added) {}',
  'macro_rules! made { ($n:ident) => { pub struct $n { pub c: char } }; }',
  'made!(Made);',
  '#[no_mangle] pub extern "C" fn uses_made(m: Made) {}',
  'pub type Inner = u32;',
  'type Level = char;',
  'mod nested { pub struct Inner(pub String); }',
  '}',
  '{',
];
const CHARACTERS = ['1', ' ', 'x', ';', '{', '}', '(', '\n', '<', '&', '#['];

type Random = () => number;
const pick = <T>(rng: Random, values: readonly T[]): T => values[Math.floor(rng() * values.length)];

/** One edit of `text`: [start, end) → insert. */
function randomEdit(rng: Random, text: string): { start: number; end: number; insert: string } {
  const roll = rng();
  if (roll < 0.45) {
    // A type swapped where it is written (or defined): what a site's type means changes.
    const word = pick(rng, WORDS);
    const at: number[] = [];
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) if (!/\w/.test(text[i - 1] ?? '') && !/\w/.test(text[i + word.length] ?? '')) at.push(i);
    if (at.length > 0) {
      const start = pick(rng, at);
      return { start, end: start + word.length, insert: pick(rng, WORDS) };
    }
  }
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  if (roll < 0.6) {
    const start = pick(rng, lineStarts);
    return { start, end: start, insert: `${pick(rng, LINES)}\n` };
  }
  if (roll < 0.7) {
    // A whole line removed: a `repr`, a field, an import, an item's first line.
    const index = Math.floor(rng() * (lineStarts.length - 1));
    return { start: lineStarts[index], end: lineStarts[index + 1], insert: '' };
  }
  if (roll < 0.85) {
    // Typing inside a body (the common keystroke).
    const acc = text.indexOf('acc += level');
    if (acc >= 0) return { start: acc + 4, end: acc + 4, insert: pick(rng, ['1', ' ', '+']) };
  }
  if (roll < 0.9) {
    // The file's first-line `allow` comment put in or taken out (no item changes: only the file's suppression does).
    // Or its rule changed: no line moves, so no item does either.
    const rule = pick(rng, ['missing-repr-c', 'ffi-unsafe-type', 'c-name-collision']);
    const first = /^\/\/ rust-plugin-guard: allow\(([\w-]+)\)\n\n/.exec(text);
    if (first && rng() < 0.5) return { start: 0, end: first[0].length, insert: '' };
    if (first) return { start: first[0].indexOf('(') + 1, end: first[0].indexOf(')'), insert: rule };
    return { start: 0, end: 0, insert: `// rust-plugin-guard: allow(${rule})\n\n` };
  }
  const start = Math.floor(rng() * (text.length + 1));
  return { start, end: Math.min(text.length, start + (rng() < 0.3 ? 1 : 0)), insert: pick(rng, CHARACTERS) };
}

async function freshFindings(texts: Map<string, string>, file: string): Promise<unknown> {
  const engine = await Engine.create({ assets: nodeModulesAssets });
  try {
    for (const [name, text] of texts) engine.files.openDocument(name, text);
    return (await engine.analyzeFile(file)).findings;
  } finally {
    engine.dispose();
  }
}

test('after every step of random edits to types, imports and bodies, reused rule answers equal a fresh analysis', async () => {
  const parser = await createRustParser(nodeModulesAssets);
  let compared = 0;
  let skipped = 0;
  const reusedBefore = siteFactsCounts.reused;
  const outputsBefore = itemOutputCounts.reused;
  try {
    for (const seed of SEEDS) {
      const rng = seededRandom(seed);
      const root = writeTree({
        'plug/Cargo.toml': MANIFEST,
        'plug/src/lib.rs': LIB,
        'plug/src/types.rs': TYPES,
        'shared/Cargo.toml': SHARED_MANIFEST,
        'shared/src/lib.rs': SHARED,
      });
      const lib = path.join(root, 'plug/src/lib.rs');
      const texts = new Map([
        [lib, LIB],
        [path.join(root, 'plug/src/types.rs'), TYPES],
        [path.join(root, 'shared/src/lib.rs'), SHARED],
      ]);
      const engine = await Engine.create({ assets: nodeModulesAssets });
      try {
        for (const [file, text] of texts) engine.files.openDocument(file, text);
        await engine.analyzeFile(lib);
        const history: string[] = [];
        for (let step = 1; step <= STEPS; step++) {
          // Mostly the plugin's own files; now and then the dependency the plugin's types come from.
          const file = pick(rng, [...texts.keys(), lib]);
          const text = texts.get(file)!;
          const { start, end, insert } = randomEdit(rng, text);
          const lines = new LineIndex(text);
          engine.files.changeDocument(file, [{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: insert }]);
          texts.set(file, text.slice(0, start) + insert + text.slice(end));
          history.push(`${path.basename(path.dirname(path.dirname(file)))}/${path.basename(file)} [${start}, ${end}) → ${JSON.stringify(insert)}`);
          const edited = await engine.analyzeFile(lib);
          // tree-sitter's incremental tree can differ from a fresh parse's on broken text (incrementalSyntax.test.ts):
          // compare only where every file's items are what a fresh parse reads.
          let sameSyntax = true;
          for (const [name, now] of texts) {
            const source = RustSource.parse(parser, now);
            sameSyntax &&= isDeepStrictEqual((await engine.files.get(name))?.syntax, extractFileSyntax(source.tree.rootNode, now));
            source.dispose();
          }
          if (!sameSyntax) {
            skipped++;
            continue;
          }
          assert.deepEqual(edited.findings, await freshFindings(texts, lib), `seed ${seed}, step ${step}; edits: ${history.slice(-5).join('; ')}`);
          compared++;
        }
      } finally {
        engine.dispose();
      }
    }
  } finally {
    parser.delete();
  }
  assert.ok(compared >= SEEDS.length * STEPS * 0.8, `compared ${compared} steps, skipped ${skipped}`);
  assert.ok(siteFactsCounts.reused > reusedBefore, 'some answers were reused (otherwise this test shows nothing)');
  // missing-repr-c's and ffi-unsafe-type's findings and c-name-collision's boundary types (rules/itemOutputs.ts).
  assert.ok(itemOutputCounts.reused > outputsBefore, 'some item-only outputs were reused');
});

test("a file's first-line allow comment changed with no item moved: kept item-only outputs follow it", async () => {
  const root = writeTree({ 'plug/Cargo.toml': MANIFEST, 'plug/src/lib.rs': LIB, 'plug/src/types.rs': TYPES, 'shared/Cargo.toml': SHARED_MANIFEST, 'shared/src/lib.rs': SHARED });
  const lib = path.join(root, 'plug/src/lib.rs');
  // A function first: re-read, it is compared by value, so the token stays and only the file suppression differs.
  const header = (rule: string) => `// rust-plugin-guard: allow(${rule})\n\npub fn version() -> u32 { 1 }\n`;
  const texts = new Map([[lib, header('c-name-collision') + LIB]]);
  const engine = await Engine.create({ assets: nodeModulesAssets });
  try {
    engine.files.openDocument(lib, texts.get(lib)!);
    const before = (await engine.analyzeFile(lib)).findings;
    for (const rule of ['missing-repr-c', 'ffi-unsafe-type', 'c-name-collision']) {
      const old = texts.get(lib)!;
      const end = old.indexOf(')');
      engine.files.changeDocument(lib, [{ range: { start: { line: 0, character: old.indexOf('(') + 1 }, end: { line: 0, character: end } }, text: rule }]);
      texts.set(lib, header(rule) + LIB);
      const edited = (await engine.analyzeFile(lib)).findings;
      assert.deepEqual(edited, await freshFindings(texts, lib), `allow(${rule})`);
      if (rule === 'missing-repr-c') assert.notDeepEqual(edited, before, 'the comment silences something');
    }
  } finally {
    engine.dispose();
  }
});
