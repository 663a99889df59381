// The .vsix allow-list: only the bundles, the wasm files and the manifest files may be packed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

test('vsce packs only dist bundles, wasm files and manifest files', () => {
  const root = path.join(__dirname, '..', '..');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const files = result.stdout.split('\n').map((l) => l.trim()).filter(Boolean).sort();
  assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', 'dist/extension.js', 'dist/server.js', 'dist/tree-sitter-rust.wasm', 'dist/tree-sitter.wasm', 'package.json', 'snippets/rust.json', 'syntaxes/rust-ffi-markers.injection.tmLanguage.json', 'syntaxes/rust-plugin-guard-report.tmLanguage.json']);
});
