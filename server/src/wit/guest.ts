// A cdylib crate that is a WebAssembly component guest: one that calls `wit_bindgen::generate!` (by world name,
// `path`/`world`, or `inline`) or exports canonical-ABI names by hand (`#[export_name = "ns:pkg/iface@1.0.0#fn"]`,
// `cabi_realloc`). Its world is read from the crate's WIT (the `path` given, else `wit/`) with the WIT parser.
// Used by the Plugins view (lsp/wasmGuest.ts) and the guest rules (rules/witMissingImplementation.ts).
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { CrateModel } from '../crate/crateModel';
import type { ParsedFile } from '../crate/fileStore';
import type { Manifest } from '../crate/manifest';
import type { World } from './ast';
import { elaborateWorld, type WorldShape } from './elaborate';
import { depFiles, readWitText, witFilesIn } from './packageFiles';
import { packageSet, type Located, type PackageSet, type WitDocument } from './packages';
import { parseWit } from './parser';

export interface GuestSignals {
  /** The `generate!` call's arguments and where it is, when there is one. */
  generate?: {
    world?: string;
    paths: string[];
    inline?: string;
    remaps: boolean;
    file: string;
    offset: number;
    length: number;
    /** cargo-component: the bindings are the crate's `mod bindings;` (its generated `bindings.rs`), named here. */
    bindingsModule?: string;
    /** Packages the world's WIT depends on, by path (cargo-component's `target.dependencies`). */
    depRoots?: string[];
  };
  /** Canonical-ABI exports written by hand. */
  canonicalExports: string[];
}

export interface GuestWorld {
  name: string;
  located?: Located<World>;
  set: PackageSet;
  shape?: WorldShape;
  /** The WIT files read. */
  documents: WitDocument[];
  /** What went wrong reading it (a missing file, an unknown world, syntax errors), each naming the file. */
  errors: string[];
}

/** What in the crate's text says it is a component guest; undefined for a native plugin. Once per crate model. */
export function guestSignals(crate: CrateModel): GuestSignals | undefined {
  if (!signalsByModel.has(crate)) signalsByModel.set(crate, readSignals(crate));
  return signalsByModel.get(crate);
}

const signalsByModel = new WeakMap<CrateModel, GuestSignals | undefined>();

function readSignals(crate: CrateModel): GuestSignals | undefined {
  let generate: GuestSignals['generate'];
  const canonicalExports: string[] = [];
  for (const [file, parsed] of crate.files) {
    const found = fileSignals(parsed);
    if (!generate && found.generate) generate = { ...found.generate, file };
    canonicalExports.push(...found.canonicalExports);
  }
  generate ??= cargoComponentBindings(crate);
  return generate || canonicalExports.length > 0 ? { ...(generate ? { generate } : {}), canonicalExports } : undefined;
}

interface FileSignals {
  generate?: Omit<NonNullable<GuestSignals['generate']>, 'file'>;
  canonicalExports: string[];
}

/**
 * One file's part: the keystroke path builds a crate model per edit, and an unchanged file is the same parsed
 * file object in the next model, so only the edited file's text is searched again.
 */
function fileSignals(parsed: ParsedFile): FileSignals {
  const known = signalsByFile.get(parsed);
  if (known) return known;
  const text = parsed.text;
  let generate: FileSignals['generate'];
  if (/\bwit_bindgen\b/.test(text)) {
    const call = /\bgenerate\s*!\s*([({])/.exec(text);
    const args = call ? balanced(text, call.index + call[0].length - 1) : undefined;
    if (call) generate = { ...generateArguments(args ?? ''), offset: call.index, length: call[0].length - 1 + (args?.length ?? 1) };
  }
  const canonicalExports = [...text.matchAll(/export_name\s*=\s*"([^"]*#[^"]*)"/g)].map((m) => m[1]);
  if (/\bfn\s+cabi_realloc\b/.test(text) && /no_mangle|export_name/.test(text)) canonicalExports.push('cabi_realloc');
  const found = { ...(generate ? { generate } : {}), canonicalExports };
  signalsByFile.set(parsed, found);
  return found;
}

const signalsByFile = new WeakMap<ParsedFile, FileSignals>();

/**
 * A crate built with `cargo component build`: `[package.metadata.component]` in its manifest and the
 * `mod bindings;` cargo-component generates (`src/bindings.rs`, wit-bindgen's output, committed). It is read
 * like a `generate!` call of the metadata's world, placed at that `mod bindings;`.
 */
function cargoComponentBindings(crate: CrateModel): GuestSignals['generate'] {
  const target = cargoComponentTarget(crate.manifest);
  const root = crate.files.get(crate.rootFile);
  const declaration = root ? /^[ \t]*(?:pub(?:\([^)]*\))?\s+)?mod\s+bindings\s*;/m.exec(root.text) : null;
  if (!target || !root || !declaration || !crate.root.children.has('bindings')) return undefined;
  const offset = declaration.index + declaration[0].length - declaration[0].trimStart().length;
  const remaps = /\[package\.metadata\.component\.bindings[^\]]*\][^[]*\bwith\b/.test(crate.manifest!.text);
  return { ...(target.world ? { world: target.world } : {}), paths: [target.path ?? 'wit'], remaps, file: crate.rootFile, offset, length: declaration[0].trim().length, bindingsModule: 'bindings', depRoots: target.dependencies };
}

/** `"world"`, `{ world: "w", path: "wit/x.wit" | ["a", "b"], inline: r#"…"#, with: { … } }` (`with` remaps interfaces and types). */
function generateArguments(args: string): { world?: string; paths: string[]; inline?: string; remaps: boolean } {
  const inner = args.slice(1, -1).trim();
  const bare = /^"([^"]*)"$/.exec(inner);
  if (bare) return { world: bare[1], paths: [], remaps: false };
  const world = /\bworld\s*:\s*"([^"]*)"/.exec(inner)?.[1];
  const pathValue = /\bpath\s*:\s*(\[[^\]]*\]|"[^"]*")/.exec(inner)?.[1];
  const paths = pathValue ? [...pathValue.matchAll(/"([^"]*)"/g)].map((m) => m[1]) : [];
  const inline = /\binline\s*:\s*(?:r(#*)"([\s\S]*?)"\1|"((?:[^"\\]|\\.)*)")/.exec(inner);
  const remaps = /\bwith\s*:/.test(inner.replace(/r(#*)"[\s\S]*?"\1|"(?:[^"\\]|\\.)*"/g, '""'));
  return { ...(world ? { world } : {}), paths, ...(inline ? { inline: inline[2] ?? inline[3] } : {}), remaps };
}

function balanced(text: string, open: number): string | undefined {
  const close = text[open] === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === text[open]) depth++;
    else if (text[i] === close && --depth === 0) return text.slice(open, i + 1);
  }
  return undefined;
}

/**
 * The guest's world as `generate!` names it, read from the crate's WIT; undefined without a `generate!` call.
 * Kept while the WIT files and folders read are unchanged on disk (by modification time and size): the Plugins
 * view and the guest rules ask on every analysis, and re-reading the WIT there would put I/O and parsing on the
 * keystroke path.
 */
export function loadGuestWorld(crate: CrateModel, signals: GuestSignals): GuestWorld | undefined {
  return signals.generate ? loadWorld(crate, signals.generate) : undefined;
}

/**
 * The world of a guest that writes its canonical-ABI exports by hand (no `generate!` to name it): the one world of
 * the crate's `wit/` folder; undefined when the crate has no such exports. Several worlds: an error, none chosen.
 */
export function loadHandWrittenWorld(crate: CrateModel, signals: GuestSignals): GuestWorld | undefined {
  if (signals.generate || signals.canonicalExports.length === 0) return undefined;
  const target = cargoComponentTarget(crate.manifest);
  if (target) return loadWorld(crate, { paths: [target.path ?? 'wit'], ...(target.world ? { world: target.world } : {}), depRoots: target.dependencies, handWritten: true });
  return loadWorld(crate, { paths: [], handWritten: true });
}

/**
 * cargo-component's `[package.metadata.component.target]` (`path`, `world`, `dependencies` by path): the world a
 * crate built with `cargo component build` implements, through the `bindings.rs` that tool generates.
 */
function cargoComponentTarget(manifest: Manifest | undefined): { path?: string; world?: string; dependencies: string[] } | undefined {
  if (!manifest || !manifest.text.includes('metadata.component')) return undefined;
  let parsed: unknown;
  try {
    parsed = parseToml(manifest.text);
  } catch {
    return undefined;
  }
  const target = (parsed as { package?: { metadata?: { component?: { target?: unknown } } } }).package?.metadata?.component?.target;
  if (typeof target !== 'object' || target === null) return undefined;
  const { path: wit, world, dependencies } = target as { path?: unknown; world?: unknown; dependencies?: unknown };
  const depPaths = Object.values(typeof dependencies === 'object' && dependencies !== null ? dependencies : {}).flatMap((d) => {
    const dep = d as { path?: unknown };
    return typeof dep === 'object' && dep !== null && typeof dep.path === 'string' ? [path.resolve(manifest.dir, dep.path)] : [];
  });
  return { ...(typeof wit === 'string' ? { path: wit } : {}), ...(typeof world === 'string' ? { world } : {}), dependencies: depPaths };
}

/** `handWritten`: no `generate!` (the world is the only one of `wit/`, or the one cargo-component's metadata names). `depRoots`: packages named by path. */
type WorldSource = { world?: string; paths: string[]; inline?: string; handWritten?: boolean; depRoots?: string[] };

function loadWorld(crate: CrateModel, generate: WorldSource): GuestWorld {
  const dir = crate.manifest?.dir ?? path.dirname(crate.rootFile);
  const roots = (generate.inline !== undefined ? generate.paths : generate.paths.length > 0 ? generate.paths : ['wit']).map((root) => path.resolve(dir, root));
  const files = roots.flatMap((root) => (isDirectory(root) ? witFilesIn(root) : [root]));
  const deps = [...roots.flatMap((root) => (isDirectory(root) ? depFiles(root) : [])), ...(generate.depRoots ?? []).flatMap((root) => (isDirectory(root) ? witFilesIn(root) : [root]))];
  const key = JSON.stringify([dir, generate.world, generate.inline, generate.handWritten, ...[...roots, ...files, ...deps].map(stamp)]);
  const known = worlds.get(dir);
  if (known?.key === key) return known.world;
  const world = readGuestWorld(dir, generate, files, deps);
  worlds.set(dir, { key, world });
  return world;
}

const worlds = new Map<string, { key: string; world: GuestWorld }>();

function readGuestWorld(dir: string, generate: WorldSource, files: readonly string[], depPaths: readonly string[]): GuestWorld {
  const documents: WitDocument[] = [];
  const errors: string[] = [];
  if (generate.inline !== undefined) documents.push({ file: path.join(dir, '<inline>.wit'), text: generate.inline, ast: parseWit(generate.inline) });
  for (const file of files) {
    const text = readWitText(file);
    if (text === undefined) errors.push(`${path.relative(dir, file) || file}: cannot be read (${generate.handWritten ? 'a guest that writes its canonical ABI by hand is read against the world of `wit/`' : 'the `generate!` call names it'})`);
    else documents.push({ file, text, ast: parseWit(text) });
  }
  const deps = depPaths.flatMap((file) => {
    const text = readWitText(file);
    return text === undefined ? [] : [{ file, text, ast: parseWit(text) }];
  });
  const set = packageSet(documents, deps);
  for (const doc of documents) for (const e of doc.ast.errors) errors.push(`${path.relative(dir, doc.file)}: ${e.message}`);
  const worldList = [...set.local.worlds.entries()];
  const chosen = generate.world !== undefined ? worldList.find(([name]) => name === generate.world || generate.world!.endsWith(`/${name}`)) : worldList.length === 1 ? worldList[0] : undefined;
  if (!chosen) {
    errors.push(generate.world !== undefined ? `world \`${generate.world}\` is not in the crate's WIT (${worldList.map(([n]) => n).join(', ') || 'no world found'})` : worldList.length === 0 ? "no world in the crate's WIT (`wit/` or the `path` of `generate!`)" : `several worlds (${worldList.map(([n]) => n).join(', ')}): ${generate.handWritten ? 'a guest without `generate!` is checked against the only world of `wit/`' : '`generate!` must name one'}`);
    return { name: generate.world ?? '?', set, documents, errors };
  }
  const [name, [located]] = chosen;
  return { name, located, set, shape: elaborateWorld(set, set.local, located.doc, located.item), documents, errors };
}

/** A file's or folder's identity for the cache: path, modification time, size (a folder's mtime changes with its entries). */
function stamp(file: string): string {
  try {
    const s = statSync(file);
    return `${file}:${s.mtimeMs}:${s.size}`;
  } catch {
    return `${file}:-`;
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
