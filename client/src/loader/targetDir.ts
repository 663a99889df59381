// Where cargo puts a package's build when nothing configures it, `<workspace root>/target`, found without
// running cargo (`cargo metadata` costs ~25 ms of CPU beside the analysis on a 2-CPU machine). Only the plain
// layouts are answered; whenever anything could say otherwise (a config file, an environment variable,
// `package.workspace`, a workspace that does not list the package plainly) the answer is "ask cargo".
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parseManifest, type Manifest } from '../../../server/src/crate/manifest';

type Layout = Pick<Manifest, 'path' | 'dir' | 'text' | 'workspace'>;

export interface LayoutProbe {
  env?: NodeJS.ProcessEnv;
  exists?: (file: string) => boolean;
  /** Reads a manifest above the package (undefined or a throw: ask cargo). */
  read?: (file: string) => Layout | undefined;
}

const CONFIG_FILES = ['config.toml', 'config'];

function readManifestFile(file: string): Layout | undefined {
  return parseManifest(file, readFileSync(file, 'utf8'), existsSync);
}

/** `<root>/target` for the package of `manifest`, or undefined when cargo must say (see the file comment). */
export function unconfiguredTargetDir(manifest: Layout, probe: LayoutProbe = {}): string | undefined {
  const env = probe.env ?? process.env;
  const exists = probe.exists ?? existsSync;
  const read = probe.read ?? readManifestFile;
  if (env.CARGO_TARGET_DIR || env.CARGO_BUILD_TARGET_DIR) return undefined;
  const cargoHome = path.resolve(env.CARGO_HOME || path.join(homedir(), '.cargo'));
  if (CONFIG_FILES.some((f) => exists(path.join(cargoHome, f)))) return undefined;
  // Cargo does not look for a workspace across CARGO_HOME nor out of a `cargo package` copy.
  const dir = path.resolve(manifest.dir);
  if (isInside(dir, cargoHome) || dir.split(path.sep).join('/').includes('target/package')) return undefined;
  for (let at = dir; ; at = path.dirname(at)) {
    if (CONFIG_FILES.some((f) => exists(path.join(at, '.cargo', f)))) return undefined;
    if (path.dirname(at) === at) break;
  }
  if (namesItsWorkspace(manifest.text)) return undefined;
  if (manifest.workspace) return path.join(dir, 'target');
  for (let at = path.dirname(dir); ; at = path.dirname(at)) {
    const candidate = path.join(at, 'Cargo.toml');
    if (exists(candidate)) {
      let root: Layout | undefined;
      try {
        root = read(candidate);
      } catch {
        return undefined;
      }
      if (!root) return undefined;
      // The nearest manifest with [workspace] decides: it lists the package, or cargo says what is wrong.
      if (root.workspace) return listsPlainly(root.workspace, path.resolve(root.dir), dir) ? path.join(path.resolve(root.dir), 'target') : undefined;
    }
    if (path.dirname(at) === at) return path.join(dir, 'target');
  }
}

function isInside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `package.workspace = "…"` points at a root elsewhere: cargo's to follow. */
function namesItsWorkspace(text: string): boolean {
  try {
    const pkg = (parseToml(text) as { package?: unknown }).package;
    return typeof pkg !== 'object' || pkg === null || 'workspace' in pkg;
  } catch {
    return true;
  }
}

/** `members` names the folder itself (`"plugin"`) or its parent with one `*` (`"crates/*"`); nothing is excluded. */
function listsPlainly(workspace: NonNullable<Manifest['workspace']>, root: string, dir: string): boolean {
  if (workspace.exclude.length > 0) return false;
  return workspace.members.some((member) => {
    const plain = member.replace(/\/\*$/, '');
    if (/[*?[\]{}!]/.test(plain)) return false;
    const resolved = path.resolve(root, plain);
    return member.endsWith('/*') ? path.dirname(dir) === resolved : dir === resolved;
  });
}
