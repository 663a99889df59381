// Body-rule answers kept across analyses (issue 17: bodies/bodyEnvironment.ts, bodies/answers.ts): after every
// step of random edit sequences — panicking calls typed into helpers and exports, `catch_unwind` helpers and
// macros broken and mended, a workspace macro read expanded in a helper changed, reclaims removed, pointers into
// temporaries returned, signatures changed, lines added — an engine that reuses earlier models' answers reports
// exactly what a fresh engine reports.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { Engine } from '../../server/src/engine/engine';
import { bodyAnswerCounts } from '../../server/src/bodies/bodyEnvironment';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { RustSource } from '../../server/src/parsing/rustSource';
import { createRustParser } from '../../server/src/parsing/treeSitter';
import { extractFileSyntax } from '../../server/src/syntax/items';
import { nodeModulesAssets, writeTree } from '../support/engine';
import { seededRandom } from '../support/seededRandom';

const SEEDS = [0xb0d1, 0xb0d2, 0xb0d3];
const STEPS = 40;

const MANIFEST = '[package]\nname = "plug"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

const HELPERS = `use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

pub struct Handle { pub level: u32 }

pub fn parse_level(text: &str) -> u32 {
    text.parse::<u32>().unwrap()
}

pub fn checked_level(text: &str) -> u32 {
    text.parse::<u32>().unwrap_or(0)
}

pub fn guarded<F: FnOnce() -> i32>(err: i32, f: F) -> i32 {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(err)
}

pub fn name_ptr() -> *const c_char {
    CString::new("name").unwrap().as_ptr()
}

pub fn make_handle(level: u32) -> *mut Handle {
    Box::into_raw(Box::new(Handle { level }))
}

macro_rules! ffi_boundary {
    ($body:block) => { catch_unwind(AssertUnwindSafe(|| $body)).unwrap_or(-1) };
}

macro_rules! level_of {
    ($e:expr) => { $e.parse::<u32>().unwrap_or(1) };
}

pub fn macro_level(text: &str) -> u32 {
    level_of!(text)
}
`;

const LIB = `mod helpers;
use helpers::{checked_level, guarded, make_handle, name_ptr, parse_level, Handle};
use std::ffi::{c_char, CString};

#[no_mangle]
pub extern "C" fn plugin_level(p: *const c_char) -> u32 {
    let text = "7";
    let mut acc = 0;
    acc += checked_level(text);
    acc
}

#[no_mangle]
pub extern "C" fn plugin_run(code: i32) -> i32 {
    guarded(-1, || {
        let v: Option<i32> = Some(code);
        v.unwrap()
    })
}

#[no_mangle]
pub extern "C" fn plugin_name() -> *const c_char {
    name_ptr()
}

#[no_mangle]
pub extern "C" fn plugin_new(level: u32) -> *mut Handle {
    make_handle(level)
}

#[no_mangle]
pub unsafe extern "C" fn plugin_free(h: *mut Handle) {
    if h.is_null() { return; }
    drop(Box::from_raw(h));
}

#[no_mangle]
pub extern "C" fn plugin_label() -> *const c_char {
    let s = CString::new("label").unwrap();
    s.as_ptr()
}
`;

/** Replacements inside bodies: each turns a finding on or off somewhere (often in another function than its export). */
const SWAPS: [string, string][] = [
  ['checked_level(text)', 'parse_level(text)'],
  ['unwrap_or(0)', 'unwrap()'],
  ['catch_unwind(AssertUnwindSafe(f)).unwrap_or(err)', 'f()'],
  ['drop(Box::from_raw(h));', 'let _ = h;'],
  ['CString::new("name").unwrap().as_ptr()', 'c"name".as_ptr()'],
  ['s.as_ptr()', 's.into_raw()'],
  ['make_handle(level)', 'Box::into_raw(Box::new(Handle { level }))'],
  ['v.unwrap()', 'v.unwrap_or(0)'],
  ['acc += checked_level(text);', 'acc += text.len() as u32 / (acc - acc);'],
  ['pub fn parse_level', 'pub fn parse_level_renamed'],
  ['guarded(-1, || {', 'ffi_boundary!({'],
  // A workspace macro read expanded in a helper's body: its definition changes what the helper can do.
  ['$e.parse::<u32>().unwrap_or(1)', '$e.parse::<u32>().unwrap()'],
  ['acc += checked_level(text);', 'acc += helpers::macro_level(text);'],
];
const LINES = ['    let _x: Option<u8> = None.unwrap();', '    assert!(true);', '// a comment', '#[no_mangle]', 'pub extern "C" fn added() -> u32 { parse_level("1") }'];
const CHARACTERS = ['1', ' ', 'x', ';', '{', '}', '(', '\n', '.unwrap()'];

type Random = () => number;
const pick = <T>(rng: Random, values: readonly T[]): T => values[Math.floor(rng() * values.length)];

function randomEdit(rng: Random, text: string): { start: number; end: number; insert: string } {
  const roll = rng();
  if (roll < 0.5) {
    const [from, to] = pick(rng, SWAPS);
    const [a, b] = rng() < 0.5 ? [from, to] : [to, from];
    const at = text.indexOf(a);
    if (at >= 0) return { start: at, end: at + a.length, insert: b };
  }
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  if (roll < 0.65) {
    const start = pick(rng, lineStarts);
    return { start, end: start, insert: `${pick(rng, LINES)}\n` };
  }
  if (roll < 0.85) {
    // Typing inside a body (the common keystroke).
    const acc = text.indexOf('let mut acc = 0');
    if (acc >= 0) return { start: acc + 14, end: acc + 14, insert: pick(rng, ['1', ' ', '0']) };
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

test('after every step of random edits to bodies and signatures, reused body-rule answers equal a fresh analysis', async () => {
  const parser = await createRustParser(nodeModulesAssets);
  let compared = 0;
  let skipped = 0;
  const reusedBefore = bodyAnswerCounts.reused;
  const rulesSeen = new Set<string>();
  try {
    for (const seed of SEEDS) {
      const rng = seededRandom(seed);
      const root = writeTree({ 'plug/Cargo.toml': MANIFEST, 'plug/src/lib.rs': LIB, 'plug/src/helpers.rs': HELPERS });
      const lib = path.join(root, 'plug/src/lib.rs');
      const texts = new Map([
        [lib, LIB],
        [path.join(root, 'plug/src/helpers.rs'), HELPERS],
      ]);
      const engine = await Engine.create({ assets: nodeModulesAssets });
      try {
        for (const [file, text] of texts) engine.files.openDocument(file, text);
        await engine.analyzeFile(lib);
        const history: string[] = [];
        for (let step = 1; step <= STEPS; step++) {
          const file = pick(rng, [...texts.keys()]);
          const text = texts.get(file)!;
          const { start, end, insert } = randomEdit(rng, text);
          const lines = new LineIndex(text);
          engine.files.changeDocument(file, [{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: insert }]);
          texts.set(file, text.slice(0, start) + insert + text.slice(end));
          history.push(`${path.basename(file)} [${start}, ${end}) → ${JSON.stringify(insert)}`);
          const edited = await engine.analyzeFile(lib);
          // Compare only where every file's items are what a fresh parse reads (see incrementalRules.test.ts).
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
          for (const finding of edited.findings) rulesSeen.add(finding.message.includes('`macro_level`') ? 'through the expanded macro' : finding.rule);
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
  assert.ok(bodyAnswerCounts.reused > reusedBefore, 'some answers were reused (otherwise this test shows nothing)');
  for (const rule of ['panic-across-ffi', 'dangling-pointer', 'leaked-ownership', 'through the expanded macro']) assert.ok(rulesSeen.has(rule), `the edits never made a ${rule} finding: the test does not exercise it`);
});
