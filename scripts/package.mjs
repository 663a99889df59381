// Builds one .vsix per target platform: the production bundles plus koffi and only that target's native
// package (@koromix/koffi-<os>-<arch>). The manifest and .vscodeignore allow-list come from the repository;
// packing happens in a staging folder outside the repository so its node_modules never leak in.
// Usage: node scripts/package.mjs [--target linux-x64,win32-x64,...] [--out-dir <dir>] [--list]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** vsce target → the koffi package with its binary and the npm os/cpu that installs it. */
const TARGETS = {
  'linux-x64': { os: 'linux', cpu: 'x64', koffi: 'linux-x64' },
  'linux-arm64': { os: 'linux', cpu: 'arm64', koffi: 'linux-arm64' },
  'linux-armhf': { os: 'linux', cpu: 'arm', koffi: 'linux-arm' },
  'alpine-x64': { os: 'linux', cpu: 'x64', koffi: 'linux-x64' }, // holds the musl build too
  'alpine-arm64': { os: 'linux', cpu: 'arm64', koffi: 'linux-arm64' },
  'darwin-x64': { os: 'darwin', cpu: 'x64', koffi: 'darwin-x64' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64', koffi: 'darwin-arm64' },
  'win32-x64': { os: 'win32', cpu: 'x64', koffi: 'win32-x64' },
  'win32-arm64': { os: 'win32', cpu: 'arm64', koffi: 'win32-arm64' },
};

function option(name) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function run(command, args, cwd, capture = false) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: capture ? 'pipe' : 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr ?? ''}`);
  return result.stdout;
}

function hostTarget() {
  const os = process.platform === 'linux' ? 'linux' : process.platform;
  return `${os}-${process.arch}`;
}

/** Copies koffi and the target's native package into <stage>/node_modules (npm fetches another target's). */
function stageKoffi(stage, target) {
  const koffiDir = path.join(root, 'node_modules', 'koffi');
  const koffiVersion = JSON.parse(readFileSync(path.join(koffiDir, 'package.json'), 'utf8')).version;
  const native = `@koromix/koffi-${target.koffi}`;
  const modules = path.join(stage, 'node_modules');
  cpSync(koffiDir, path.join(modules, 'koffi'), { recursive: true });
  let nativeDir = path.join(root, 'node_modules', native);
  if (!existsSync(nativeDir)) {
    const fetch = mkdtempSync(path.join(tmpdir(), 'rpg-koffi-'));
    writeFileSync(path.join(fetch, 'package.json'), '{"private":true}');
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `--os=${target.os}`, `--cpu=${target.cpu}`, `${native}@${koffiVersion}`], fetch);
    nativeDir = path.join(fetch, 'node_modules', native);
  }
  cpSync(nativeDir, path.join(modules, native), { recursive: true });
  return { koffiVersion, native };
}

function stage(targetName) {
  const target = TARGETS[targetName];
  if (!target) throw new Error(`unknown target ${targetName}; one of ${Object.keys(TARGETS).join(', ')}`);
  const dir = mkdtempSync(path.join(tmpdir(), `rpg-package-${targetName}-`));
  for (const entry of ['dist', 'snippets', 'syntaxes', 'README.md', 'LICENSE', '.vscodeignore']) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const { koffiVersion } = stageKoffi(dir, target);
  // Everything else is bundled into dist/: koffi is the only run-time dependency left for vsce to collect.
  manifest.dependencies = { koffi: koffiVersion };
  delete manifest.devDependencies;
  delete manifest.scripts['vscode:prepublish'];
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const targets = (option('--target') ?? hostTarget()).split(',');
const outDir = path.resolve(option('--out-dir') ?? root);
const list = process.argv.includes('--list');

if (!process.argv.includes('--no-build')) run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production'], root);
for (const targetName of targets) {
  const dir = stage(targetName);
  try {
    if (list) {
      process.stdout.write(run(process.execPath, [vsce, 'ls'], dir, true));
    } else {
      mkdirSync(outDir, { recursive: true });
      const out = path.join(outDir, `rust-plugin-guard-${targetName}.vsix`);
      run(process.execPath, [vsce, 'package', '--target', targetName, '--out', out], dir);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
