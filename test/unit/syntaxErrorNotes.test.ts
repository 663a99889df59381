// A syntax-error note of a file read from disk comes from the tree FileStore parsed (no second parse, which was
// two thirds of a cold `check`); it must say what parsing the text again says, for every kind of error.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../server/src/engine/engine';
import { syntaxErrorOf } from '../../server/src/engine/inputNotes';
import { nodeModulesAssets, writeTree } from '../support/engine';

const TEXTS: Record<string, string> = {
  clean: '#[no_mangle]\npub extern "C" fn f(x: u32) -> u32 { x }\n',
  unexpected: 'pub fn f() { let x = ; }\n',
  missing: 'pub struct S { a: u32\n',
  crlf: 'pub fn a() {}\r\n\r\npub fn b( {}\r\n',
  safeQualifier: 'unsafe extern "C" {\n    pub safe fn host_log(level: i32);\n}\nfn broken( {}\n',
  safeOnly: 'unsafe extern "C" {\n    pub safe fn host_log(level: i32);\n}\n',
  astral: '// 😀 😀\nfn g() { 😀 }\n',
};

test('syntax-error notes from the parse FileStore did equal those of a second parse', async () => {
  const root = writeTree(Object.fromEntries(Object.entries(TEXTS).map(([name, text]) => [`${name}.rs`, text])));
  const engine = await Engine.create({ assets: nodeModulesAssets });
  try {
    let errors = 0;
    for (const name of Object.keys(TEXTS)) {
      const parsed = await engine.files.get(path.join(root, `${name}.rs`));
      assert.ok(parsed && parsed.syntaxError !== undefined, `${name}: read when parsed`);
      const again = syntaxErrorOf({ ...parsed, syntaxError: undefined });
      assert.deepEqual(syntaxErrorOf(parsed), again, name);
      if (again) errors++;
    }
    assert.equal(errors, 5, 'the five broken texts have notes, the two clean ones none');
  } finally {
    engine.dispose();
  }
});
