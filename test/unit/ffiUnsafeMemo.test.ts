// ffi-unsafe-type answers once per by-value type and mode within an analysis (boundary/ffiSafety.ts): every site
// still gets its finding at its own place, and a change elsewhere that changes what the type holds is seen by
// the next analysis even though the type's own item is reused unchanged (incremental extraction).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../server/src/engine/engine';
import { nodeModulesAssets, writeTree } from '../support/engine';

const SOURCE = `pub type Level = u32;
#[repr(C)]
pub struct Settings { pub level: Level }
#[no_mangle]
pub extern "C" fn first(s: Settings) {}
#[no_mangle]
pub extern "C" fn second(s: Settings) -> u32 { 0 }
extern "C" { fn host_takes(s: Settings); }
`;

test('each by-value use of a type is reported at its own site; an edit of what it holds is seen at once', async () => {
  const root = writeTree({ 'Cargo.toml': '[package]\nname = "m"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': SOURCE });
  const file = path.join(root, 'src', 'lib.rs');
  const engine = await Engine.create({ assets: nodeModulesAssets });
  const unsafeAt = async () => (await engine.analyzeFile(file)).findings.filter((f) => f.rule === 'ffi-unsafe-type').map((f) => `${f.range.start.line}:${f.range.start.character}`);
  engine.files.openDocument(file, SOURCE);
  assert.deepEqual(await unsafeAt(), []);
  // Only the alias line changes: `Settings` itself is reused, but now holds a String.
  const alias = { start: { line: 0, character: 17 }, end: { line: 0, character: 20 } };
  engine.files.changeDocument(file, [{ range: alias, text: 'String' }]);
  assert.deepEqual(await unsafeAt(), ['4:27', '6:28', '7:30'], 'both definitions and the declaration, each at its parameter');
  engine.files.changeDocument(file, [{ range: { start: alias.start, end: { line: 0, character: 23 } }, text: 'u64' }]);
  assert.deepEqual(await unsafeAt(), []);
  engine.dispose();
});
