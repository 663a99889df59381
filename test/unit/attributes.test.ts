import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseAttributeText, reprOf, splitTopLevel, suppressedRules, type Attribute } from '../../server/src/syntax/attributes';

const at = (text: string): Attribute => ({ ...parseAttributeText(text)!, inner: false, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });

describe('attributes', () => {
  test('unsafe(...) is unwrapped and remembered', () => {
    assert.deepEqual(parseAttributeText('unsafe(no_mangle)'), { name: 'no_mangle', args: undefined, value: undefined, unsafeWrapped: true });
    assert.deepEqual(parseAttributeText('unsafe(export_name = "plugin_init")'), { name: 'export_name', args: undefined, value: 'plugin_init', unsafeWrapped: true });
    assert.equal(parseAttributeText('no_mangle')?.unsafeWrapped, false);
  });

  test('repr in all its forms', () => {
    assert.deepEqual(reprOf([at('repr(C)')]).c, true);
    const packed = reprOf([at('repr(C, packed(2))'), at('repr(align(8))')]);
    assert.equal(packed.c && packed.packed && packed.align, true);
    assert.equal(reprOf([at('repr(u8)')]).primitive, 'u8');
    assert.equal(reprOf([at('repr(transparent)')]).transparent, true);
    assert.equal(reprOf([at('repr(packed)')]).c, false);
    assert.equal(reprOf([at('cfg_attr(feature = "ffi", repr(C))')]).c, true);
    assert.equal(reprOf([at('derive(Debug)')]).c, false);
  });

  test('top-level split and suppression comments', () => {
    assert.deepEqual(splitTopLevel('C, align(8), packed(2)'), ['C', 'align(8)', 'packed(2)']);
    assert.deepEqual(suppressedRules('// rust-plugin-guard: allow(missing-repr-c, other-rule)'), ['missing-repr-c', 'other-rule']);
    assert.deepEqual(suppressedRules('// just a comment'), []);
  });
});
