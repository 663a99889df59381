// Which files get a "Load plugin" code lens: a cdylib's Cargo.toml and its library root. Pure (no vscode).
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

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
