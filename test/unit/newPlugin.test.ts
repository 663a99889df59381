// "New plugin from header" (issue 16): the crate rendered from a header, read back by the engine itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { loadCParser } from '../../server/src/interface/cHeader/parseHeader';
import { crateNameFor, newPluginFiles } from '../../server/src/newPlugin/newPluginCrate';
import { nodeModulesAssets, testEngine, writeTree } from '../support/engine';

const DEMO = path.resolve(__dirname, '../fixtures/interfaces/new_plugin/demo.h');

async function generate(): Promise<ReturnType<typeof newPluginFiles>> {
  return newPluginFiles(await loadCParser(nodeModulesAssets), DEMO, readFileSync(DEMO, 'utf8'));
}

describe('new-plugin: the crate made from a header', () => {
  test('a cdylib of edition 2024 with the header under include/', async () => {
    const { files, crateName } = await generate();
    assert.equal(crateName, 'demo');
    assert.deepEqual([...files.keys()].sort(), ['Cargo.toml', 'include/demo.h', 'src/lib.rs']);
    assert.match(files.get('Cargo.toml')!, /crate-type = \["cdylib"\]/);
    assert.match(files.get('Cargo.toml')!, /edition = "2024"/);
    assert.equal(files.get('include/demo.h'), readFileSync(DEMO, 'utf8'));
  });

  test('signatures, mirrors, the constructor/destructor pair, caught panics, the version and NULL handles', async () => {
    const librs = (await generate()).files.get('src/lib.rs')!;
    for (const expected of [
      '#[repr(C)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum demo_status {\n    DEMO_OK = 0,\n    DEMO_ERR_INVALID = 1,\n    DEMO_ERR_INTERNAL = 2,\n}',
      'pub struct demo_point {\n    pub x: i32,\n    pub y: i32,\n}',
      'pub tags: [u8; 8],',
      'pub union demo_value_anon_1 {',
      '#[unsafe(no_mangle)]\npub extern "C" fn demo_abi_version() -> u32 {',
      'DEMO_ABI_VERSION as u32',
      'pub unsafe extern "C" fn demo_engine_new(config: *const c_char) -> *mut demo_engine {',
      'Ok(state) => Box::into_raw(state),',
      'pub unsafe extern "C" fn demo_engine_free(engine: *mut demo_engine) {\n    if !engine.is_null() {',
      'drop(unsafe { Box::from_raw(engine) });',
      'pub unsafe extern "C" fn demo_engine_run(engine: *mut demo_engine, data: *const u8, len: usize, log: Option<unsafe extern "C" fn(*mut c_void, *const c_char)>, user: *mut c_void) -> demo_status {',
      // A panic returns the variant that says "internal", not the first error.
      'Err(_) => demo_status::DEMO_ERR_INTERNAL,',
      'if engine.is_null() {\n        return demo_status::DEMO_ERR_INTERNAL;\n    }',
      'pub unsafe extern "C" fn demo_engine_origin(engine: *const demo_engine) -> demo_point {',
      'Ok(value) => value,\n        Err(_) => demo_point { x: 0, y: 0 },',
      'pub static DEMO_SUPPORTED: [u16; 2] = [0; 2];',
      'use core::ffi::{c_char, c_void};',
    ]) {
      assert.ok(librs.includes(expected), `lib.rs lacks:\n${expected}\n--- lib.rs ---\n${librs}`);
    }
  });

  test('what has no faithful Rust is listed with why, not written wrong', async () => {
    const { skipped, implemented } = await generate();
    assert.deepEqual(skipped.map((s) => s.replace(/ \(demo\.h:\d+\)/, '').replace(/:.*$/, '')).sort(), ['demo_engine_value', 'demo_printf', 'extern demo_name', 'struct demo_value'].sort());
    assert.match(skipped.find((s) => s.startsWith('demo_printf'))!, /variadic/);
    assert.match(skipped.find((s) => s.startsWith('extern demo_name'))!, /not `Sync`/);
    assert.deepEqual(implemented.sort(), ['DEMO_SUPPORTED', 'demo_abi_version', 'demo_engine_free', 'demo_engine_new', 'demo_engine_origin', 'demo_engine_ready', 'demo_engine_run', 'demo_scale']);
  });

  test('the engine finds nothing wrong in what was generated: only the skipped declarations are missing', async () => {
    const { files } = await generate();
    const root = writeTree(Object.fromEntries(files));
    const { findings } = await (await testEngine()).analyzeFile(path.join(root, 'src/lib.rs'));
    const all = [...findings, ...(await (await testEngine()).check([root])).findings];
    const problems = new Set(all.filter((f) => f.severity !== 'information').map((f) => `${f.rule} ${/`(\w+)`/.exec(f.message)?.[1]}`));
    assert.deepEqual([...problems].sort(), ['missing-export demo_engine_value', 'missing-export demo_name', 'missing-export demo_printf']);
    // Besides them, only the summary of the same three.
    assert.deepEqual([...new Set(all.filter((f) => f.severity === 'information').map((f) => f.rule))], ['missing-export']);
  });

  test('crate names from header names', () => {
    assert.equal(crateNameFor('/x/My Plugin.h'), 'my_plugin');
    assert.equal(crateNameFor('2d-engine.h'), 'plugin_2d-engine');
    assert.equal(crateNameFor('___.h'), 'plugin');
  });

  test('arguments: --help, a header and a folder, a valid --name', () => {
    assert.deepEqual(parseArgs(['new-plugin', '--help']), { kind: 'new-plugin', header: '', dir: '', help: true });
    assert.deepEqual(parseArgs(['new-plugin', 'a.h', 'out', '--name', 'my-plugin']), { kind: 'new-plugin', header: 'a.h', dir: 'out', name: 'my-plugin' });
    assert.throws(() => parseArgs(['new-plugin', 'a.h']), UsageError);
    assert.throws(() => parseArgs(['new-plugin', 'a.h', 'out', '--name', 'no spaces']), UsageError);
    assert.throws(() => parseArgs(['new-plugin', 'a.h', 'out', '--force']), /unknown option `--force`/);
  });
});
