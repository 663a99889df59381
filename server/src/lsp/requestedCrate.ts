// The crate a custom request names by URI: a crate folder, its `Cargo.toml` (both mean the package's library),
// or any file of the crate. Shared by the requests that answer about one crate.
import * as path from 'node:path';
import type { CrateModel } from '../crate/crateModel';
import { ManifestError } from '../crate/manifest';
import type { Engine } from '../engine/engine';
import { uriToPath } from './convert';

/** `noLibrary` ends the error for a package without a library target (`; declared interfaces apply to …`). */
export async function requestedCrate(engine: Engine | undefined, uri: string, noLibrary: string): Promise<{ crate: CrateModel } | { error: string }> {
  if (!engine) return { error: 'the Rust Plugin Guard server has not started its parser' };
  const given = uriToPath(uri);
  if (!given) return { error: `${uri}: not a file on disk` };
  try {
    const file = path.resolve(given);
    let rootFile = file;
    if (path.basename(file) === 'Cargo.toml' || engine.files.fs.isDirectory(file)) {
      const manifestPath = path.basename(file) === 'Cargo.toml' ? file : path.join(file, 'Cargo.toml');
      const manifest = await engine.discovery.readManifest(manifestPath);
      if (!manifest?.libPath) return { error: `${manifestPath}: no library target ([lib] or src/lib.rs)${noLibrary}` };
      rootFile = manifest.libPath;
    }
    const crate = await engine.crateOf(rootFile);
    return crate ? { crate } : { error: `${rootFile}: crate root not found` };
  } catch (error) {
    if (error instanceof ManifestError) return { error: error.message };
    throw error;
  }
}
