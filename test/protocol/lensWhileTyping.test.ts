// No interface code lens inside a signature that is being typed: tree-sitter turns a half-typed signature into a
// function with ERROR or MISSING nodes (often swallowing the next item), and a lens there would jump around
// above the line being typed. Lenses come back once the signature parses. Run `npm run build` first.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CodeLens } from 'vscode-languageserver/node';
import { startForTest, writeTempTree } from '../support/lspClient';

const HEADER = 'int plugin_scale(int value);\nvoid plugin_reset(void);\n';
const LIB = [
  '#[no_mangle]',
  'pub extern "C" fn plugin_scale(value: i32) -> i32 {',
  '    value * 2',
  '}',
  '',
  '#[no_mangle]',
  'pub extern "C" fn plugin_reset() {}',
  '',
].join('\n');
/** Typing a new export between the two: the open parameter list swallows `plugin_reset`. */
const TYPING_PARAMS = LIB.replace('#[no_mangle]\npub extern "C" fn plugin_reset', '#[no_mangle]\npub extern "C" fn plugin_new(level: i32, \n\n#[no_mangle]\npub extern "C" fn plugin_reset');
/** A parameter without its type yet: a MISSING node, no ERROR. */
const TYPING_TYPE = LIB.replace('fn plugin_scale(value: i32)', 'fn plugin_scale(value: )');
const DONE = TYPING_PARAMS.replace('plugin_new(level: i32, \n', 'plugin_new(level: i32) {}\n');

test('protocol: no interface code lens inside a signature being typed', async (t) => {
  const root = writeTempTree({
    'Cargo.toml': '[package]\nname = "lens-plugin"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n',
    'include/plugin.h': HEADER,
    'src/lib.rs': LIB,
  });
  const { client } = await startForTest(t, { rootPath: root }, [root]);
  const uri = await client.didOpen(path.join(root, 'src', 'lib.rs'), LIB);
  await client.waitForDiagnostics(uri, () => true, 10_000, 'the first analysis');
  const lensLines = async (text: string) => ((await client.codeLenses(uri)) as CodeLens[]).map((l) => [text.split('\n')[l.range.start.line], l.command?.title]);

  assert.deepEqual(await lensLines(LIB), [
    ['pub extern "C" fn plugin_scale(value: i32) -> i32 {', 'implements plugin.h:1'],
    ['pub extern "C" fn plugin_reset() {}', 'implements plugin.h:2'],
  ]);

  await client.didChange(uri, [{ text: TYPING_PARAMS }]);
  assert.deepEqual(await lensLines(TYPING_PARAMS), [['pub extern "C" fn plugin_scale(value: i32) -> i32 {', 'implements plugin.h:1']], 'no lens on the half-typed plugin_new');

  await client.didChange(uri, [{ text: TYPING_TYPE }]);
  assert.deepEqual(await lensLines(TYPING_TYPE), [['pub extern "C" fn plugin_reset() {}', 'implements plugin.h:2']], 'no lens on plugin_scale while its parameter type is missing');

  await client.didChange(uri, [{ text: DONE }]);
  assert.deepEqual(await lensLines(DONE), [
    ['pub extern "C" fn plugin_scale(value: i32) -> i32 {', 'implements plugin.h:1'],
    ['pub extern "C" fn plugin_new(level: i32) {}', 'not declared by any interface'],
    ['pub extern "C" fn plugin_reset() {}', 'implements plugin.h:2'],
  ]);
  assert.deepEqual(client.errorLogs, []);
});
