// What a newcomer meets first: `npm ci` without install-script warnings (every dependency with an install script
// is denied explicitly; none is needed) and F5 in VS Code (.vscode/launch.json builds, then opens examples/).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..');
const json = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;

test('package.json denies the install scripts of every locked package that has one', () => {
  const manifest = json('package.json') as { allowScripts?: Record<string, unknown> };
  const lock = json('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
  const withScripts = Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript)
    .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .sort();
  assert.ok(withScripts.includes('koffi') && withScripts.includes('esbuild'), withScripts.join(', '));
  assert.deepEqual(Object.keys(manifest.allowScripts ?? {}).sort(), withScripts);
  for (const [name, allowed] of Object.entries(manifest.allowScripts ?? {})) assert.equal(allowed, false, name);
  // What the denied scripts would have provided is in the packages: koffi's prebuilt binary, the grammar's wasm.
  assert.ok(existsSync(path.join(root, 'node_modules', '@koromix', `koffi-${process.platform}-${process.arch}`)), 'koffi prebuilt package');
  assert.ok(existsSync(path.join(root, 'node_modules', 'tree-sitter-c', 'tree-sitter-c.wasm')));
});

test('F5: the launch configuration builds first and opens examples/ in an Extension Development Host', () => {
  const launch = json('.vscode/launch.json') as { configurations: { type: string; args: string[]; preLaunchTask?: string }[] };
  const tasks = json('.vscode/tasks.json') as { tasks: { label: string; type: string; script?: string }[] };
  const scripts = (json('package.json') as { scripts: Record<string, string> }).scripts;
  const [run] = launch.configurations;
  assert.equal(run.type, 'extensionHost');
  assert.ok(run.args.includes('--extensionDevelopmentPath=${workspaceFolder}'), run.args.join(' '));
  const folder = run.args.find((a) => !a.startsWith('--'));
  assert.equal(folder, '${workspaceFolder}/examples');
  assert.ok(existsSync(path.join(root, 'examples', 'Cargo.toml')));
  const task = tasks.tasks.find((t) => t.label === run.preLaunchTask);
  assert.ok(task, `preLaunchTask ${run.preLaunchTask} among ${tasks.tasks.map((t) => t.label).join(', ')}`);
  assert.equal(task.type, 'npm');
  assert.equal(scripts[task.script ?? ''], 'node scripts/build.mjs');
});
