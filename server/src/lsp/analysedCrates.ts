// The crate models the last analyses built, so the interface view (hover, definition, code lens) answers
// without running a rule: a model is reused while none of its files or headers changed, else rebuilt through
// the engine (module tree and interfaces only).
import * as path from 'node:path';
import type { CrateModel } from '../crate/crateModel';
import { StaleDocumentError } from '../crate/fileStore';
import type { Engine } from '../engine/engine';
import { matchExports, type CrateExportMatches } from '../interface/exportMatches';

interface Entry {
  crate: CrateModel;
  /** Header text when the model was built: a header edit changes the view without touching a Rust file. */
  headers: Map<string, string | undefined>;
  matches?: CrateExportMatches;
}

export class AnalysedCrates {
  private readonly byFile = new Map<string, Entry>();

  /**
   * Keeps the model an analysis built (call only with a current result). Returns its export matches. The
   * interface view and the Plugins view share one instance: the second to record a model reads nothing again.
   */
  async record(engine: Engine, crate: CrateModel): Promise<CrateExportMatches> {
    const known = this.byFile.get(crate.rootFile);
    if (known?.crate === crate) return matchesOf(known);
    const headers = new Map<string, string | undefined>();
    for (const declared of crate.interfaces ?? []) headers.set(declared.file, await engine.files.readText(declared.file));
    const entry: Entry = { crate, headers };
    for (const file of crate.files.keys()) this.byFile.set(file, entry);
    return matchesOf(entry);
  }

  forget(file: string): void {
    this.byFile.delete(path.resolve(file));
  }

  /** The export matches of the crate holding `file`, current with the open documents; undefined when none. */
  async matchesFor(engine: Engine, file: string): Promise<{ crate: CrateModel; matches: CrateExportMatches } | undefined> {
    const absolute = path.resolve(file);
    let entry = this.byFile.get(absolute);
    try {
      if (!entry || !(await isCurrent(engine, entry))) {
        const crate = await engine.crateOf(absolute);
        if (!crate) return undefined;
        await this.record(engine, crate);
        entry = this.byFile.get(absolute);
        if (!entry) return undefined;
      }
    } catch (error) {
      // The document changed while it was being read: the next request gets the new text.
      if (error instanceof StaleDocumentError) return undefined;
      throw error;
    }
    return { crate: entry.crate, matches: matchesOf(entry) };
  }
}

function matchesOf(entry: Entry): CrateExportMatches {
  return (entry.matches ??= matchExports(entry.crate));
}

async function isCurrent(engine: Engine, entry: Entry): Promise<boolean> {
  for (const [file, parsed] of entry.crate.files) {
    if ((await engine.files.get(file))?.revision !== parsed.revision) return false;
  }
  for (const [file, text] of entry.headers) {
    if ((await engine.files.readText(file)) !== text) return false;
  }
  return true;
}
