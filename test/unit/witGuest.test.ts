// wit-missing-implementation (issue 14, a Rust guest against its world): what wit-bindgen's `Guest` traits require
// of a guest crate, read statically (no build: wit-bindgen comes from crates.io).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "guest"\nversion = "0.1.0"\nedition = "2021"\n\n[lib]\ncrate-type = ["cdylib"]\n\n[dependencies]\nwit-bindgen = "0.36"\n';
const WIT = `package demo:greeter@0.1.0;

interface greet {
  greet: func(name: string) -> string;
  say-bye: func();
  resource session {
    constructor();
    close: func();
  }
}

interface logging {
  log: func(msg: string);
}

world greeter {
  import logging;
  export greet;
  export version: func() -> u32;
  export %stop: func();
}
`;

async function findings(lib: string, wit = WIT): Promise<string[]> {
  const root = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': lib, 'wit/greeter.wit': wit });
  const engine = await testEngine();
  const result = await engine.check([root]);
  return result.findings.filter((f) => f.rule === 'wit-missing-implementation').map((f) => `${f.range.start.line + 1}: ${f.message}`);
}

const GENERATE = 'wit_bindgen::generate!({ world: "greeter", path: "wit" });\n\nstruct Component;\nexport!(Component);\n';
/** Every export of the world implemented, the interface through its full trait path. */
const COMPLETE = `${GENERATE}
impl Guest for Component {
    fn version() -> u32 { 1 }
    fn stop() {}
}
impl exports::demo::greeter::greet::Guest for Component {
    type Session = ();
    fn greet(name: String) -> String { name }
    fn say_bye() {}
}
`;

describe('wit-missing-implementation', () => {
  test('silent: every export implemented (the interface trait also through a `use … as` alias); resources and imports are not required', async () => {
    const lib = `${GENERATE}
use exports::demo::greeter::greet::Guest as GreetGuest;

impl Guest for Component {
    fn version() -> u32 { 1 }
    fn stop() {}
}

impl GreetGuest for Component {
    type Session = ();
    fn greet(name: String) -> String { name }
    fn say_bye() {}
}
`;
    assert.deepEqual(await findings(lib), []);
  });

  test('reported: a world function missing from `impl Guest`, an interface with no impl, an impl lacking a function', async () => {
    const noInterface = `${GENERATE}
impl Guest for Component {
    fn version() -> u32 { 1 }
}
`;
    assert.deepEqual(await findings(noInterface), [
      '1: The interface `demo:greeter/greet`, exported, has no implementation: no `impl exports::demo::greeter::greet::Guest for …` (`greet`, `say_bye`), so the component does not build (`export!` needs the trait).',
      '6: `impl Guest` lacks `stop`, which the world `greeter` exports: the component does not build (E0046).',
    ]);
    const partial = COMPLETE.replace('    fn say_bye() {}\n', '');
    assert.deepEqual(await findings(partial), ['10: `impl exports::demo::greeter::greet::Guest` lacks `say_bye`, which the interface `demo:greeter/greet` exports: the component does not build (E0046).']);
  });

  test('silent: not a guest, a world that cannot be read, members written by a macro, an inline world of an unnamed package fully implemented', async () => {
    assert.deepEqual(await findings('pub fn f() {}\n'), []);
    assert.deepEqual(await findings(GENERATE, 'package demo:greeter;\nworld greeter {\n  export version: func() -> u32\n}\n'), [], 'a syntax error: the .wit file reports it');
    assert.deepEqual(await findings(GENERATE.replace('"greeter"', '"nope"')), []);
    const viaMacro = `${GENERATE}
macro_rules! world_fns { () => { fn version() -> u32 { 1 } fn stop() {} }; }
impl Guest for Component { world_fns!(); }
impl exports::demo::greeter::greet::Guest for Component { type Session = (); fn greet(n: String) -> String { n } fn say_bye() {} }
`;
    assert.deepEqual(await findings(viaMacro), []);
    const inline = 'wit_bindgen::generate!({ inline: r#"\n  world tiny {\n    export run: func();\n  }\n"# });\nstruct C;\nexport!(C);\nimpl Guest for C { fn run() {} }\n';
    assert.deepEqual(await findings(inline, ''), []);
    assert.deepEqual((await findings(inline.replace('fn run() {}', ''), '')).length, 1);
  });
});

describe('missing-cdylib on a component guest', () => {
  const lib = COMPLETE;
  async function cdylibFindings(manifest: string, source: string): Promise<{ message: string; fixes: string[] }[]> {
    const root = writeTree({ 'Cargo.toml': manifest, 'src/lib.rs': source, 'wit/greeter.wit': WIT });
    const { findings } = await (await testEngine()).check([root]);
    return findings.filter((f) => f.rule === 'missing-cdylib').map((f) => ({ message: f.message, fixes: f.fixes.map((x) => x.title) }));
  }
  const asLib = MANIFEST.replace('crate-type = ["cdylib"]', 'crate-type = ["lib"]');

  test('reported: a guest that exports its component but is built as a plain lib; the fix adds cdylib', async () => {
    const found = await cdylibFindings(asLib, lib);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^`guest` is a WebAssembly component guest \(`wit_bindgen::generate!` and `export!`\) but its `crate-type` is \["lib"\]: cargo builds no `\.wasm` module/);
    assert.equal(found[0].fixes.length, 1);
  });

  test('silent: built as a cdylib, or a crate that only generates bindings for others (no export!)', async () => {
    assert.deepEqual(await cdylibFindings(MANIFEST, lib), []);
    assert.deepEqual(await cdylibFindings(asLib, 'wit_bindgen::generate!({ world: "greeter", path: "wit", pub_export_macro: true });\n'), []);
  });
});

describe('generate! inside `mod bindings { … }` (the component-docs tutorial layout)', () => {
  const INSIDE = (implPath: string, body = 'fn version() -> u32 { 1 }\n    fn stop() {}') => `mod bindings {
    wit_bindgen::generate!({ world: "greeter", path: "wit" });
    use super::Component;
    export!(Component);
}
struct Component;
impl ${implPath} for Component {
    ${body}
}
impl bindings::exports::demo::greeter::greet::Guest for Component {
    fn greet(name: String) -> String { name }
    fn say_bye() {}
}
`;

  test('`impl bindings::Guest` (and through `use bindings::Guest`) is the world trait: nothing missing', async () => {
    assert.deepEqual(await findings(INSIDE('bindings::Guest')), []);
    assert.deepEqual(await findings(`use bindings::Guest;\n${INSIDE('Guest')}`), []);
  });

  test('a world function left out of it is still reported', async () => {
    const reported = await findings(INSIDE('bindings::Guest', 'fn version() -> u32 { 1 }'));
    assert.equal(reported.length, 1);
    assert.match(reported[0], /`stop`/);
  });
});

describe("trait paths as wit-bindgen's own runtime tests write them", () => {
  async function guestFindings(files: Record<string, string>): Promise<string[]> {
    const root = writeTree({ 'Cargo.toml': MANIFEST, ...files });
    const { findings: all } = await (await testEngine()).check([root]);
    return all.filter((f) => f.rule.startsWith('wit-') && f.rule !== 'wit-import-export-conflict').map((f) => `${f.rule}: ${f.message}`);
  }

  test('`use exports::…::iface::*; impl Guest` in the generate! module of a world without functions of its own', async () => {
    const wit = 'package test:flavorful;\ninterface to-test {\n  f: func(a: string) -> string;\n}\nworld test { export to-test; }\n';
    const lib = 'wit_bindgen::generate!({ world: "test", path: "wit" });\nuse exports::test::flavorful::to_test::*;\nstruct Component;\nexport!(Component);\nimpl Guest for Component {\n    fn f(a: String) -> String { a }\n}\n';
    assert.deepEqual(await guestFindings({ 'wit/test.wit': wit, 'src/lib.rs': lib }), []);
    // With a world function the bare `Guest` there is the world's, and the interface is still unimplemented.
    const withWorldFn = wit.replace('world test { export to-test; }', 'world test { export to-test; export run: func(); }');
    const reported = await guestFindings({ 'wit/test.wit': withWorldFn, 'src/lib.rs': lib });
    assert.ok(reported.some((r) => /wit-missing-implementation: The interface `test:flavorful\/to-test`/.test(r)), reported.join('\n'));
  });

  test('two packages with an interface `x` each: each impl is judged against its own', async () => {
    const wit = 'package a:b;\ninterface x { f1: func(); }\nworld test { export x; export other:c/x; }\n';
    const dep = 'package other:c;\ninterface x { f2: func(); }\n';
    const lib = 'wit_bindgen::generate!({ world: "test", path: "wit" });\nstruct Component;\nexport!(Component);\nimpl exports::a::b::x::Guest for Component { fn f1() {} }\nimpl exports::other::c::x::Guest for Component { fn f2() {} }\n';
    assert.deepEqual(await guestFindings({ 'wit/test.wit': wit, 'wit/deps/c/c.wit': dep, 'src/lib.rs': lib }), []);
    const swapped = lib.replace('fn f2() {}', 'fn f1() {}');
    assert.equal((await guestFindings({ 'wit/test.wit': wit, 'wit/deps/c/c.wit': dep, 'src/lib.rs': swapped })).length, 2, 'f2 missing and f1 unknown in other:c/x');
  });

  test('two versions of one package: the version is part of the module name (dep0_1_0)', async () => {
    const wit = 'package test:versions;\nworld test {\n  export test:dep/test@0.1.0;\n  export test:dep/test@0.2.0;\n}\n';
    const v1 = 'package test:dep@0.1.0;\ninterface test { x: func() -> f32; }\n';
    const v2 = 'package test:dep@0.2.0;\ninterface test { x: func() -> f32; z: func(a: f32) -> f32; }\n';
    const lib = 'wit_bindgen::generate!({ world: "test", path: "wit" });\nuse exports::test::dep0_1_0::test::Guest as V1;\nuse exports::test::dep0_2_0::test::Guest as V2;\nstruct Component;\nexport!(Component);\nimpl V1 for Component { fn x() -> f32 { 1.0 } }\nimpl V2 for Component {\n    fn x() -> f32 { 2.0 }\n    fn z(a: f32) -> f32 { a }\n}\n';
    assert.deepEqual(await guestFindings({ 'wit/test.wit': wit, 'wit/deps/v1/dep.wit': v1, 'wit/deps/v2/dep.wit': v2, 'src/lib.rs': lib }), []);
  });
});

describe('cargo-component crates: [package.metadata.component] and the generated `mod bindings;`', () => {
  const CC_MANIFEST = `${MANIFEST.replace('wit-bindgen = "0.36"', 'wit-bindgen-rt = "0.24"')}\n[package.metadata.component]\npackage = "demo:greeter"\n\n[package.metadata.component.target]\npath = "../shared/wit"\nworld = "greeter"\n`;
  // What cargo-component writes into src/bindings.rs is wit-bindgen's output; its contents are not read here.
  const BINDINGS = '// Generated by `wit-bindgen` 0.24.0. DO NOT EDIT!\npub trait Guest { fn version() -> u32; fn stop(); }\npub mod exports { pub mod demo { pub mod greeter { pub mod greet { pub trait Guest {} } } } }\n';
  const LIB = (version = 'fn version() -> u32 { 1 }') => `#[allow(warnings)]
mod bindings;
use bindings::exports::demo::greeter::greet::Guest as GreetGuest;
struct Component;
impl bindings::Guest for Component {
    ${version}
    fn stop() {}
}
impl GreetGuest for Component {
    fn greet(name: String) -> String { name }
    fn say_bye() {}
}
bindings::export!(Component with_types_in bindings);
`;
  async function ccFindings(lib: string): Promise<string[]> {
    const root = writeTree({ 'guest/Cargo.toml': CC_MANIFEST, 'guest/src/lib.rs': lib, 'guest/src/bindings.rs': BINDINGS, 'shared/wit/greeter.wit': WIT });
    const { findings: all } = await (await testEngine()).check([`${root}/guest`]);
    return all.filter((f) => f.rule.startsWith('wit-')).map((f) => `${f.rule} ${f.range.start.line + 1}: ${f.message}`);
  }

  test('the metadata world, judged through `bindings::Guest` and a renamed interface trait: complete, silent', async () => {
    assert.deepEqual(await ccFindings(LIB()), []);
  });

  test('a wrong signature and a missing world function are reported (the missing one at `mod bindings;`)', async () => {
    const wrong = await ccFindings(LIB('fn version() -> i64 { 1 }'));
    assert.deepEqual(wrong.map((f) => f.split(':')[0]), ['wit-signature-mismatch 6']);
    const missing = await ccFindings(LIB('').replace('impl bindings::Guest for Component {\n    \n    fn stop() {}\n}\n', ''));
    assert.equal(missing.length, 1, missing.join('\n'));
    assert.match(missing[0], /^wit-missing-implementation 2: The world `greeter`/);
  });
});
