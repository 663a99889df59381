// For each export of a plugin crate, the declaration it implements (or none): what the interface view
// (hover, go to definition, code lens, `rustPluginGuard/interface`) shows. Pure: crate model in, pairs out.
import type { CrateModel } from '../crate/crateModel';
import { comparePositions, type Position } from '../engine/types';
import { describeCType } from './compareTypes';
import type { DeclaredFunction, DeclaredInterface } from './model';
import { rustExports, type RustExport } from './rustSide';

export interface DeclarationOf {
  declared: DeclaredInterface;
  declaration: DeclaredFunction;
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
      for (const declaration of declared.functions) if (declaration.name === exported.symbol) declarations.push({ declared, declaration });
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
  return declared.reason !== 'in-crate' || declared.functions.some((f) => exports.has(f.name));
}

/** The export whose name is at `position` in `file`. */
export function exportAt(matches: CrateExportMatches, file: string, position: Position): ExportMatch | undefined {
  return matches.exports.find(({ export: { item, module } }) => module.file === file && comparePositions(item.nameRange.start, position) <= 0 && comparePositions(position, item.nameRange.end) <= 0);
}

/** The prototype rebuilt from the C meaning (typedefs resolved to what the comparison sees). */
export function cPrototype(declaration: DeclaredFunction): string {
  const params = declaration.params.map((p) => `${describeCType(p.type)}${p.name ? ` ${p.name}` : ''}`);
  if (declaration.variadic) params.push('...');
  return `${describeCType(declaration.returnType)} ${declaration.name}(${params.length > 0 ? params.join(', ') : 'void'})`;
}
