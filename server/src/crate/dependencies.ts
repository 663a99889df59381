import { buildCrateModel, type CrateModel } from './crateModel';
import type { CrateDiscovery } from './discovery';
import type { FileStore } from './fileStore';

/**
 * How many crates deep dependencies are read. A type that crosses the boundary is almost always defined in
 * the plugin or in a shared crate it depends on directly; deeper chains are followed two levels and then
 * treated as unknown (silent), as std and crates.io types are.
 */
const MAX_DEPENDENCY_DEPTH = 2;

/**
 * Builds the models of the crate's local dependencies (path and workspace dependencies, and for a binary its
 * own package's library) so that `use shared::Config` resolves to `Config`'s definition.
 */
export async function attachDependencies(crate: CrateModel, discovery: CrateDiscovery, store: FileStore, depth = 0): Promise<void> {
  const manifest = crate.manifest;
  if (!manifest || depth >= MAX_DEPENDENCY_DEPTH) return;
  const infos = await discovery.localDependenciesOf(manifest);
  if (crate.rootFile !== manifest.libPath && manifest.libPath) {
    const [library] = await discovery.targetsOf(manifest);
    if (library && library.rootFile === manifest.libPath) infos.set(library.name, library);
  }
  for (const [name, info] of infos) {
    if (info.rootFile === crate.rootFile) continue;
    const dependency = await buildCrateModel(store, info, crate.cfg.target);
    if (!dependency) continue;
    await attachDependencies(dependency, discovery, store, depth + 1);
    crate.dependencies.set(name, dependency);
  }
}
