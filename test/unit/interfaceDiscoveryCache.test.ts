// Header discovery walks a crate folder once and reuses the walk until a watched-file event invalidates it.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { testEngine, writeTree } from '../support/engine';

const MANIFEST = '[package]\nname = "p"\nversion = "0.1.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n';

test('a header added later is found once its path (or a folder above it) is invalidated, not before', async () => {
  const dir = writeTree({ 'Cargo.toml': MANIFEST, 'src/lib.rs': '#[no_mangle]\npub extern "C" fn plugin_init() -> i32 { 0 }\n', 'include/a.h': 'int plugin_init(void);\n' });
  const engine = await testEngine();
  const lib = path.join(dir, 'src', 'lib.rs');
  const files = async () => ((await engine.crateOf(lib))?.interfaces ?? []).map((i) => path.relative(dir, i.file)).sort();
  assert.deepEqual(await files(), [path.join('include', 'a.h')]);

  writeFileSync(path.join(dir, 'include', 'b.h'), 'void plugin_stop(void);\n');
  assert.deepEqual(await files(), [path.join('include', 'a.h')], 'the walk is reused while no event came');
  engine.interfaces.invalidate(path.join(dir, 'include', 'b.h'));
  assert.deepEqual(await files(), [path.join('include', 'a.h'), path.join('include', 'b.h')]);

  mkdirSync(path.join(dir, 'vendor', 'api'), { recursive: true });
  writeFileSync(path.join(dir, 'vendor', 'api', 'c.h'), 'void plugin_c(void);\n');
  engine.interfaces.invalidate(path.join(dir, 'vendor'));
  assert.deepEqual(await files(), [path.join('include', 'a.h'), path.join('include', 'b.h'), path.join('vendor', 'api', 'c.h')]);
  // An event outside the crate folder leaves its walk alone: a header added meanwhile is not seen yet.
  writeFileSync(path.join(dir, 'vendor', 'api', 'd.h'), 'void plugin_d(void);\n');
  engine.interfaces.invalidate(path.join(path.dirname(dir), 'elsewhere.h'));
  assert.deepEqual(await files(), [path.join('include', 'a.h'), path.join('include', 'b.h'), path.join('vendor', 'api', 'c.h')]);
  engine.interfaces.invalidate(path.join(dir, 'vendor', 'api', 'd.h'));
  assert.deepEqual(await files(), [path.join('include', 'a.h'), path.join('include', 'b.h'), path.join('vendor', 'api', 'c.h'), path.join('vendor', 'api', 'd.h')]);
});

test('cbindgen.toml is parsed again when its text changes, and only then', async () => {
  const dir = writeTree({ 'Cargo.toml': MANIFEST, 'cbindgen.toml': '[export\n', 'src/lib.rs': '#[no_mangle]\npub extern "C" fn plugin_init() -> i32 { 0 }\n', 'include/a.h': 'int plugin_init(void);\n' });
  const engine = await testEngine();
  const lib = path.join(dir, 'src', 'lib.rs');
  const errors = async () => ((await engine.crateOf(lib))?.interfaces ?? []).flatMap((i) => i.errors);
  assert.match((await errors()).join('\n'), /cbindgen\.toml: not valid TOML/);
  assert.match((await errors()).join('\n'), /cbindgen\.toml: not valid TOML/, 'the same text gives the same answer');
  writeFileSync(path.join(dir, 'cbindgen.toml'), '[export]\nprefix = "Gx"\n');
  assert.deepEqual(await errors(), []);
});

test('a host crate added to the workspace later is read once its Cargo.toml sends an event', async () => {
  const dir = writeTree({
    'Cargo.toml': '[workspace]\nmembers = ["plugin", "host"]\nresolver = "2"\n',
    'plugin/Cargo.toml': MANIFEST.replace('name = "p"', 'name = "plugin"'),
    'plugin/src/lib.rs': '#[no_mangle]\npub extern "C" fn plugin_init() -> i32 { 0 }\n',
  });
  const engine = await testEngine();
  const lib = path.join(dir, 'plugin', 'src', 'lib.rs');
  const files = async () => ((await engine.crateOf(lib))?.interfaces ?? []).map((i) => path.relative(dir, i.file));
  assert.deepEqual(await files(), []);
  mkdirSync(path.join(dir, 'host', 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'host', 'Cargo.toml'), '[package]\nname = "host"\nversion = "0.1.0"\nedition = "2021"\n');
  writeFileSync(path.join(dir, 'host', 'src', 'main.rs'), '#[derive(WrapperApi)]\nstruct Api { plugin_init: unsafe extern "C" fn() -> i32 }\nfn main() {}\n');
  assert.deepEqual(await files(), [], 'the package list is reused while no event came');
  engine.interfaces.invalidate(path.join(dir, 'host', 'Cargo.toml'));
  assert.deepEqual(await files(), [path.join('host', 'src', 'main.rs')]);
});
