// `rust-plugin-guard new-plugin HEADER DIR [--name NAME]`: a cdylib crate implementing every function of a header.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadCParser } from '../interface/cHeader/parseHeader';
import { newPluginFiles } from '../newPlugin/newPluginCrate';
import { assetsIn } from '../parsing/treeSitter';
import { UsageError } from './args';

export interface NewPluginCommand {
  kind: 'new-plugin';
  header: string;
  dir: string;
  name?: string;
  help?: true;
}

export const NEW_PLUGIN_USAGE = `       rust-plugin-guard new-plugin HEADER DIR [--name NAME]

  Creates a cdylib crate in DIR (which must not exist or be empty) whose src/lib.rs implements every
  function HEADER declares: #[repr(C)] mirrors of its types, constructor/destructor pairs for its opaque
  handles, and stubs that catch panics and return the header's error value. The header is copied to
  DIR/include/, so \`check DIR\` compares the crate with it.
  --name NAME        the crate's name (default: the header's file name)`;

export function parseNewPluginArgs(rest: readonly string[]): NewPluginCommand {
  const positional: string[] = [];
  let name: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--help' || arg === '-h') return { kind: 'new-plugin', header: '', dir: '', help: true };
    if (arg === '--name' || arg.startsWith('--name=')) name = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
    else if (arg.startsWith('-')) throw new UsageError(`new-plugin: unknown option \`${arg}\``);
    else positional.push(arg);
  }
  if (positional.length !== 2) throw new UsageError('new-plugin takes a header and a folder: new-plugin HEADER DIR');
  if (name !== undefined && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new UsageError('new-plugin: --name takes a crate name (letters, digits, `_` and `-`)');
  return { kind: 'new-plugin', header: positional[0], dir: positional[1], ...(name ? { name } : {}) };
}

export async function runNewPlugin(command: NewPluginCommand, distDir: string): Promise<number> {
  if (command.help) {
    process.stdout.write(`Usage:\n${NEW_PLUGIN_USAGE}\n`);
    return 0;
  }
  const header = path.resolve(command.header);
  let text: string;
  try {
    text = readFileSync(header, 'utf8');
  } catch {
    throw new UsageError(`${command.header}: cannot be read; give the C header to implement`);
  }
  const dir = path.resolve(command.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${command.dir}: exists and is not empty; give a new folder for the crate`);
  // The C parser is shared by the process (loadCParser caches it): not ours to delete.
  const parser = await loadCParser(assetsIn(distDir));
  {
    const generated = newPluginFiles(parser, header, text, command.name);
    for (const [relative, content] of generated.files) {
      const file = path.join(dir, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    const out = process.stdout;
    out.write(`Created ${generated.crateName} in ${path.relative(process.cwd(), dir) || '.'}: ${generated.implemented.length} function(s) implemented from ${path.basename(header)}.\n`);
    if (generated.skipped.length > 0) out.write(`Not generated (see the comment at the end of src/lib.rs):\n${generated.skipped.map((s) => `  - ${s}`).join('\n')}\n`);
    const workspace = enclosingWorkspace(dir);
    if (workspace) out.write(`Note: ${workspace} declares a [workspace]: add the new folder to its members (or exclude it) before building.\n`);
    out.write(`Next: cargo build --manifest-path ${path.join(path.relative(process.cwd(), dir) || '.', 'Cargo.toml')}, then rust-plugin-guard check ${path.relative(process.cwd(), dir) || '.'}\n`);
    return 0;
  }
}

/** The nearest Cargo.toml above `dir` with a `[workspace]` table, if any (cargo would claim the new crate for it). */
function enclosingWorkspace(dir: string): string | undefined {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const manifest = path.join(current, 'Cargo.toml');
    try {
      if (/^\s*\[workspace\]/m.test(readFileSync(manifest, 'utf8'))) return manifest;
    } catch {
      // No manifest here.
    }
    if (path.dirname(current) === current) return undefined;
  }
}
