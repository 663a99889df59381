// `rustPluginGuard/probePlan`: the extension asks which exports of a crate the loader may call.
import * as path from 'node:path';
import { planProbes } from '../boundary/probePlan';
import { ManifestError } from '../crate/manifest';
import type { Engine } from '../engine/engine';
import type { ProbePlanParams, ProbePlanResult } from '../protocol/loader';
import { uriToPath } from './convert';

export async function probePlanFor(engine: Engine | undefined, params: ProbePlanParams): Promise<ProbePlanResult> {
  if (!engine) return { error: 'the Rust Plugin Guard server has not started its parser' };
  const file = uriToPath(params.uri);
  if (!file) return { error: `${params.uri}: not a file on disk` };
  try {
    let rootFile = path.resolve(file);
    if (path.basename(file) === 'Cargo.toml') {
      const manifest = await engine.discovery.readManifest(rootFile);
      if (!manifest?.libPath) return { error: `${file}: no library target ([lib] or src/lib.rs) to load` };
      rootFile = manifest.libPath;
    }
    const crate = await engine.crateOf(rootFile);
    if (!crate) return { error: `${rootFile}: crate root not found` };
    return { plan: planProbes(crate) };
  } catch (error) {
    if (error instanceof ManifestError) return { error: error.message };
    throw error;
  }
}
