import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRustParser } from '../../server/src/parsing/treeSitter';
import { RustSource } from '../../server/src/parsing/rustSource';
import { findSafeQualifiers, maskSafeQualifiers } from '../../server/src/parsing/safeQualifierMask';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { nodeModulesAssets } from '../support/engine';

const EDITION_2024 = `#[unsafe(no_mangle)]
pub extern "C" fn plugin_new() -> *mut u8 { std::ptr::null_mut() }

unsafe extern "C" {
    pub safe fn host_log(level: i32);
    safe static HOST_VERSION: u32;
    pub unsafe fn host_free(p: *mut u8);
}
`;

describe('parsing', () => {
  test('edition 2024 `unsafe extern` blocks and `safe` items parse without errors', async () => {
    const parser = await createRustParser(nodeModulesAssets);
    const source = RustSource.parse(parser, EDITION_2024);
    assert.equal(source.tree.rootNode.hasError, false);
    const block = source.tree.rootNode.namedChildren.find((n) => n?.type === 'foreign_mod_item');
    assert.ok(block, 'the unsafe extern block is a foreign_mod_item');
    assert.equal(source.text.slice(block.startIndex, block.startIndex + 6), 'unsafe');
    const names = block.descendantsOfType(['function_signature_item', 'static_item']).map((n) => n?.childForFieldName('name')?.text);
    assert.deepEqual(names, ['host_log', 'HOST_VERSION', 'host_free']);
    // Positions are those of the user's text: `host_log` starts where the original text has it.
    const hostLog = block.descendantsOfType('function_signature_item')[0]!.childForFieldName('name')!;
    assert.equal(EDITION_2024.slice(hostLog.startIndex, hostLog.endIndex), 'host_log');
    assert.deepEqual(hostLog.startPosition, { row: 4, column: 16 });
    source.dispose();
  });

  test('masking keeps length and touches only `safe` qualifiers', () => {
    const text = 'let unsafe_x = 1; safe fn a(); /* safe */ safe  static B: u8; safety fn';
    const offsets = findSafeQualifiers(text);
    const masked = maskSafeQualifiers(text, offsets);
    assert.equal(masked.length, text.length);
    assert.deepEqual(offsets, [text.indexOf('safe fn'), text.indexOf('safe  static')]);
    assert.ok(masked.includes('unsafe_x') && masked.includes('safety fn') && masked.includes('/* safe */'));
  });

  test('incremental edits give the same tree as a fresh parse', async () => {
    const parser = await createRustParser(nodeModulesAssets);
    let text = EDITION_2024;
    const source = RustSource.parse(parser, text);
    // A deterministic walk of edits: insertions, deletions, multi-line replacements, and edits that
    // create or remove a `safe` qualifier far from the edited range.
    const edits: { find: string; replace: string }[] = [
      { find: 'pub safe fn host_log', replace: 'pub fn host_log' },
      { find: 'level: i32', replace: 'level: i32, extra: u64' },
      { find: 'pub fn host_log', replace: 'pub safe fn host_log' },
      { find: '    safe static', replace: '    static' },
      { find: 'std::ptr::null_mut()', replace: '{\n        let x = 1;\n        std::ptr::null_mut()\n    }' },
      { find: 'unsafe extern "C" {', replace: 'unsafe extern "C" {\n    fn added(x: Config);' },
      { find: '(p: *mut u8)', replace: '(p: *mut u8, é😀: u8)' },
      { find: 'static HOST_VERSION', replace: 'safe static HOST_VERSION' },
      // The mask of a `safe` outside the edited range changes: the tree must still equal a fresh parse.
      { find: 'safe fn host_log', replace: 'safe\n\n\n\n        xfn host_log' },
      { find: 'xfn host_log', replace: 'fn host_log' },
      { find: 'fn host_log', replace: 'xfn host_log' },
    ];
    for (const { find, replace } of edits) {
      const start = text.indexOf(find);
      assert.ok(start >= 0, `edit target ${find}`);
      const lines = new LineIndex(text);
      const range = { start: lines.positionAt(start), end: lines.positionAt(start + find.length) };
      source.applyChanges([{ range, text: replace }]);
      text = text.slice(0, start) + replace + text.slice(start + find.length);
      assert.equal(source.text, text);
      const fresh = RustSource.parse(parser, text);
      assert.equal(source.tree.rootNode.toString(), fresh.tree.rootNode.toString(), `after replacing ${JSON.stringify(find)}`);
      fresh.dispose();
    }
    source.dispose();
  });

  test('a change without a range replaces the whole text', async () => {
    const parser = await createRustParser(nodeModulesAssets);
    const source = RustSource.parse(parser, 'fn a() {}');
    source.applyChanges([{ text: 'struct B;' }]);
    assert.equal(source.tree.rootNode.namedChildren[0]?.type, 'struct_item');
    source.dispose();
  });

  test('line index converts UTF-16 positions both ways', () => {
    const lines = new LineIndex('a😀b\r\ncd\ne');
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 3 });
    assert.equal(lines.offsetAt({ line: 1, character: 1 }), 7);
    assert.equal(lines.lineText(0), 'a😀b');
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), 10);
  });
});
