// Installs code-server once into a cache folder outside the repository and reuses it afterwards.
// The install must work offline apart from the npm registry: ripgrep's postinstall would download a binary,
// so Debian's `rg` is placed in the cache that @vscode/ripgrep's postinstall reads first.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.99.4';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Where code-server is installed: $RPG_E2E_CACHE, or ~/.cache/rust-plugin-guard-e2e. */
export function cacheFolder(): string {
  return process.env.RPG_E2E_CACHE ?? path.join(homedir(), '.cache', 'rust-plugin-guard-e2e');
}

function entryPoint(prefix: string): string {
  return path.join(prefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with status ${result.status}`);
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks before downloading. */
function seedRipgrepCache(): void {
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is not installed: apt-get install ripgrep');
  const cache = path.join(tmpdir(), RIPGREP_CACHE);
  const archive = path.join(cache, RIPGREP_ARCHIVE);
  if (existsSync(archive)) return;
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(path.join(tmpdir(), 'rpg-rg-'));
  copyFileSync(rg, path.join(staging, 'rg'));
  run('tar', ['-czf', archive, '-C', staging, 'rg']);
  rmSync(staging, { recursive: true, force: true });
}

/** True when code-server is installed in the cache (ensureCodeServer will not install it). */
export function codeServerCached(): boolean {
  const prefix = path.join(cacheFolder(), `code-server-${CODE_SERVER_VERSION}`);
  return existsSync(entryPoint(prefix)) && existsSync(path.join(prefix, '.complete'));
}

/** Returns the path of code-server's entry script, installing it first when the cache lacks it. */
export function ensureCodeServer(): string {
  const prefix = path.join(cacheFolder(), `code-server-${CODE_SERVER_VERSION}`);
  const entry = entryPoint(prefix);
  if (codeServerCached()) return entry;
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  seedRipgrepCache();
  writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: 'rpg-e2e-code-server', private: true }));
  const env = { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' };
  console.log(`e2e: installing code-server@${CODE_SERVER_VERSION} into ${prefix} (once)`);
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: prefix, env });
  if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing`);
  writeFileSync(path.join(prefix, '.complete'), new Date().toISOString());
  return entry;
}

if (require.main === module) console.log(ensureCodeServer());
