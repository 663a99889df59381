import * as path from 'node:path';

/**
 * Versions of the files an analysis read: the client's version of each open document, `null` for a file read
 * from disk (the LSP spelling of "not open": an edit for it carries `version: null`).
 */
export type VersionSnapshot = ReadonlyMap<string, number>;

/**
 * The client's version of every open document (Rust files, manifests, headers), so results can say which
 * text they were computed for and a quick fix is only offered against that text.
 */
export class DocumentVersions {
  private readonly versions = new Map<string, number>();

  /** Call when the engine's text of `file` becomes the client's `version` (didOpen, didChange). */
  set(file: string, version: number): void {
    this.versions.set(path.resolve(file), version);
  }

  delete(file: string): void {
    this.versions.delete(path.resolve(file));
  }

  /** The version of an open document; `null` when it is not open (its text is the disk's). */
  current(file: string): number | null {
    return this.versions.get(path.resolve(file)) ?? null;
  }

  /** Every open document's version now: what an analysis that saw no edit while it ran was computed for. */
  snapshot(): VersionSnapshot {
    return new Map(this.versions);
  }
}

/** The version `file` had in `snapshot` (`null`: it was read from disk). */
export function versionIn(snapshot: VersionSnapshot, file: string): number | null {
  return snapshot.get(path.resolve(file)) ?? null;
}
