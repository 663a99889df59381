import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import { LineIndex } from '../../server/src/parsing/lineIndex';
import { checkSource, testEngine, writeTree } from '../support/engine';


function textAt(source: string, f: Finding): string {
  const lines = new LineIndex(source);
  return source.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end));
}

async function reported(source: string): Promise<string[]> {
  const { findings } = await checkSource(source);
  return findings.filter((f) => f.rule === 'missing-repr-c').map((f) => `${textAt(source, f)} → ${/^`([^`]+)`/.exec(f.message)?.[1]}`);
}

describe('missing-repr-c', () => {
  test('reports the type at the use site with message, help and related definition', async () => {
    const source = 'pub struct Config { a: u32 }\n\n#[no_mangle]\npub extern "C" fn plugin_init(cfg: Config) -> i32 { 0 }\n';
    const { file, findings } = await checkSource(source);
    assert.equal(findings.length, 1);
    const [f] = findings;
    assert.equal(f.rule, 'missing-repr-c');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, { start: { line: 3, character: 35 }, end: { line: 3, character: 41 } });
    assert.match(f.message, /^`Config` crosses the C boundary in `plugin_init` but has no C layout: /);
    assert.equal(f.help, 'add `#[repr(C)]` to `Config`');
    assert.deepEqual(f.related[0].location, { file, range: { start: { line: 0, character: 11 }, end: { line: 0, character: 17 } } });
    assert.deepEqual(f.fixes.map((x) => [x.title, x.isPreferred]), [['Add `#[repr(C)]` to `Config`', true]]);
  });

  test('stays silent on correct FFI code', async () => {
    const silent = [
      'pub struct Opaque { v: Vec<u8> }\n#[no_mangle] pub extern "C" fn new() -> *mut Opaque { std::ptr::null_mut() }\npub extern "C" fn r(o: &Opaque, b: Box<Opaque>, n: Option<&Opaque>) {}',
      '#[repr(transparent)] pub struct Id(u64);\n#[repr(u8)] pub enum E { A }\n#[repr(C, packed)] pub struct P { a: u8 }\npub extern "C" fn f(i: Id, e: E, p: P) {}',
      'pub struct S;\npub fn rust_abi(s: S) -> S { s }\npub type RustCb = fn(S);\npub extern "C" fn generic<T>(t: T) {}',
      'pub enum Void {}\npub enum Opt { None, Some(&\'static u8) }\npub extern "C" fn f(v: Opt) -> Void { loop {} }',
      'pub struct S;\npub trait T { extern "C" fn decl(s: S); }',
      'pub struct S;\n#[cfg(test)]\nmod tests { pub extern "C" fn t(s: super::S) {} }',
      'pub struct S;\npub extern "C" fn f(s: &[S], t: (S, u8), st: &str) {}',
    ];
    for (const source of silent) assert.deepEqual(await reported(source), [], source);
  });

  test('follows fields, generics, aliases, arrays in fields, modules and fn pointers', async () => {
    assert.deepEqual(
      await reported([
        'pub struct Inner(u8);',
        '#[repr(C)] pub struct Outer { i: [Inner; 2] }',
        '#[repr(C)] pub struct W<T> { t: T }',
        'pub type A = W<Inner>;',
        'mod m { pub struct M; }',
        'pub extern "C" fn f(o: Outer, a: A, m: m::M, cb: Option<extern "C" fn(Inner)>) {}',
      ].join('\n')),
      ['Outer → Inner', 'A → Inner', 'm::M → M', 'Option<extern "C" fn(Inner)> → Inner'],
    );
  });

  test('reports every type that needs a repr at the same site, not only the first', async () => {
    assert.deepEqual(await reported('pub struct A { b: B }\npub enum B { X, Y }\npub extern "C" fn f(a: A) {}'), ['A → A', 'A → B']);
  });

  test('extern blocks check what pointers point to', async () => {
    assert.deepEqual(await reported('pub struct S;\nextern "C" { fn f(p: *const S, r: &S); }\npub extern "C" fn g(p: *const S) {}'), ['*const S → S', '&S → S']);
  });

  test('suppression: comment above the function or the type, rustc allows on item, block and module', async () => {
    const cases = [
      'pub struct S;\n// rust-plugin-guard: allow(missing-repr-c)\n#[no_mangle]\npub extern "C" fn f(s: S) {}',
      '// rust-plugin-guard: allow(missing-repr-c)\npub struct S;\npub extern "C" fn f(s: S) {}',
      'pub struct S;\n#[allow(improper_ctypes_definitions)]\npub extern "C" fn f(s: S) {}',
      'pub struct S;\n#[allow(improper_ctypes)]\nextern "C" { fn f(s: S); }',
      'pub struct S;\nextern "C" { #[expect(improper_ctypes)] fn f(s: S); }',
      '#![allow(improper_ctypes_definitions)]\npub struct S;\npub extern "C" fn f(s: S) {}',
      'pub struct S;\n#[allow(improper_ctypes_definitions)]\nmod m { pub extern "C" fn f(s: super::S) {} }',
    ];
    for (const source of cases) assert.deepEqual(await reported(source), [], source);
    // The lint of the other boundary does not silence this one.
    assert.equal((await reported('pub struct S;\n#[allow(improper_ctypes)]\npub extern "C" fn f(s: S) {}')).length, 1);
  });

  test('severity settings change or silence the rule', async () => {
    const source = 'pub struct S;\npub extern "C" fn f(s: S) {}';
    assert.equal((await checkSource(source, { 'missing-repr-c': 'warning' })).findings[0]?.severity, 'warning');
    assert.deepEqual((await checkSource(source, { 'missing-repr-c': 'off' })).findings, []);
  });

  test('the fix goes after doc comments and attributes, keeps indentation, merges into an existing repr', async () => {
    const fixed = async (source: string, fixIndex = 0): Promise<string> => {
      const { findings } = await checkSource(source);
      assert.ok(findings[0], `a finding in ${source}`);
      return applyEdits(source, findings[0].fixes[fixIndex].edits);
    };
    assert.equal(
      await fixed('mod m {\n    /// Docs.\n    #[derive(Clone)]\n    pub struct S;\n}\npub extern "C" fn f(s: m::S) {}'),
      'mod m {\n    /// Docs.\n    #[derive(Clone)]\n    #[repr(C)]\n    pub struct S;\n}\npub extern "C" fn f(s: m::S) {}',
    );
    assert.equal(await fixed('#[repr(packed)]\npub struct S { a: u8 }\npub extern "C" fn f(s: S) {}'), '#[repr(C, packed)]\npub struct S { a: u8 }\npub extern "C" fn f(s: S) {}');
    assert.equal(await fixed('#[derive(Debug)] pub struct S;\npub extern "C" fn f(s: S) {}'), '#[derive(Debug)] #[repr(C)] pub struct S;\npub extern "C" fn f(s: S) {}');
    assert.equal(await fixed('pub enum E { A, B }\r\npub extern "C" fn f(e: E) {}', 1), '#[repr(u32)]\r\npub enum E { A, B }\r\npub extern "C" fn f(e: E) {}');
  });

  test('a type defined in another file: related location and fix point there', async () => {
    const root = writeTree({
      'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n',
      'src/lib.rs': 'mod config;\nuse config::Config;\n#[no_mangle]\npub extern "C" fn init(c: Config) {}\n',
      'src/config.rs': '/// Settings.\npub struct Config {\n    pub a: u32,\n}\n',
    });
    const engine = await testEngine();
    const { findings } = await engine.analyzeFile(path.join(root, 'src/lib.rs'));
    assert.equal(findings.length, 1);
    const configFile = path.join(root, 'src/config.rs');
    assert.equal(findings[0].file, path.join(root, 'src/lib.rs'));
    assert.equal(findings[0].related[0].location.file, configFile);
    const edit = findings[0].fixes[0].edits[0];
    assert.equal(edit.file, configFile);
    assert.equal(applyEdits(readFileSync(configFile, 'utf8'), [edit]), '/// Settings.\n#[repr(C)]\npub struct Config {\n    pub a: u32,\n}\n');
  });

  test('half-typed and malformed files never throw', async () => {
    const broken = ['pub extern "C" fn f(x: Conf', 'pub struct S {\n#[repr(\npub extern "C" fn g(s: S', '}}}{{{ impl for <T as>::X', 'extern "C" { fn f(x: S) -> ; static }', 'use a::{b as, *; type T = ;'];
    for (const source of broken) await assert.doesNotReject(checkSource(source), source);
  });
});
