// Preflight: what can be said about a built plugin library without loading it. Reads its headers and exports
// (formats/) and compares them with the crate's exported items and, when there is one, a declared interface.
// Never loads or runs the library. Node only (no `vscode`): the extension and the CLI both use it.
import { stat } from 'node:fs/promises';
import { crateExports, type CrateExport } from '../../../server/src/boundary/crateExports';
import type { CrateModel } from '../../../server/src/crate/crateModel';
import { LibraryFormatError, libraryFileBytes, readLibraryFile, type HostMachine, type LibraryErrorKind, type LibraryInfo, type LibraryProblem } from './formats';

export type { CrateExport } from '../../../server/src/boundary/crateExports';

/** An item of the source whose symbol the library lacks. */
export interface MissingExport extends CrateExport {
  message: string;
}

/** A symbol named by the library or the interface only. */
export interface SymbolNote {
  symbol: string;
  message: string;
  /** For a required symbol: where the interface declares it, `plugin.h:12`. */
  declaredAt?: string;
}

/** A symbol the declared interface requires; a bare name when where it is declared is not known. */
export type RequiredSymbolInput = string | { symbol: string; declaredAt?: string };

export interface StaleBuild {
  /** ISO 8601 times, so the result stays plain JSON. */
  libraryModified: string;
  newestSource: { file: string; modified: string };
  message: string;
}

export interface PreflightResult {
  libraryPath: string;
  /** Undefined when the file could not be read as a library (`error` says why). */
  library: LibraryInfo | undefined;
  error: { kind: LibraryErrorKind; message: string } | undefined;
  /** Why this machine cannot load the library (wrong architecture, truncated, …); copied from `library`. */
  problems: LibraryProblem[];
  /** In the source, not in the library: the build is out of date (or the item is compiled out). */
  missingFromLibrary: MissingExport[];
  /** In the library, exported by no item of the crate any more. */
  notInSource: SymbolNote[];
  /** Required by the declared interface, not in the library. */
  missingRequired: SymbolNote[];
  staleBuild: StaleBuild | undefined;
  /** Loading it is worth trying: it was read and nothing in `problems` stops this machine. */
  canLoad: boolean;
}

export interface PreflightInput {
  libraryPath: string;
  /** The crate's exported symbols (`crateExports(crate)`); empty for a library picked without a crate. */
  sourceExports: readonly CrateExport[];
  /** Source files (and the manifest) whose modification times are compared with the library's. */
  sourceFiles?: readonly string[];
  /** A declared interface's required symbols, when the crate has one. */
  requiredSymbols?: readonly RequiredSymbolInput[];
  host?: HostMachine;
  /** The file read already (libraryFileBytes, started while the crate was analysed); read now when absent. */
  bytes?: Promise<Uint8Array>;
}

export async function preflight(input: PreflightInput): Promise<PreflightResult> {
  const result: PreflightResult = { libraryPath: input.libraryPath, library: undefined, error: undefined, problems: [], missingFromLibrary: [], notInSource: [], missingRequired: [], staleBuild: undefined, canLoad: false };
  try {
    // A read begun earlier that failed (the file appeared since?) is tried again: its error is said as of now.
    result.library = await readLibraryFile(input.libraryPath, input.host, input.bytes?.catch(() => libraryFileBytes(input.libraryPath)));
  } catch (error) {
    if (!(error instanceof LibraryFormatError)) throw error;
    result.error = { kind: error.kind, message: error.message };
    return result;
  }
  result.problems = result.library.problems;
  Object.assign(result, compareExports(result.library.exports, input.sourceExports, input.requiredSymbols ?? []));
  result.staleBuild = await staleBuild(input.libraryPath, input.sourceFiles ?? []);
  result.canLoad = result.problems.length === 0;
  return result;
}

/** `preflight` for a crate model: its exports, and its files plus `Cargo.toml` for the build-age check. */
export function preflightCrate(libraryPath: string, crate: CrateModel, options: { requiredSymbols?: readonly RequiredSymbolInput[]; host?: HostMachine; bytes?: Promise<Uint8Array> } = {}): Promise<PreflightResult> {
  const sourceFiles = [...crate.files.keys(), ...(crate.manifest ? [crate.manifest.path] : [])];
  return preflight({ libraryPath, sourceExports: crateExports(crate), sourceFiles, ...options });
}

/** The symbol comparison alone: pure, for a report built from already-read exports. */
export function compareExports(libraryExports: readonly string[], sourceExports: readonly CrateExport[], requiredSymbols: readonly RequiredSymbolInput[]): Pick<PreflightResult, 'missingFromLibrary' | 'notInSource' | 'missingRequired'> {
  const inLibrary = new Set(libraryExports);
  const inSource = new Set(sourceExports.map((e) => e.symbol));
  const missingFromLibrary = sourceExports
    .filter((e) => !inLibrary.has(e.symbol))
    .map((e) => ({ ...e, message: `\`${e.symbol}\` is in the source but not in the library: rebuild it (\`cargo build\`), or check that no \`#[cfg]\` leaves the item out` }));
  const notInSource = libraryExports
    .filter((symbol) => !inSource.has(symbol))
    .map((symbol) => ({ symbol, message: `\`${symbol}\` is exported by the library but by no item of the crate: the library is older than the source (rebuild it), or the symbol comes from a dependency or linked C code` }));
  const required = new Map<string, string | undefined>();
  for (const r of requiredSymbols) {
    const { symbol, declaredAt } = typeof r === 'string' ? { symbol: r, declaredAt: undefined } : r;
    if (!required.has(symbol)) required.set(symbol, declaredAt);
  }
  const missingRequired = [...required]
    .filter(([symbol]) => !inLibrary.has(symbol))
    .map(([symbol, declaredAt]) => ({
      symbol,
      message: `\`${symbol}\` is required by ${declaredAt ? `\`${declaredAt}\`` : 'the plugin interface'} but not exported by the library: the host's lookup fails; export it with \`#[no_mangle]\`${inSource.has(symbol) ? ' and rebuild' : ''}`,
      ...(declaredAt ? { declaredAt } : {}),
    }));
  return { missingFromLibrary, notInSource, missingRequired };
}

/** A library older than the newest source file was built before the last edit. */
async function staleBuild(libraryPath: string, sourceFiles: readonly string[]): Promise<StaleBuild | undefined> {
  const libraryModified = (await stat(libraryPath)).mtimeMs;
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const file of sourceFiles) {
    // A source file deleted since the model was built has nothing to say about the build's age.
    const mtimeMs = await stat(file).then((s) => s.mtimeMs, () => undefined);
    if (mtimeMs !== undefined && (!newest || mtimeMs > newest.mtimeMs)) newest = { file, mtimeMs };
  }
  if (!newest || newest.mtimeMs <= libraryModified) return undefined;
  return {
    libraryModified: new Date(libraryModified).toISOString(),
    newestSource: { file: newest.file, modified: new Date(newest.mtimeMs).toISOString() },
    message: `stale build: ${newest.file} changed after the library was built; run \`cargo build\` so the library matches the source`,
  };
}
