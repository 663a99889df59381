import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../server/src/engine/engine';
import { StaleDocumentError } from '../../server/src/crate/fileStore';
import { nodeModulesAssets, tempDir } from '../support/engine';

test('reading a large open document pauses, and stops when the document changes during a pause', async () => {
  const engine = await Engine.create({ assets: nodeModulesAssets });
  try {
    const file = path.join(tempDir(), 'lib.rs');
    // Big enough that extraction outlasts one time slice on any machine.
    const text = Array.from({ length: 20000 }, (_, i) => `pub struct S${i} { pub a: u32 }`).join('\n');
    engine.files.openDocument(file, text);
    const reading = engine.files.get(file);
    engine.files.changeDocument(file, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'pub struct First;\n' }]);
    await assert.rejects(reading, StaleDocumentError);
    const fresh = await engine.files.get(file);
    assert.equal(fresh?.syntax.module.items.length, 20001);
    assert.equal(fresh?.syntax.module.items[0].name, 'First');
  } finally {
    engine.dispose();
  }
});
