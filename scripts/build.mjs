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

/** jco's wasm (wasm-tools and the bindings generator), loaded by the wasm child from its own folder (import.meta.url). */
const jcoVendor = path.join(path.dirname(require.resolve('@bytecodealliance/jco-transpile')), '..', 'vendor');
export const jcoAssets = ['wasm-tools.core.wasm', 'wasm-tools.core2.wasm', 'js-component-bindgen-component.core.wasm', 'js-component-bindgen-component.core2.wasm'];

/**
 * preview2-shim (which jco's wasm-tools imports) starts its I/O worker from `./worker-thread.bundle.js` beside
 * itself, an ES module with a .js name; bundled, it is copied beside the child as an .mjs, and the URL says so.
 */
const shimWorker = path.join(path.dirname(require.resolve('@bytecodealliance/jco-transpile')), '..', 'node_modules', '@bytecodealliance', 'preview2-shim', 'dist', 'io', 'worker-thread.bundle.js');
const shimWorkerUrl = {
  name: 'preview2-shim-worker',
  setup(build) {
    build.onLoad({ filter: /preview2-shim[\\/]dist[\\/]io[\\/]worker-io\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace('"./worker-thread.bundle.js"', '"./wasmIoWorker.mjs"'),
      loader: 'js',
    }));
  },
};

/** jco-transpile imports oxc-minify (a native package) for an option the wasm child never sets: not bundled. */
const noMinify = {
  name: 'no-oxc-minify',
  setup(build) {
    build.onResolve({ filter: /^oxc-minify$/ }, () => ({ path: 'oxc-minify', namespace: 'no-minify' }));
    build.onLoad({ filter: /.*/, namespace: 'no-minify' }, () => ({ contents: 'export function minify() { throw new Error("minify is not bundled"); }', loader: 'js' }));
  },
};

const builds = [
  { entryPoints: { extension: path.join(root, 'client/src/extension.ts') }, external: ['vscode', 'koffi'] },
  { entryPoints: { server: path.join(root, 'server/src/lsp/main.ts') } },
  { entryPoints: { cli: path.join(root, 'server/src/cli/main.ts') }, banner: { js: '#!/usr/bin/env node' } },
  // The process that loads a plugin for "Load plugin" (forked by the extension and the CLI; koffi stays external).
  { entryPoints: { loaderChild: path.join(root, 'client/src/loader/child.ts') } },
  // The process that runs a WebAssembly guest for "Load plugin": ESM, as jco finds its wasm by import.meta.url.
  {
    entryPoints: { wasmChild: path.join(root, 'client/src/loader/wasm/wasmChild.ts') },
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    plugins: [noMinify, shimWorkerUrl],
    // preview2-shim is only under jco-transpile's node_modules: the child's own import resolves to that copy.
    nodePaths: [path.join(path.dirname(require.resolve('@bytecodealliance/jco-transpile')), '..', 'node_modules')],
    banner: { js: "import { createRequire as __rpgRequire } from 'node:module'; const require = __rpgRequire(import.meta.url);" },
  },
];

mkdirSync(outdir, { recursive: true });
for (const [name, from] of Object.entries(wasmAssets)) copyFileSync(from, path.join(outdir, name));
for (const name of jcoAssets) copyFileSync(path.join(jcoVendor, name), path.join(outdir, name));
copyFileSync(shimWorker, path.join(outdir, 'wasmIoWorker.mjs'));
// The WASI preview 1 adapter componentNew wraps a wasm32-wasip1 guest with (a reactor: a library, no main).
copyFileSync(path.join(path.dirname(require.resolve('@bytecodealliance/jco')), '..', 'lib', 'wasi_snapshot_preview1.reactor.wasm'), path.join(outdir, 'wasi_snapshot_preview1.reactor.wasm'));

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b, outdir })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
