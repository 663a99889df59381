import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { clearBodyCache, factsFor } from '../../server/src/bodies/bodyOf';
import type { PreReadBody } from '../../server/src/bodies/fileBodies';
import type { ParsedFile } from '../../server/src/crate/fileStore';
import type { FunctionItem } from '../../server/src/syntax/items';
import { allItems } from '../../server/src/syntax/itemWalk';
import { testEngine, writeTree } from '../support/engine';

function functionsOf(parsed: ParsedFile): FunctionItem[] {
  const out: FunctionItem[] = [];
  for (const item of allItems(parsed.syntax.module)) {
    if (item.kind === 'function') out.push(item);
    else if (item.kind === 'impl' || item.kind === 'trait') out.push(...item.functions);
  }
  return out.filter((fn) => fn.hasBody);
}

function rustFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? rustFiles(full) : entry.name.endsWith('.rs') ? [full] : [];
  });
}

/** Every pre-read function's facts against those of its text parsed alone and placed where it is. */
async function compareFile(file: string): Promise<{ compared: number; skipped: number }> {
  const engine = await testEngine();
  engine.files.invalidate(file);
  const parsed = await engine.files.get(file);
  assert.ok(parsed, file);
  let compared = 0;
  let skipped = 0;
  clearBodyCache();
  for (const fn of functionsOf(parsed)) {
    const pre: PreReadBody | undefined = parsed.bodies?.get(fn.startOffset);
    if (!pre) {
      skipped++;
      continue;
    }
    const text = parsed.text.slice(fn.startOffset, fn.endOffset);
    assert.equal(pre.text, text, `${file}: the key of \`${fn.name}\``);
    assert.deepEqual(pre.facts, factsFor(parsed.parser, text, fn.range.start), `${file}: the facts of \`${fn.name}\` at line ${fn.range.start.line + 1}`);
    compared++;
  }
  return { compared, skipped };
}

const TRICKY = [
  'use std::panic;\r\n',
  '/// ünïcödé 🦀 before\r\n',
  '#[no_mangle]\r\npub extern "C" fn a(p: *mut u8, n: usize) -> i32 { let s = unsafe { std::slice::from_raw_parts(p, n) }; let r = panic::catch_unwind(|| s[0] / s[1]); match r { Ok(v) => v as i32, Err(_) => -1 } }\r\n',
  'impl S { pub fn m(&self, x: u32) -> u32 { fn inner() -> u32 { 1 / 0 } let t = "🦀"; self.v[x as usize] % inner() } }\n',
  'pub struct S { v: Vec<u32> }\n',
  'trait T { fn d(&self) -> Box<u8> { let b = Box::new(1u8); *Box::into_raw(b) = 2; unsafe { Box::from_raw(std::ptr::null_mut()) } } }\n',
  'mod inner { pub fn lone_cr() -> u8 {\r let x = 1;\r x } }\n',
  'pub fn broken() -> u32 { let x = ; x }\n',
  'pub fn after_broken(q: &mut u32) { *q = format!("{}", 1).len() as u32; q.checked_div(2); }\n',
].join('');

describe('body facts read from the file tree (bodies/fileBodies.ts)', () => {
  test('equal the facts of each function parsed alone, CRLF, lone CR and non-ASCII text included; a function with a syntax error is parsed alone', async () => {
    const dir = writeTree({ 'lib.rs': TRICKY });
    const file = path.join(dir, 'lib.rs');
    const { compared, skipped } = await compareFile(file);
    assert.equal(compared, 5);
    // `broken` has a syntax error in its node: not read from the file, but its own parse still gives facts.
    assert.equal(skipped, 1);
    const engine = await testEngine();
    const parsed = await engine.files.get(file);
    const broken = functionsOf(parsed!).find((fn) => fn.name === 'broken')!;
    assert.equal(parsed!.bodies?.has(broken.startOffset), false);
  });

  test('equal the facts of each function parsed alone over the whole corpus', async () => {
    let compared = 0;
    for (const file of rustFiles(path.join(__dirname, '..', 'corpus'))) compared += (await compareFile(file)).compared;
    assert.ok(compared > 1000, `only ${compared} functions compared`);
  });

  test('an analysis takes the pre-read bodies it uses and lets the rest go when it ends', async () => {
    const dir = writeTree({ 'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': TRICKY });
    const engine = await testEngine();
    clearBodyCache();
    const parsed = await engine.files.get(path.join(dir, 'src', 'lib.rs'));
    assert.equal(parsed!.bodies?.size, 5);
    await engine.check([dir]);
    assert.equal(parsed!.bodies?.size, 0);
  });
});
