// Which files get a "Load plugin" code lens (a cdylib's Cargo.toml and its library root), and which crate
// "Load plugin" loads when none is given. Pure (no vscode).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';

const CDYLIB = /crate-type\s*=\s*\[[^\]]*"cdylib"/;

export function isCdylibManifest(text: string): boolean {
  return CDYLIB.test(text);
}

/** The Cargo.toml of a cdylib whose library root is `file` (`src/lib.rs`, or `[lib] path`). */
export function manifestOfCrateRoot(file: string): string | undefined {
  for (let dir = path.dirname(file), depth = 0; depth < 3; dir = path.dirname(dir), depth++) {
    const manifest = path.join(dir, 'Cargo.toml');
    if (!existsSync(manifest)) continue;
    const text = readFileSync(manifest, 'utf8');
    if (!isCdylibManifest(text)) return undefined;
    const libPath = /\[lib\][^[]*?\bpath\s*=\s*"([^"]+)"/.exec(text)?.[1] ?? 'src/lib.rs';
    return path.resolve(dir, libPath) === path.resolve(file) ? manifest : undefined;
  }
  return undefined;
}

/** A Cargo.toml of the workspace, as "Load plugin" lists them. */
export interface ManifestFile {
  path: string;
  text: string;
}

/** A cdylib crate "Load plugin" can offer: its manifest and the name to show (package name, else folder name). */
export interface LoadableCrate {
  manifest: string;
  label: string;
}

/** `[package] name`; undefined for a virtual workspace manifest or one that does not parse. */
export function packageNameOf(text: string): string | undefined {
  try {
    const name = (parseToml(text) as { package?: { name?: unknown } }).package?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What "Load plugin" loads without asking: the cdylib crate of `activeFile` (the package whose folder is the
 * nearest one holding it, so a file of a nested non-cdylib package picks nothing). `choices` are every cdylib
 * crate, by name, for when it must ask.
 */
export function chooseCrate(activeFile: string | undefined, manifests: readonly ManifestFile[]): { chosen?: LoadableCrate; choices: LoadableCrate[] } {
  const loadable = (m: ManifestFile): LoadableCrate => ({ manifest: m.path, label: packageNameOf(m.text) ?? path.basename(path.dirname(m.path)) });
  const choices = manifests
    .filter((m) => isCdylibManifest(m.text))
    .map(loadable)
    .sort((a, b) => a.label.localeCompare(b.label) || a.manifest.localeCompare(b.manifest));
  if (!activeFile) return { choices };
  const holding = manifests.filter((m) => isInside(activeFile, path.dirname(m.path)) && packageNameOf(m.text) !== undefined);
  const nearest = holding.sort((a, b) => b.path.length - a.path.length)[0];
  return nearest && isCdylibManifest(nearest.text) ? { chosen: loadable(nearest), choices } : { choices };
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
