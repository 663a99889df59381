import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../support/edits';
import type { RuleSettings } from '../../server/src/engine/engine';
import { testEngine, writeTree } from '../support/engine';


async function check(source: string, edition: string, settings: RuleSettings = {}): Promise<Finding[]> {
  const root = writeTree({ 'Cargo.toml': `[package]\nname = "p"\nversion = "0.1.0"\nedition = "${edition}"\n\n[lib]\ncrate-type = ["cdylib"]\n`, 'src/lib.rs': source });
  const engine = await testEngine();
  return (await engine.analyzeFile(path.join(root, 'src/lib.rs'), settings)).findings.filter((f) => f.rule !== 'missing-repr-c');
}

const fixed = (source: string, f: Finding) => applyEdits(source, f.fixes[0].edits);

describe('export rules', () => {
  test('unsafe-attribute wraps every form, in methods and statics; silent on unsafe(...)', async () => {
    const source = '#[no_mangle]\npub extern "C" fn a() {}\n#[export_name = "b_sym"]\npub extern "C" fn b() {}\n#[unsafe(no_mangle)]\npub static C: u8 = 0;\n';
    const findings = await check(source, '2024');
    assert.deepEqual(findings.map((f) => f.rule), ['unsafe-attribute', 'unsafe-attribute']);
    assert.equal(fixed(source, findings[1]), source.replace('#[export_name = "b_sym"]', '#[unsafe(export_name = "b_sym")]'));
    assert.match(findings[1].message, /^`#\[export_name = "b_sym"\]` on `b` must be written `#\[unsafe\(export_name = "b_sym"\)\]` in edition 2024/);
  });

  test('before edition 2024 the unsafe rules are off unless a severity is set', async () => {
    const source = '#[no_mangle]\npub extern "C" fn a() {}\nextern "C" { fn b(); }\n';
    assert.deepEqual(await check(source, '2021'), []);
    const enabled = await check(source, '2021', { 'unsafe-attribute': 'warning', 'unsafe-extern-block': 'hint' });
    assert.deepEqual(enabled.map((f) => [f.rule, f.severity]), [['unsafe-attribute', 'warning'], ['unsafe-extern-block', 'hint']]);
  });

  test('unsafe-extern-block adds `unsafe`; honours rustc allow and the comment', async () => {
    const source = 'extern "C" {\n    fn host();\n}\n';
    const [finding] = await check(source, '2024');
    assert.equal(fixed(source, finding), 'unsafe extern "C" {\n    fn host();\n}\n');
    assert.deepEqual(await check('#[allow(missing_unsafe_on_extern)]\nextern "C" { fn h(); }\n', '2024'), []);
    assert.deepEqual(await check('// rust-plugin-guard: allow(unsafe-extern-block)\nextern "C" { fn h(); }\n', '2024'), []);
  });

  test('generic-export: types and consts count, lifetimes do not; the fix removes the attribute line', async () => {
    const source = 'pub struct H<T>(T);\nimpl<T> H<T> {\n    #[no_mangle]\n    pub extern "C" fn m() {}\n}\n#[no_mangle] pub extern "C" fn c<const N: usize>() {}\n#[no_mangle]\npub extern "C" fn l<\'a>(x: &\'a u8) -> &\'a u8 { x }\n';
    const findings = await check(source, '2021');
    assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line]), [['generic-export', 2], ['generic-export', 5]]);
    assert.equal(fixed(source, findings[0]), source.replace('    #[no_mangle]\n', ''));
    assert.equal(fixed(source, findings[1]), source.replace('#[no_mangle] pub extern "C" fn c', 'pub extern "C" fn c'));
  });
});

describe('no-mangle-rust-abi', () => {
  test('warns on Rust-ABI exports and inserts `extern "C"` before `fn`', async () => {
    const source = '#[unsafe(no_mangle)]\npub unsafe fn a() {}\n#[unsafe(export_name = "b")]\nfn b() {}\n#[unsafe(no_mangle)]\npub extern "C" fn c() {}\npub fn d() {}\n';
    const findings = (await check(source, '2021')).filter((f) => f.rule === 'no-mangle-rust-abi');
    assert.deepEqual(findings.map((f) => [f.severity, f.range.start.line]), [['warning', 1], ['warning', 3]]);
    assert.equal(fixed(source, findings[0]), source.replace('pub unsafe fn a', 'pub unsafe extern "C" fn a'));
    assert.equal(fixed(source, findings[1]), source.replace('\nfn b', '\nextern "C" fn b'));
  });
});

describe('missing-cdylib', () => {
  const lib = '#[unsafe(no_mangle)]\npub extern "C" fn plugin_init() {}\n';
  async function run(manifest: string) {
    const root = writeTree({ 'Cargo.toml': manifest, 'src/lib.rs': lib });
    const engine = await testEngine();
    const findings = (await engine.analyzeFile(path.join(root, 'src/lib.rs'))).findings.filter((f) => f.rule === 'missing-cdylib');
    return { findings, manifestPath: path.join(root, 'Cargo.toml') };
  }
  const pkg = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n';

  test('reported in Cargo.toml on [lib], fixed by extending crate-type', async () => {
    const manifest = `${pkg}\n[lib]\ncrate-type = ["rlib"]\n`;
    const { findings, manifestPath } = await run(manifest);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, manifestPath);
    assert.deepEqual(findings[0].range, { start: { line: 5, character: 0 }, end: { line: 5, character: 5 } });
    assert.match(findings[0].message, /exports C symbols \(`plugin_init`\)/);
    assert.equal(fixed(manifest, findings[0]), manifest.replace('["rlib"]', '["cdylib", "rlib"]'));
  });

  test('adds the key under [lib], or a [lib] table; silent with cdylib, staticlib or no exports', async () => {
    const withLib = `${pkg}[lib]\npath = "src/lib.rs"\n`;
    assert.equal(fixed(withLib, (await run(withLib)).findings[0]), `${pkg}[lib]\ncrate-type = ["cdylib"]\npath = "src/lib.rs"\n`);
    const bare = (await run(pkg)).findings[0];
    assert.deepEqual(bare.range.start, { line: 0, character: 0 });
    assert.equal(fixed(pkg, bare), `${pkg}\n[lib]\ncrate-type = ["cdylib"]\n`);
    assert.deepEqual((await run(`${pkg}[lib]\ncrate-type = ["staticlib"]\n`)).findings, []);
    const noExports = writeTree({ 'Cargo.toml': pkg, 'src/lib.rs': 'pub fn f() {}\n' });
    assert.deepEqual((await (await testEngine()).analyzeFile(path.join(noExports, 'src/lib.rs'))).findings, []);
  });

  test('silent on a cargo-c crate (cargo cbuild sets the crate types): [package.metadata.capi] or a `capi` feature', async () => {
    assert.deepEqual((await run(`${pkg}\n[package.metadata.capi.header]\nname = "p"\n`)).findings, []);
    assert.deepEqual((await run(`${pkg}\n[features]\ncapi = []\n`)).findings, []);
    assert.equal((await run(`${pkg}\n[features]\nffi = []\n\n[package.metadata.docs.rs]\nall-features = true\n`)).findings.length, 1, 'another feature or metadata table says nothing');
  });
});

describe('missing-no-mangle', () => {
  test('public, reachable, unused extern fns of a cdylib; the fix uses the edition form', async () => {
    const source = [
      'pub extern "C" fn plugin_reset() {}',
      'extern "C" fn private_one() {}',
      'pub extern "C" fn callback(x: i32) -> i32 { x }',
      'pub extern "C" fn register() -> extern "C" fn(i32) -> i32 { callback }',
      'mod hidden { pub extern "C" fn inner_fn() {} }',
      'pub mod api {',
      '    /// Docs.',
      '    pub extern "C" fn api_call() {}',
      '}',
      '#[unsafe(no_mangle)] pub extern "C" fn exported() {}',
      'pub extern "C" fn generic_one<T>(_t: *const T) {}',
    ].join('\n');
    const findings = (await check(source, '2024')).filter((f) => f.rule === 'missing-no-mangle');
    assert.deepEqual(findings.map((f) => f.message.split(' ')[0]), ['`plugin_reset`', '`register`', '`api_call`']);
    assert.equal(fixed(source, findings[2]), source.replace('    /// Docs.\n', '    /// Docs.\n    #[unsafe(no_mangle)]\n'));
    const old = (await check('pub extern "C" fn plugin_reset() {}\n', '2021')).find((f) => f.rule === 'missing-no-mangle');
    assert.equal(old?.fixes[0].title, 'Add `#[no_mangle]`');
  });
});

describe('ffi-unsafe-type fixes', () => {
  test('`char` becomes `u32`, a Rust fn pointer becomes `extern "C" fn`', async () => {
    const source = '#[unsafe(no_mangle)]\npub extern "C" fn f(c: char, cb: unsafe fn(u32)) {}\n';
    const findings = (await check(source, '2021')).filter((f) => f.rule === 'ffi-unsafe-type');
    assert.deepEqual(findings.map((f) => f.fixes[0]?.title), ['Change `char` to `u32`', 'Make it an `extern "C" fn` pointer']);
    assert.equal(fixed(source, findings[0]), source.replace('c: char', 'c: u32'));
    assert.equal(fixed(source, findings[1]), source.replace('unsafe fn(u32)', 'unsafe extern "C" fn(u32)'));
    assert.match(findings[0].message, /^`char` crosses the C boundary in `f`, but `char` has no C equivalent\.$/);
  });
});

describe('exported statics', () => {
  test('the type of a #[no_mangle] static crosses the boundary; a plain static only through fn pointers', async () => {
    const source = [
      'pub struct Info { pub v: u32 }',
      '#[unsafe(no_mangle)] pub static PLUGIN_NAME: &str = "greeter";',
      '#[unsafe(export_name = "plugin_info")] pub static INFO: Info = Info { v: 1 };',
      '#[unsafe(no_mangle)] pub static PLUGIN_ABI: u32 = 1;',
      'pub static LOCAL: &str = "not exported";',
    ].join('\n');
    const findings = await check(source, '2024');
    const root = writeTree({ 'Cargo.toml': '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2024"\n[lib]\ncrate-type = ["cdylib"]\n', 'src/lib.rs': source });
    const all = (await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'))).findings;
    assert.deepEqual(findings.map((f) => [f.rule, f.range.start.line]), [['ffi-unsafe-type', 1]]);
    assert.match(findings[0].message, /^`&str` crosses the C boundary in the exported static `PLUGIN_NAME`/);
    assert.deepEqual(all.filter((f) => f.rule === 'missing-repr-c').map((f) => f.range.start.line), [2]);
  });
});
