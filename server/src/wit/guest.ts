// A cdylib crate that is a WebAssembly component guest: one that calls `wit_bindgen::generate!` (by world name,
// `path`/`world`, or `inline`) or exports canonical-ABI names by hand (`#[export_name = "ns:pkg/iface@1.0.0#fn"]`,
// `cabi_realloc`). Its world is read from the crate's WIT (the `path` given, else `wit/`) with the WIT parser.
// Used by the Plugins view (lsp/wasmGuest.ts) and the guest rules (rules/witMissingImplementation.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CrateModel } from '../crate/crateModel';
import type { World } from './ast';
import { elaborateWorld, type WorldShape } from './elaborate';
import { witFilesIn } from './packageFiles';
import { packageSet, type Located, type PackageSet, type WitDocument } from './packages';
import { parseWit } from './parser';

export interface GuestSignals {
  /** The `generate!` call's arguments and where it is, when there is one. */
  generate?: { world?: string; paths: string[]; inline?: string; file: string; offset: number; length: number };
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

const MAX_WIT_BYTES = 1024 * 1024;

/** What in the crate's text says it is a component guest; undefined for a native plugin. */
export function guestSignals(crate: CrateModel): GuestSignals | undefined {
  let generate: GuestSignals['generate'];
  const canonicalExports: string[] = [];
  for (const [file, parsed] of crate.files) {
    const text = parsed.text;
    if (!generate && /\bwit_bindgen\b/.test(text)) {
      const call = /\bgenerate\s*!\s*([({])/.exec(text);
      const args = call ? balanced(text, call.index + call[0].length - 1) : undefined;
      if (call) generate = { ...generateArguments(args ?? ''), file, offset: call.index, length: call[0].length - 1 + (args?.length ?? 1) };
    }
    for (const m of text.matchAll(/export_name\s*=\s*"([^"]*#[^"]*)"/g)) canonicalExports.push(m[1]);
    if (/\bfn\s+cabi_realloc\b/.test(text) && /no_mangle|export_name/.test(text)) canonicalExports.push('cabi_realloc');
  }
  return generate || canonicalExports.length > 0 ? { ...(generate ? { generate } : {}), canonicalExports } : undefined;
}

/** `"world"`, `{ world: "w", path: "wit/x.wit" | ["a", "b"], inline: r#"…"# }`. */
function generateArguments(args: string): { world?: string; paths: string[]; inline?: string } {
  const inner = args.slice(1, -1).trim();
  const bare = /^"([^"]*)"$/.exec(inner);
  if (bare) return { world: bare[1], paths: [] };
  const world = /\bworld\s*:\s*"([^"]*)"/.exec(inner)?.[1];
  const pathValue = /\bpath\s*:\s*(\[[^\]]*\]|"[^"]*")/.exec(inner)?.[1];
  const paths = pathValue ? [...pathValue.matchAll(/"([^"]*)"/g)].map((m) => m[1]) : [];
  const inline = /\binline\s*:\s*(?:r(#*)"([\s\S]*?)"\1|"((?:[^"\\]|\\.)*)")/.exec(inner);
  return { ...(world ? { world } : {}), paths, ...(inline ? { inline: inline[2] ?? inline[3] } : {}) };
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

/** The guest's world as `generate!` names it, read from the crate's WIT; undefined without a `generate!` call. */
export function loadGuestWorld(crate: CrateModel, signals: GuestSignals): GuestWorld | undefined {
  const dir = crate.manifest?.dir ?? path.dirname(crate.rootFile);
  const generate = signals.generate;
  if (!generate) return undefined;
  const documents: WitDocument[] = [];
  const errors: string[] = [];
  if (generate.inline !== undefined) documents.push({ file: path.join(dir, '<inline>.wit'), text: generate.inline, ast: parseWit(generate.inline) });
  const roots = generate.inline !== undefined ? generate.paths : generate.paths.length > 0 ? generate.paths : ['wit'];
  for (const root of roots) {
    const full = path.resolve(dir, root);
    for (const file of isDirectory(full) ? witFilesIn(full) : [full]) {
      const text = readText(file);
      if (text === undefined) errors.push(`${path.relative(dir, file) || file}: cannot be read (the \`generate!\` call names it)`);
      else documents.push({ file, text, ast: parseWit(text) });
    }
  }
  const deps = roots.flatMap((root) => {
    const folder = path.join(path.resolve(dir, root), 'deps');
    return isDirectory(folder) ? depFiles(folder) : [];
  });
  const set = packageSet(documents, deps);
  for (const doc of documents) for (const e of doc.ast.errors) errors.push(`${path.relative(dir, doc.file)}: ${e.message}`);
  const worlds = [...set.local.worlds.entries()];
  const chosen = generate.world !== undefined ? worlds.find(([name]) => name === generate.world || generate.world!.endsWith(`/${name}`)) : worlds.length === 1 ? worlds[0] : undefined;
  if (!chosen) {
    errors.push(generate.world !== undefined ? `world \`${generate.world}\` is not in the crate's WIT (${worlds.map(([n]) => n).join(', ') || 'no world found'})` : worlds.length === 0 ? "no world in the crate's WIT (`wit/` or the `path` of `generate!`)" : `several worlds (${worlds.map(([n]) => n).join(', ')}): \`generate!\` must name one`);
    return { name: generate.world ?? '?', set, documents, errors };
  }
  const [name, [located]] = chosen;
  return { name, located, set, shape: elaborateWorld(set, set.local, located.doc, located.item), documents, errors };
}

function depFiles(deps: string): WitDocument[] {
  const out: WitDocument[] = [];
  for (const file of [...witFilesIn(deps), ...subfolders(deps).flatMap((f) => witFilesIn(f))].slice(0, 500)) {
    const text = readText(file);
    if (text !== undefined) out.push({ file, text, ast: parseWit(text) });
  }
  return out;
}

function subfolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function readText(file: string): string | undefined {
  try {
    return statSync(file).size > MAX_WIT_BYTES ? undefined : readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
