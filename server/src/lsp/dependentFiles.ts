import type { CrateModel } from '../crate/crateModel';

/**
 * Which open documents were last analysed with files of other crates (their local dependencies), so that an
 * edit in a shared crate re-analyses the plugins that use its types, not only the shared crate itself (and an
 * edit in a host crate re-analyses the plugins whose declared interface it holds).
 */
export class DependentFiles {
  private readonly dependencyFilesOf = new Map<string, Set<string>>();

  record(analysedFile: string, crate: CrateModel): void {
    const files = new Set<string>();
    const visit = (dependency: CrateModel) => {
      for (const file of dependency.files.keys()) files.add(file);
      for (const nested of dependency.dependencies.values()) visit(nested);
    };
    for (const dependency of crate.dependencies.values()) visit(dependency);
    // Host crates that declare what the plugin must export are no dependency of it, but their edits count too.
    for (const declared of crate.interfaces ?? []) for (const file of declared.readFiles ?? []) files.add(file);
    if (files.size > 0) this.dependencyFilesOf.set(analysedFile, files);
    else this.dependencyFilesOf.delete(analysedFile);
  }

  /** Open documents whose analysis read `file` as part of a dependency. */
  dependentsOf(file: string): string[] {
    return [...this.dependencyFilesOf].filter(([, files]) => files.has(file)).map(([analysed]) => analysed);
  }

  forget(file: string): void {
    this.dependencyFilesOf.delete(file);
  }
}
