// Extension-host tests through the VS Code API. They need an installed VS Code (VSCODE_EXECUTABLE_PATH), which
// cannot be downloaded on the project's machines: without it this says so and exits 0 (the browser suite,
// npm run test:e2e, covers the same scenarios through code-server).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  if (!vscodeExecutablePath) {
    console.log('test:vscode NOT RUN: set VSCODE_EXECUTABLE_PATH to an installed VS Code to run the extension-host tests.');
    return;
  }
  const root = path.join(__dirname, '..', '..');
  const workspace = path.join(mkdtempSync(path.join(tmpdir(), 'rpg-vscode-')), 'examples');
  cpSync(path.join(root, 'examples'), workspace, { recursive: true, filter: (source) => !source.includes(`${path.sep}target`) });
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { RPG_WORKSPACE: workspace },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
