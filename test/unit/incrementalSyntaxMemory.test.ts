// Items reused across revisions must not keep old texts alive: a string read from a text is a view of it (V8 keeps
// a sliced string's parent), so an item read at revision i and reused later would keep revision i's whole text in
// memory, one text per revision edited.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { heapGrowthMb } from '../support/processMemory';

const root = path.resolve(__dirname, '..', '..');

/** Edits a different function of a file holding a 1 MB comment 40 times and reports the heap growth after a full GC, in MB. */
const SCRIPT = `
const { Engine } = require('./server/src/engine/engine');
const { LineIndex } = require('./server/src/parsing/lineIndex');
const { nodeModulesAssets } = require('./test/support/engine');
(async () => {
  const engine = await Engine.create({ assets: nodeModulesAssets });
  const file = require('node:path').join(require('node:os').tmpdir(), 'rpg-reuse-memory', 'lib.rs');
  const fns = Array.from({ length: 41 }, (_, i) => '#[no_mangle]\\npub extern "C" fn exported_function_number_' + i + '(value: *const SomeLongTypeName) -> u32 { 0 }\\n');
  let text = '// ' + 'x'.repeat(1024 * 1024) + '\\n' + fns.join('');
  engine.files.openDocument(file, text);
  await engine.files.get(file);
  global.gc(); global.gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 1; i <= 40; i++) {
    const at = new LineIndex(text).positionAt(text.indexOf('{ 0 }', text.indexOf('exported_function_number_' + i + '(')) + 2);
    engine.files.changeDocument(file, [{ range: { start: at, end: at }, text: '1' }]);
    text = engine.files.openFiles().length ? (await engine.files.readText(file)) : text;
    await engine.files.get(file);
    const { reused, read } = engine.files.reuseStats(file);
    if (read !== 1 || reused !== 40) throw new Error('revision ' + i + ': ' + read + ' items read, ' + reused + ' reused');
  }
  global.gc(); global.gc();
  console.log(JSON.stringify({ growthMb: (process.memoryUsage().heapUsed - before) / 1024 / 1024 }));
})();
`;

test('items reused across revisions keep their own strings, not the texts they were read from', () => {
  const growthMb = heapGrowthMb(SCRIPT, root);
  // 40 revisions of a 1 MB (2 MB in UTF-16) file: kept alive they would add about 40-80 MB.
  assert.ok(growthMb < 15, `heap grew by ${growthMb.toFixed(1)} MB over 40 revisions of a 1 MB file`);
});
