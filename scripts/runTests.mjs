// Runs the TypeScript test files with node's built-in test runner (through tsx).
// Usage: node scripts/runTests.mjs [unit|protocol|oracle|runtime ...]   (default: all suites)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const suites = process.argv.slice(2);
// `runtime` holds tests that build fixture plugins with cargo and run them (koffi, a C host).
const DEFAULT_SUITES = ['unit', 'protocol', 'oracle', 'runtime'];
const dirs = (suites.length > 0 ? suites : DEFAULT_SUITES.filter((s) => existsSync(path.join(root, 'test', s)))).map((s) => path.join(root, 'test', s));

function testFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    console.error(`no test folder ${path.relative(root, dir)}`);
    process.exit(2);
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

const files = dirs.flatMap(testFiles).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
