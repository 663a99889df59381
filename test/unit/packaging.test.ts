// The .vsix allow-list: the bundles, wasm files, snippets, grammars, manifest files, koffi's JavaScript and only
// the target's native koffi package. scripts/package.mjs stages and packs outside the repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..');
const script = path.join(root, 'scripts', 'package.mjs');

test('a linux-x64 package holds the bundles, contributions, koffi and only the linux-x64 native package', () => {
  const result = spawnSync(process.execPath, [script, '--no-build', '--list', '--target', 'linux-x64'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const files = result.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  const koffi = files.filter((f) => f.startsWith('node_modules/koffi/'));
  const others = files.filter((f) => !f.startsWith('node_modules/'));
  assert.deepEqual(others, [
    'LICENSE', 'README.md', 'dist/cli.js', 'dist/extension.js', 'dist/js-component-bindgen-component.core.wasm', 'dist/js-component-bindgen-component.core2.wasm', 'dist/loaderChild.js', 'dist/server.js', 'dist/tree-sitter-c.wasm', 'dist/tree-sitter-rust.wasm', 'dist/tree-sitter.wasm',
    'dist/wasi_snapshot_preview1.reactor.wasm', 'dist/wasm-tools.core.wasm', 'dist/wasm-tools.core2.wasm', 'dist/wasmChild.mjs', 'dist/wasmIoWorker.mjs', 'package.json',
    'snippets/rust.json', 'syntaxes/rust-ffi-markers.injection.tmLanguage.json', 'syntaxes/rust-plugin-guard-report.tmLanguage.json', 'syntaxes/wit.language-configuration.json', 'syntaxes/wit.tmLanguage.json',
  ]);
  assert.ok(koffi.includes('node_modules/koffi/index.js') && koffi.includes('node_modules/koffi/src/koffi/src/static.cjs'), koffi.join('\n'));
  assert.deepEqual(koffi.filter((f) => !/\.(js|cjs|d\.ts|json|txt)$/.test(f)), [], 'no koffi C sources or docs');
  assert.deepEqual(files.filter((f) => f.startsWith('node_modules/@koromix/')).filter((f) => !f.startsWith('node_modules/@koromix/koffi-linux-x64/')), []);
  assert.ok(files.includes('node_modules/@koromix/koffi-linux-x64/linux_x64/koffi.node'));
});

test('the packed .vsix loads koffi from inside the extension folder', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'rpg-vsix-'));
  try {
    const packed = spawnSync(process.execPath, [script, '--no-build', '--target', 'linux-x64', '--out-dir', out], { cwd: root, encoding: 'utf8' });
    assert.equal(packed.status, 0, packed.stderr);
    const vsix = path.join(out, 'rust-plugin-guard-linux-x64.vsix');
    const unzip = spawnSync('unzip', ['-q', vsix, '-d', path.join(out, 'x')], { encoding: 'utf8' });
    assert.equal(unzip.status, 0, unzip.stderr);
    const extension = path.join(out, 'x', 'extension');
    // A fresh node with the extension folder as its only module root: koffi must find its native binary there.
    const probe = spawnSync(process.execPath, ['-e', `const k = require(${JSON.stringify(path.join(extension, 'node_modules', 'koffi'))}); console.log(k.sizeof('int64_t'))`], { cwd: extension, encoding: 'utf8' });
    assert.equal(probe.status, 0, probe.stderr);
    assert.equal(probe.stdout.trim(), '8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
