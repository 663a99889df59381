// `npm start`: checks the bundled example workspace. The example holds deliberate mistakes, so `check`
// exits 1 (errors found) as it would in CI; that is the expected outcome here, not a failure of the tool.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const result = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'check', 'examples'], { cwd: root, stdio: 'inherit' });
if (result.status === 1) {
  console.log('\nThe example contains deliberate mistakes: `check` exited 1 (errors found), as it would fail a CI job.');
  process.exit(0);
}
process.exit(result.status ?? 2);
