import { exportableItems } from '../boundary/exportableItems';
import { exportedSymbol } from '../boundary/exportedSymbols';
import type { CrateModel } from '../crate/crateModel';
import type { Finding } from '../engine/types';
import { guestSignals } from '../wit/guest';
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
    if (exports.length === 0) return guestFindings(crate);
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

/**
 * A WebAssembly component guest (`wit_bindgen::generate!` and the `export!` that exports it) built as a plain
 * `lib`: cargo writes no `.wasm` module to make the component from. A crate that only generates bindings for
 * others (no `export!`) is a library on purpose and stays silent.
 */
function guestFindings(crate: CrateModel): Finding[] {
  const manifest = crate.manifest!;
  const generate = guestSignals(crate)?.generate;
  const parsed = generate && crate.files.get(generate.file);
  if (!generate || !parsed || ![...crate.files.values()].some((f) => /\bexport!\s*\(/.test(f.text))) return [];
  const at = { start: parsed.lines.positionAt(generate.offset), end: parsed.lines.positionAt(generate.offset + generate.length) };
  return [
    {
      rule: MISSING_CDYLIB,
      severity: 'error',
      file: manifest.path,
      range: libHeaderRange(manifest.text),
      message: `\`${manifest.packageName ?? crate.name}\` is a WebAssembly component guest (\`wit_bindgen::generate!\` and \`export!\`) but its \`crate-type\` is ${JSON.stringify(crate.crateTypes.length > 0 ? crate.crateTypes : ['lib'])}: cargo builds no \`.wasm\` module, so there is no component to make or load.`,
      help: 'add "cdylib" to `crate-type` in the `[lib]` section (the guest is built with `cargo build --target wasm32-wasip2` or `wasm32-wasip1` and `wasm-tools component new`)',
      related: [{ location: { file: generate.file, range: at }, message: 'the world is generated here' }],
      fixes: [addCdylibFix(manifest.path, manifest.text)],
    },
  ];
}

