// Bundles the extension client, the language server and the CLI with esbuild,
// and copies the tree-sitter runtime and grammar wasm files next to them.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Assets the bundles load at run time from their own folder. */
export const wasmAssets = {
  'tree-sitter.wasm': require.resolve('web-tree-sitter/tree-sitter.wasm'),
  // The VS Code team's Rust grammar parses edition 2024's `unsafe extern` blocks (tree-sitter-rust 0.24.0 does not).
  'tree-sitter-rust.wasm': require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-rust.wasm'),
  // C headers (declared interfaces); loaded only when a crate has one.
  'tree-sitter-c.wasm': require.resolve('tree-sitter-c/tree-sitter-c.wasm'),
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // In a CJS bundle esbuild would pick web-tree-sitter's ESM build, whose `import.meta.url` breaks Parser.init().
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  external: ['koffi'],
  define: { PACKAGE_VERSION: JSON.stringify(version) },
};

const builds = [
  { entryPoints: { extension: path.join(root, 'client/src/extension.ts') }, external: ['vscode', 'koffi'] },
  { entryPoints: { server: path.join(root, 'server/src/lsp/main.ts') } },
  { entryPoints: { cli: path.join(root, 'server/src/cli/main.ts') }, banner: { js: '#!/usr/bin/env node' } },
  // The process that loads a plugin for "Load plugin" (forked by the extension and the CLI; koffi stays external).
  { entryPoints: { loaderChild: path.join(root, 'client/src/loader/child.ts') } },
];

mkdirSync(outdir, { recursive: true });
for (const [name, from] of Object.entries(wasmAssets)) copyFileSync(from, path.join(outdir, name));

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b, outdir })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
