// The body cache must not keep whole file texts alive: a key sliced out of a file's text (V8 keeps a sliced
// string's parent) made every edited version of a big file stay in memory (found by the server fuzzer). The body
// indexes a slice, so the guard-tree cache of panic-across-ffi (up to 64 trees) is filled too.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { heapGrowthMb } from '../support/processMemory';

const root = path.resolve(__dirname, '..', '..');

/** Analyses 40 versions of a file holding a 1 MB comment and reports the heap growth after a full GC, in MB. */
const SCRIPT = `
const { Engine } = require('./server/src/engine/engine');
const { nodeModulesAssets } = require('./test/support/engine');
(async () => {
  const engine = await Engine.create({ assets: nodeModulesAssets });
  const file = require('node:path').join(require('node:os').tmpdir(), 'rpg-body-cache-memory', 'lib.rs');
  const big = '// ' + 'x'.repeat(1024 * 1024) + '\\n';
  const version = (i) => big + '#[no_mangle]\\npub unsafe extern "C" fn f' + i + '(p: *const u32, n: usize, k: usize) -> u32 { let s = std::slice::from_raw_parts(p, n); s[k] + ' + i + ' }\\n';
  engine.files.openDocument(file, version(0));
  const first = await engine.analyzeFile(file);
  if (!first.findings.some((f) => f.rule === 'panic-across-ffi')) throw new Error('the index is not a panic site: ' + JSON.stringify(first.findings.map((f) => f.rule)));
  global.gc(); global.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 1; i <= 40; i++) {
    engine.files.closeDocument(file);
    engine.files.openDocument(file, version(i));
    await engine.analyzeFile(file);
  }
  global.gc(); global.gc();
  console.log(JSON.stringify({ growthMb: (process.memoryUsage().heapUsed - before) / 1024 / 1024 }));
})();
`;

test('the body cache keeps function texts, not the files they were cut from', () => {
  const growthMb = heapGrowthMb(SCRIPT, root);
  // 40 versions of a 1 MB (2 MB in UTF-16) file: kept alive they would add about 40-80 MB.
  assert.ok(growthMb < 15, `heap grew by ${growthMb.toFixed(1)} MB over 40 versions of a 1 MB file`);
});

/**
 * Types into the 1 MB comment and then into the function, 20 times over: the function's facts are a cache hit after
 * the first keystroke and left behind by the second (its text changed).
 */
const TYPING_SCRIPT = `
const { Engine } = require('./server/src/engine/engine');
const { nodeModulesAssets } = require('./test/support/engine');
(async () => {
  const engine = await Engine.create({ assets: nodeModulesAssets });
  const file = require('node:path').join(require('node:os').tmpdir(), 'rpg-body-cache-typing', 'lib.rs');
  const text = '// ' + 'x'.repeat(1024 * 1024) + '\\n#[no_mangle]\\npub unsafe extern "C" fn f(p: *const u32, n: usize, k: usize) -> u32 { let s = std::slice::from_raw_parts(p, n); s[k] + 1 }\\n';
  engine.files.openDocument(file, text);
  const first = await engine.analyzeFile(file);
  if (!first.findings.some((f) => f.rule === 'panic-across-ffi')) throw new Error('the index is not a panic site: ' + JSON.stringify(first.findings.map((f) => f.rule)));
  global.gc(); global.gc();
  const before = process.memoryUsage().heapUsed;
  const at = (line, character) => ({ start: { line, character }, end: { line, character } });
  const digit = text.split('\\n')[2].indexOf('+ 1') + 2;
  for (let i = 1; i <= 20; i++) {
    engine.files.changeDocument(file, [{ range: at(0, 3), text: 'y' }]);
    await engine.analyzeFile(file);
    engine.files.changeDocument(file, [{ range: at(2, digit), text: '1' }]);
    await engine.analyzeFile(file);
  }
  global.gc(); global.gc();
  console.log(JSON.stringify({ growthMb: (process.memoryUsage().heapUsed - before) / 1024 / 1024 }));
})();
`;

test('a cache hit keeps no revision of the file it was looked up from (typing in a 1 MB file)', () => {
  const growthMb = heapGrowthMb(TYPING_SCRIPT, root);
  // Each hit re-inserted the entry under the caller's key, a slice of that revision's text: kept 20 revisions (~40 MB).
  assert.ok(growthMb < 15, `heap grew by ${growthMb.toFixed(1)} MB over 40 keystrokes in a 1 MB file`);
});
