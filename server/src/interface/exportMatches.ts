// For each export of a plugin crate, the declaration it implements (or none): what the interface view
// (hover, go to definition, code lens, `rustPluginGuard/interface`) shows. Pure: crate model in, pairs out.
import type { CrateModel } from '../crate/crateModel';
import { comparePositions, type Position } from '../engine/types';
import type { DeclaredFunction, DeclaredInterface, DeclaredStatic } from './model';
import { rustExports, type RustExport } from './rustSide';

/** A symbol the host looks up: a function, or a data symbol it reads by address (host-side Rust). */
export type DeclaredSymbol = DeclaredFunction | DeclaredStatic;

export interface DeclarationOf {
  declared: DeclaredInterface;
  declaration: DeclaredSymbol;
}

export interface ExportMatch {
  export: RustExport;
  /** Every declaration of the symbol (several headers may declare it); the first is the one shown. */
  declarations: DeclarationOf[];
}

export interface CrateExportMatches {
  /** Interfaces that are the plugin's: configured, named by cbindgen, host crates, or in-crate ones it implements. */
  applicable: DeclaredInterface[];
  /** Exports in source order (file, then position). */
  exports: ExportMatch[];
  /** Symbol → export, for the declared side of the view. */
  bySymbol: ReadonlyMap<string, RustExport>;
}

export function matchExports(crate: CrateModel): CrateExportMatches {
  const bySymbol = rustExports(crate);
  const applicable = (crate.interfaces ?? []).filter((declared) => appliesTo(declared, bySymbol));
  const exports: ExportMatch[] = [];
  for (const exported of bySymbol.values()) {
    const declarations: DeclarationOf[] = [];
    for (const declared of applicable) {
      for (const declaration of declaredSymbols(declared)) if (declaration.name === exported.symbol) declarations.push({ declared, declaration });
    }
    exports.push({ export: exported, declarations });
  }
  exports.sort((a, b) => a.export.module.file.localeCompare(b.export.module.file) || comparePositions(a.export.item.nameRange.start, b.export.item.nameRange.start));
  return { applicable, exports, bySymbol };
}

/**
 * A header merely lying in the crate folder is the plugin's interface only if the plugin implements part of
 * it (the same test as `missing-export`): a vendored or host-only header must not label every export.
 */
export function appliesTo(declared: DeclaredInterface, exports: ReadonlyMap<string, RustExport>): boolean {
  return declared.reason !== 'in-crate' || declaredSymbols(declared).some((f) => exports.has(f.name));
}

export function declaredSymbols(declared: DeclaredInterface): DeclaredSymbol[] {
  return [...declared.functions, ...(declared.statics ?? [])];
}

/** The export whose name is at `position` in `file`. */
export function exportAt(matches: CrateExportMatches, file: string, position: Position): ExportMatch | undefined {
  return matches.exports.find(({ export: { item, module } }) => module.file === file && comparePositions(item.nameRange.start, position) <= 0 && comparePositions(position, item.nameRange.end) <= 0);
}
