// `rust-plugin-guard new-host [CRATE] [--style libloading|dlopen2] [--output FILE]`: the host side of a plugin
// crate as a Rust module (type mirrors and one field per export), printed or written to FILE.
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../engine/engine';
import { parseHeaderConfig } from '../headerSync/config';
import { collectHeader } from '../headerSync/collect';
import { HeaderRefusal } from '../headerSync/model';
import { renderHost, type HostStyle } from '../hostGen/renderHost';
import { assetsIn } from '../parsing/treeSitter';
import { UsageError } from './args';

export interface NewHostCommand {
  kind: 'new-host';
  crate: string;
  style: HostStyle;
  output?: string;
  help?: true;
}

export const NEW_HOST_USAGE = `       rust-plugin-guard new-host [CRATE] [--style libloading|dlopen2] [--output FILE]

  Writes the host side of the plugin crate CRATE (default: .) as a Rust module: #[repr(C)] mirrors of the
  types its exports reach and a struct with one field per export, filled by libloading lookups (default) or
  derived as a dlopen2 WrapperApi. Printed, or written to FILE (which must not exist).`;

export function parseNewHostArgs(rest: readonly string[]): NewHostCommand {
  let crate: string | undefined;
  let style: HostStyle = 'libloading';
  let output: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i]);
    if (arg === '--help' || arg === '-h') return { kind: 'new-host', crate: '.', style, help: true };
    if (arg === '--style' || arg.startsWith('--style=')) {
      const given = value();
      if (given !== 'libloading' && given !== 'dlopen2') throw new UsageError('new-host: --style is `libloading` or `dlopen2`');
      style = given;
    } else if (arg === '--output' || arg.startsWith('--output=')) output = value();
    else if (arg.startsWith('-')) throw new UsageError(`new-host: unknown option \`${arg}\``);
    else if (crate === undefined) crate = arg;
    else throw new UsageError(`new-host takes one crate folder (got \`${crate}\` and \`${arg}\`)`);
  }
  if (output === '') throw new UsageError('new-host: --output takes a file');
  return { kind: 'new-host', crate: crate ?? '.', style, ...(output ? { output } : {}) };
}

export async function runNewHost(command: NewHostCommand, distDir: string): Promise<number> {
  if (command.help) {
    process.stdout.write(`Usage:\n${NEW_HOST_USAGE}\n`);
    return 0;
  }
  if (command.output && existsSync(command.output)) throw new UsageError(`${command.output}: exists; give a new file (the host module is not merged into an existing one)`);
  const dir = path.resolve(command.crate.endsWith('Cargo.toml') ? path.dirname(command.crate) : command.crate);
  const engine = await Engine.create({ assets: assetsIn(distDir) });
  try {
    const manifest = await engine.discovery.readManifest(path.join(dir, 'Cargo.toml'));
    if (!manifest?.libPath) throw new UsageError(`${path.join(dir, 'Cargo.toml')}: no library target here; give the folder of the plugin's library crate`);
    const crate = await engine.crateOf(manifest.libPath);
    if (!crate) throw new UsageError(`${manifest.libPath}: the crate root does not exist`);
    let rendered;
    try {
      rendered = renderHost(collectHeader(crate, parseHeaderConfig(path.join(dir, 'cbindgen.toml'), undefined), { rustMirror: true }), crate.name, command.style);
    } catch (error) {
      if (error instanceof HeaderRefusal) throw new UsageError(`${crate.name}: ${error.message.replace(/^the header is not written/, 'the host side is not written')}`);
      throw error;
    }
    if (command.output) {
      writeFileSync(command.output, rendered.text);
      process.stdout.write(`wrote ${command.output}: the host side of ${crate.name} (${command.style})\n`);
    } else process.stdout.write(rendered.text);
    for (const s of rendered.skipped) process.stderr.write(`rust-plugin-guard: not generated: ${s}\n`);
    return 0;
  } finally {
    engine.dispose();
  }
}
