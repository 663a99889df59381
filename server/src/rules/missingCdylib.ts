import { exportableItems } from '../boundary/exportableItems';
import { exportedSymbol } from '../boundary/exportedSymbols';
import type { Finding } from '../engine/types';
import { addCdylibFix, libHeaderRange } from '../fixes/addCrateType';
import type { Rule } from './rule';

export const MISSING_CDYLIB = 'missing-cdylib';
const LOADABLE = new Set(['cdylib', 'dylib', 'staticlib']);
const MAX_RELATED = 5;

export const missingCdylib: Rule = {
  id: MISSING_CDYLIB,
  defaultSeverity: 'error',
  summary: 'A library that exports C symbols is not built as a `cdylib`, so there is no file for the host to load.',
  check(crate) {
    const manifest = crate.manifest;
    // Only library targets of a package: a binary or a lone file has no crate-type to fix.
    if (!manifest || crate.rootFile !== manifest.libPath || crate.crateTypes.some((t) => LOADABLE.has(t))) return [];
    // cargo-c builds the shared library whatever `crate-type` says.
    if (manifest.cargoC) return [];
    const exports = [...exportableItems(crate.modules)]
      .map((exportable) => ({ exportable, symbol: exportedSymbol(exportable.item) }))
      .filter((e) => e.symbol !== undefined && e.exportable.container?.kind !== 'trait');
    if (exports.length === 0) return [];
    const names = exports.slice(0, 3).map((e) => `\`${e.symbol!.name}\``).join(', ');
    const finding: Finding = {
      rule: MISSING_CDYLIB,
      severity: 'error',
      file: manifest.path,
      range: libHeaderRange(manifest.text),
      message: `\`${manifest.packageName ?? crate.name}\` exports C symbols (${names}${exports.length > 3 ? ', …' : ''}) but its \`crate-type\` is ${JSON.stringify(crate.crateTypes.length > 0 ? crate.crateTypes : ['lib'])}: cargo builds no shared library, so the host has nothing to \`dlopen\`.`,
      help: 'add "cdylib" to `crate-type` in the `[lib]` section',
      related: exports.slice(0, MAX_RELATED).map(({ exportable, symbol }) => ({
        location: { file: exportable.module.file, range: exportable.item.nameRange },
        message: `exports \`${symbol!.name}\``,
      })),
      fixes: [addCdylibFix(manifest.path, manifest.text)],
    };
    return [finding];
  },
};
