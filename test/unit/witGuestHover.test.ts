// Hover and Go to Definition on a component guest's methods (lsp/witGuestHover.ts), on crate models the engine
// builds: the WIT declaration with its doc comments (`///` and `/** */`) and gates, the generated Rust signature,
// the jump to the name in the `.wit` file; an inline world has a hover and no definition.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { witGuestDefinition, witGuestHover } from '../../server/src/lsp/witGuestHover';
import { pathToUri } from '../../server/src/lsp/convert';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "guest"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';
const WIT = `package demo:tools@1.2.0;

interface tools {
  record span { start: u32, len: u32 }
  /**
   * Finds \`needle\`.
   */
  @since(version = 1.1.0)
  find: func(hay: string, needle: string) -> option<span>;
  // not a doc comment
  count: func() -> u32;
}

world cli {
  export tools;
}
`;
const LIB = `wit_bindgen::generate!({ world: "cli", path: "wit" });
struct C;
export!(C);
impl exports::demo::tools::tools::Guest for C {
    fn find(hay: String, needle: String) -> Option<exports::demo::tools::tools::Span> { let _ = (hay, needle); None }
    fn count() -> u32 { 0 }
}
`;

async function crateOf(files: Record<string, string>) {
  const root = writeTree(files);
  const file = path.join(root, 'src', 'lib.rs');
  const { crate } = await (await testEngine()).analyzeFile(file);
  assert.ok(crate);
  return { root, file, crate };
}

function at(text: string, needle: string) {
  const offset = text.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function value(hover: ReturnType<typeof witGuestHover>): string {
  assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
  return hover.contents.value;
}

describe('hover and definition on a guest method', () => {
  test('the declaration with its block doc comment and gate, the Rust signature; a line comment is not a doc', async () => {
    const { root, file, crate } = await crateOf({ 'Cargo.toml': MANIFEST, 'src/lib.rs': LIB, 'wit/tools.wit': WIT });
    const find = value(witGuestHover(crate, file, at(LIB, 'find(')));
    assert.equal(
      find,
      [
        '`find` implements `find` of the interface `demo:tools/tools` (wit/tools.wit:9):',
        '',
        '```wit',
        '/**',
        ' * Finds `needle`.',
        ' */',
        '@since(version = 1.1.0)',
        'find: func(hay: string, needle: string) -> option<span>;',
        '```',
        '',
        'wit-bindgen generates:',
        '',
        '```rust',
        'fn find(hay: String, needle: String) -> Option<exports::demo::tools::tools::Span>',
        '```',
      ].join('\n'),
    );
    assert.match(value(witGuestHover(crate, file, at(LIB, 'count'))), /```wit\ncount: func\(\) -> u32;\n```/);
    assert.equal(witGuestHover(crate, file, at(LIB, 'None')), null);
    assert.deepEqual(witGuestDefinition(crate, file, at(LIB, 'count')), [{ uri: pathToUri(path.join(root, 'wit', 'tools.wit')), range: { start: { line: 10, character: 2 }, end: { line: 10, character: 7 } } }]);
  });

  test('an inline world: a hover naming it, no definition; not a guest: nothing', async () => {
    const inline = 'wit_bindgen::generate!({ inline: r#"\n  package a:b;\n  world w {\n    /// Runs.\n    export run: func();\n  }\n"# });\nstruct C;\nexport!(C);\nimpl Guest for C { fn run() {} }\n';
    const { file, crate } = await crateOf({ 'Cargo.toml': MANIFEST, 'src/lib.rs': inline });
    assert.match(value(witGuestHover(crate, file, at(inline, 'run()'))), /^`run` implements `run` of the world `w` \(the inline WIT of `generate!`\):\n\n```wit\n\/\/\/ Runs\.\nexport run: func\(\);\n```/);
    assert.equal(witGuestDefinition(crate, file, at(inline, 'run()')), null);
    const plain = await crateOf({ 'Cargo.toml': MANIFEST, 'src/lib.rs': 'pub fn run() {}\n' });
    assert.equal(witGuestHover(plain.crate, plain.file, at('pub fn run() {}\n', 'run')), null);
  });
});

describe('hover and definition on a hand-written canonical-ABI export', () => {
  test('an `#[export_name = "…#fn"]` function and its cabi_post_*: the WIT declaration; definition into the .wit file', async () => {
    const wit = 'package rpg:guest@0.1.0;\n\ninterface text {\n  /// Greets.\n  greet: func(name: string) -> string;\n}\n\nworld plugin {\n  export text;\n}\n';
    const lib = '#[export_name = "rpg:guest/text@0.1.0#greet"]\npub unsafe extern "C" fn greet(_p: *mut u8, _l: usize) -> *mut u8 { std::ptr::null_mut() }\n#[export_name = "cabi_post_rpg:guest/text@0.1.0#greet"]\npub unsafe extern "C" fn greet_post(_r: *mut u8) {}\n#[no_mangle]\npub extern "C" fn helper() {}\n';
    const { root, file, crate } = await crateOf({ 'Cargo.toml': MANIFEST, 'src/lib.rs': lib, 'wit/plugin.wit': wit });
    assert.equal(value(witGuestHover(crate, file, at(lib, 'greet('))), '`greet` is exported as `rpg:guest/text@0.1.0#greet`, which implements `greet` (wit/plugin.wit:5):\n\n```wit\n/// Greets.\ngreet: func(name: string) -> string;\n```');
    assert.match(value(witGuestHover(crate, file, at(lib, 'greet_post'))), /^`greet_post` is the post-return of `rpg:guest\/text@0\.1\.0#greet`, which implements `greet`/);
    assert.equal(witGuestHover(crate, file, at(lib, 'helper')), null);
    assert.deepEqual(witGuestDefinition(crate, file, at(lib, 'greet_post')), [{ uri: pathToUri(path.join(root, 'wit', 'plugin.wit')), range: { start: { line: 4, character: 2 }, end: { line: 4, character: 7 } } }]);
  });
});
