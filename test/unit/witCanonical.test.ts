// A guest that writes its canonical-ABI exports by hand (no wit-bindgen), against the one world of its `wit/`:
// wit-missing-implementation for a world function with no export of its name, wit-unknown-export for a `…#…`
// name the world does not have (issue 14).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as path from 'node:path';
import { guestSignals, guestWorld } from '../../server/src/lsp/wasmGuest';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "by-hand"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n';
const WIT = `package rpg:guest@0.1.0;

interface text {
  resource doc { len: func() -> u32; }
  greet: func(name: string) -> string;
  sum: func(values: list<s32>) -> s64;
  @unstable(feature = later)
  later: func();
}

world plugin {
  export text;
  export version: func() -> u32;
}
`;
const REALLOC = '#[no_mangle]\npub unsafe extern "C" fn cabi_realloc(_o: *mut u8, _os: usize, _a: usize, _n: usize) -> *mut u8 { std::ptr::null_mut() }\n';
const GREET = '#[export_name = "rpg:guest/text@0.1.0#greet"]\npub unsafe extern "C" fn greet(_p: *mut u8, _l: usize) -> *mut u8 { std::ptr::null_mut() }\n';
const GREET_POST = '#[export_name = "cabi_post_rpg:guest/text@0.1.0#greet"]\npub unsafe extern "C" fn greet_post(_r: *mut u8) {}\n';
const SUM = '#[export_name = "rpg:guest/text@0.1.0#sum"]\npub unsafe extern "C" fn sum(_p: *mut i32, _l: usize) -> i64 { 0 }\n';
const VERSION = '#[export_name = "version"]\npub extern "C" fn version() -> u32 { 3 }\n';
const COMPLETE = [REALLOC, GREET, GREET_POST, SUM, VERSION].join('\n');
const RULES = new Set(['wit-missing-implementation', 'wit-unknown-export']);

async function findings(lib: string, wit = WIT): Promise<string[]> {
  const files: Record<string, string> = { 'Cargo.toml': MANIFEST, 'src/lib.rs': lib };
  if (wit) files['wit/plugin.wit'] = wit;
  const { findings: all } = await (await testEngine()).check([writeTree(files)]);
  return all.filter((f) => RULES.has(f.rule)).map((f) => `${f.rule} ${f.severity} ${f.range.start.line + 1}: ${f.message}`);
}

describe('hand-written canonical-ABI exports against the world', () => {
  test('silent: every world export written (with cabi_post_*, cabi_realloc, a plain helper export, a resource method, a gated-out function)', async () => {
    const extra = '#[no_mangle]\npub extern "C" fn _initialize() {}\n#[export_name = "rpg:guest/text@0.1.0#[method]doc.len"]\npub extern "C" fn doc_len(_h: i32) -> u32 { 0 }\n#[export_name = "rpg:guest/text@0.1.0#later"]\npub extern "C" fn later() {}\n';
    assert.deepEqual(await findings(`${COMPLETE}\n${extra}`), []);
  });

  test('wit-missing-implementation: a world function and an interface function with no export of their names, at the interface\'s export', async () => {
    const lib = [REALLOC, GREET, GREET_POST].join('\n');
    assert.deepEqual(await findings(lib), [
      'wit-missing-implementation error 5: The world `plugin` exports `version`, but no function is exported as `version`: wit-component cannot make the component from this module.',
      'wit-missing-implementation error 5: The interface `rpg:guest/text@0.1.0` exports `sum`, but no function is exported as `rpg:guest/text@0.1.0#sum`: wit-component cannot make the component from this module.',
    ]);
  });

  test('wit-unknown-export: an interface the world does not export, a function the interface lacks, a post-return of nothing', async () => {
    const lib = `${COMPLETE}
#[export_name = "rpg:guest/other@0.1.0#greet"]
pub extern "C" fn other() {}
#[export_name = "rpg:guest/text@0.1.0#shout"]
pub extern "C" fn shout() {}
#[export_name = "cabi_post_rpg:guest/text@0.1.0#sum"]
pub extern "C" fn sum_post(_r: *mut u8) {}
#[export_name = "cabi_post_version2"]
pub extern "C" fn version2_post(_r: *mut u8) {}
`;
    assert.deepEqual(await findings(lib), [
      'wit-unknown-export warning 17: `rpg:guest/other@0.1.0#greet`: the world `plugin` exports no interface `rpg:guest/other@0.1.0` (it exports `rpg:guest/text@0.1.0`).',
      'wit-unknown-export warning 19: `rpg:guest/text@0.1.0#shout`: the interface `rpg:guest/text@0.1.0` has no function `shout` (it has `greet`, `sum`).',
      'wit-unknown-export warning 23: `cabi_post_version2` is the post-return of `version2`, which the crate does not export: nothing calls it.',
    ]);
  });

  test('silent: no export of this world written (cabi_realloc alone), several worlds, no wit/, a syntax error, a wit-bindgen crate', async () => {
    assert.deepEqual(await findings(REALLOC), []);
    assert.deepEqual(await findings(GREET, `${WIT}\nworld other { export version: func() -> u32; }\n`), []);
    assert.deepEqual(await findings(GREET, ''), []);
    assert.deepEqual(await findings(GREET, WIT.replace('export text;', 'export text')), []);
    const bindgen = `wit_bindgen::generate!({ world: "plugin", path: "wit" });\nstruct C;\nexport!(C);\nimpl Guest for C { fn version() -> u32 { 1 } }\nimpl exports::rpg::guest::text::Guest for C { type Doc = (); fn greet(n: String) -> String { n } fn sum(v: Vec<i32>) -> i64 { v.len() as i64 } }\n${GREET_POST}`;
    assert.deepEqual(await findings(bindgen), []);
  });
});

describe("the Plugins view's world of a hand-written guest", () => {
  test('the one world of wit/, with its exports; several worlds: an error naming them', async () => {
    const engine = await testEngine();
    const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': COMPLETE, 'wit/plugin.wit': WIT });
    const { crate } = await engine.analyzeFile(path.join(root, 'src', 'lib.rs'));
    assert.ok(crate);
    const world = guestWorld(crate, guestSignals(crate)!);
    assert.deepEqual([world?.name, world?.at?.label, world?.exports, world?.errors], ['plugin', 'wit/plugin.wit:11', ['rpg:guest/text@0.1.0', 'version'], []]);
    const two = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': COMPLETE, 'wit/plugin.wit': `${WIT}\nworld other { export version: func() -> u32; }\n` });
    const other = (await engine.analyzeFile(path.join(two, 'src', 'lib.rs'))).crate!;
    assert.deepEqual(guestWorld(other, guestSignals(other)!)?.errors, ['several worlds (plugin, other): a guest without `generate!` is checked against the only world of `wit/`']);
  });
});

describe('canonical-ABI exports are not C-host exports for the native rules', () => {
  // What wit-bindgen generates for `sum: func(values: list<s32>) -> s64`: the list is the guest's own allocation
  // (made by its cabi_realloc), taken back with Vec::from_raw_parts; a panic is a trap the runtime reports.
  const OWNED_SUM = (name: string) => `#[export_name = "${name}"]
pub unsafe extern "C" fn sum(ptr: *mut i32, len: usize) -> i64 {
    let values = Vec::from_raw_parts(ptr, len, len);
    let first = values[0];
    values.iter().map(|&v| i64::from(v)).sum::<i64>() + i64::from(first)
}
`;
  const native = new Set(['mismatched-free', 'panic-across-ffi', 'leaked-ownership']);
  async function nativeFindings(lib: string): Promise<string[]> {
    const { findings: all } = await (await testEngine()).check([writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': lib, 'wit/plugin.wit': WIT })]);
    return all.filter((f) => native.has(f.rule)).map((f) => f.rule).sort();
  }

  test('silent in a hand-written guest (cabi_realloc, `ns:pkg/iface#fn` names)', async () => {
    assert.deepEqual(await nativeFindings([REALLOC, OWNED_SUM('rpg:guest/text@0.1.0#sum')].join('\n')), []);
  });

  test('the same body exported to a C host is still reported', async () => {
    assert.deepEqual(await nativeFindings(`#[no_mangle]\n${OWNED_SUM('plugin_sum').replace(/^#\[export_name = "[^"]*"\]\n/, '')}`), ['mismatched-free', 'panic-across-ffi']);
  });
});

describe("cargo-component's [package.metadata.component.target] names the world of a hand-written guest", () => {
  const TWO_WORLDS = `${WIT}\nworld other {\n  export version: func() -> u32;\n}\n`;
  const manifest = `${MANIFEST}\n[package.metadata.component.target]\npath = "../shared-wit"\nworld = "plugin"\n`;

  test('the named world of the named folder is judged (several worlds there)', async () => {
    const root = writeTree({ 'guest/Cargo.toml': manifest, 'guest/src/lib.rs': [REALLOC, GREET, GREET_POST, VERSION].join('\n'), 'shared-wit/plugin.wit': TWO_WORLDS });
    const { findings: all } = await (await testEngine()).check([path.join(root, 'guest')]);
    const judged = all.filter((f) => RULES.has(f.rule)).map((f) => f.message);
    assert.equal(judged.length, 1, judged.join('\n'));
    assert.match(judged[0], /no function is exported as `rpg:guest\/text@0\.1\.0#sum`/);
  });

  test('without the metadata, two worlds in wit/ are not guessed between', async () => {
    const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': [REALLOC, GREET, GREET_POST, VERSION].join('\n'), 'wit/plugin.wit': TWO_WORLDS });
    const { findings: all } = await (await testEngine()).check([root]);
    assert.deepEqual(all.filter((f) => RULES.has(f.rule)), []);
  });
});
