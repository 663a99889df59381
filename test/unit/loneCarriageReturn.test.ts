// A lone `\r` ends a line for LSP: the ranges of header #defines (which the preprocessor reads line by line,
// by `\n`) are LSP ranges all the same, pinned against vscode-languageserver-textdocument.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { preprocess } from '../../server/src/interface/cHeader/preprocessor';

test('header #define ranges are LSP ranges after a lone CR', () => {
  const header = '/* Written on\ran old Mac. */\n#define PLUGIN_ABI_VERSION 3\r\n#define PLUGIN_NAME_MAX \\\r\n  64\n#define LAST /* \r */ 1';
  const reference = TextDocument.create('file:///h.h', 'c', 1, header);
  const { defines } = preprocess(header, new Map());
  const rangeOf = (from: string, to: string) => ({ start: reference.positionAt(header.indexOf(from)), end: reference.positionAt(header.indexOf(to) + to.length) });
  assert.deepEqual(defines.map((d) => d.name), ['PLUGIN_ABI_VERSION', 'PLUGIN_NAME_MAX', 'LAST']);
  assert.deepEqual(defines[0].range, rangeOf('#define PLUGIN_ABI_VERSION', 'VERSION 3'));
  assert.equal(defines[0].range.start.line, 2);
  assert.deepEqual(defines[1].range, rangeOf('#define PLUGIN_NAME_MAX', '  64'));
  assert.deepEqual(defines[2].range, rangeOf('#define LAST', '*/ 1'));
});
