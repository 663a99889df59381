// A cdylib crate that is a WebAssembly component guest, for the Plugins view: one that calls
// `wit_bindgen::generate!` (by world name, `path`/`world`, or `inline`) or exports canonical-ABI names by hand
// (`#[export_name = "ns:pkg/iface@1.0.0#fn"]`, `cabi_realloc`). Its world is read from the crate's WIT (the
// `path` given, else `wit/`) with the server's WIT parser, and shown with what it imports and exports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CrateModel } from '../crate/crateModel';
import type { SourceLink, WorldView } from '../protocol/plugins';
import { elaborateWorld } from '../wit/elaborate';
import { witFilesIn } from '../wit/packageFiles';
import { packageSet, type WitDocument } from '../wit/packages';
import { parseWit } from '../wit/parser';
import { pathToUri } from './convert';

export interface GuestSignals {
  /** The `generate!` call's arguments, when there is one. */
  generate?: { world?: string; paths: string[]; inline?: string };
  /** Canonical-ABI exports written by hand. */
  canonicalExports: string[];
}

const MAX_WIT_BYTES = 1024 * 1024;

/** What in the crate's text says it is a component guest; undefined for a native plugin. */
export function guestSignals(crate: CrateModel): GuestSignals | undefined {
  let generate: GuestSignals['generate'];
  const canonicalExports: string[] = [];
  for (const parsed of crate.files.values()) {
    const text = parsed.text;
    if (!generate && /\bwit_bindgen\b/.test(text)) {
      const call = /\bgenerate\s*!\s*([({])/.exec(text);
      if (call) generate = generateArguments(balanced(text, call.index + call[0].length - 1) ?? '');
    }
    for (const m of text.matchAll(/export_name\s*=\s*"([^"]*#[^"]*)"/g)) canonicalExports.push(m[1]);
    if (/\bfn\s+cabi_realloc\b/.test(text) && /no_mangle|export_name/.test(text)) canonicalExports.push('cabi_realloc');
  }
  return generate || canonicalExports.length > 0 ? { ...(generate ? { generate } : {}), canonicalExports } : undefined;
}

/** `"world"`, `{ world: "w", path: "wit/x.wit" | ["a", "b"], inline: r#"…"# }`. */
function generateArguments(args: string): NonNullable<GuestSignals['generate']> {
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

/** The guest's world: its name, where it is declared, and its imports and exports as the component model names them. */
export function guestWorld(crate: CrateModel, signals: GuestSignals): WorldView | undefined {
  const dir = crate.manifest?.dir ?? path.dirname(crate.rootFile);
  const generate = signals.generate;
  if (!generate) return undefined;
  const own: WitDocument[] = [];
  const errors: string[] = [];
  if (generate.inline !== undefined) own.push({ file: path.join(dir, '<inline>.wit'), text: generate.inline, ast: parseWit(generate.inline) });
  const roots = generate.inline !== undefined ? generate.paths : generate.paths.length > 0 ? generate.paths : ['wit'];
  for (const root of roots) {
    const full = path.resolve(dir, root);
    const files = isDirectory(full) ? witFilesIn(full) : [full];
    for (const file of files) {
      const text = readText(file);
      if (text === undefined) errors.push(`${path.relative(dir, file) || file}: cannot be read (the \`generate!\` call names it)`);
      else own.push({ file, text, ast: parseWit(text) });
    }
  }
  const deps = roots.flatMap((root) => {
    const folder = path.resolve(dir, root);
    return isDirectory(path.join(folder, 'deps')) ? depFiles(path.join(folder, 'deps')) : [];
  });
  const set = packageSet(own, deps);
  const worlds = [...set.local.worlds.entries()];
  const chosen = generate.world !== undefined ? worlds.find(([name]) => name === generate.world || generate.world!.endsWith(`/${name}`)) : worlds.length === 1 ? worlds[0] : undefined;
  if (!chosen) {
    errors.push(generate.world !== undefined ? `world \`${generate.world}\` is not in the crate's WIT (${worlds.map(([n]) => n).join(', ') || 'no world found'})` : worlds.length === 0 ? 'no world in the crate\'s WIT (`wit/` or the `path` of `generate!`)' : `several worlds (${worlds.map(([n]) => n).join(', ')}): \`generate!\` must name one`);
    return { name: generate.world ?? '?', imports: [], exports: [], sources: own.map((d) => link(d.file, dir)), errors };
  }
  const [name, [located]] = chosen;
  const shape = elaborateWorld(set, set.local, located.doc, located.item);
  const at: SourceLink = { uri: pathToUri(located.doc.file), range: spanRange(located.doc.text, located.item.name.span), label: `${path.relative(dir, located.doc.file)}:${spanRange(located.doc.text, located.item.name.span).start.line + 1}` };
  for (const doc of own) for (const e of doc.ast.errors) errors.push(`${path.relative(dir, doc.file)}: ${e.message}`);
  return { name, at, imports: [...shape.imports].sort(), exports: [...shape.exports].sort(), sources: own.map((d) => link(d.file, dir)), errors };
}

function link(file: string, dir: string): SourceLink {
  return { uri: pathToUri(file), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, label: path.relative(dir, file).split(path.sep).join('/') };
}

function spanRange(text: string, span: { start: number; end: number }): SourceLink['range'] {
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  return { start: position(span.start), end: position(span.end) };
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
