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
