// `rust-plugin-guard header [CRATE] [--check] [--output FILE] [--target TRIPLE]`: writes the crate's C
// declarations into the header it declares (build.rs's cbindgen output, a configured or in-crate header, else
// include/<crate>.h), patching only what differs in an existing one; `--check` writes nothing and exits 1 when
// the committed header is stale (the CI gate), printing what differs.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../engine/engine';
import { loadCParser } from '../interface/cHeader/parseHeader';
import { assetsIn } from '../parsing/treeSitter';
import { headerConfigOf, headerFileOf, HeaderRefusal, syncHeader, type HeaderChange } from '../headerSync/headerSync';
import { UsageError } from './args';
import { readTextOrUndefined } from './readText';

export interface HeaderCommand {
  crate: string;
  check: boolean;
  output?: string;
  target?: string;
  help?: boolean;
}

export const HEADER_USAGE = `       rust-plugin-guard header [CRATE] [--check] [--output FILE] [--target TRIPLE]

  CRATE          a plugin crate folder (default: .); its exported functions and statics, the #[repr(C)] and
                 opaque types they reach and its public constants are written as C declarations, as
                 cbindgen.toml asks (language, style, prefix, renames, include guard, [defines] for #[cfg])
  --output FILE  the header to create or update (default: the one build.rs has cbindgen write, one
                 rustPluginGuard.interfaces names, a header in the crate the plugin implements, else
                 include/<crate>.h); an existing header keeps everything but the declarations that differ
  --check        write nothing; exit 1 when the header is missing or differs from the crate (for CI)
  --target TRIPLE  the build whose #[cfg] is evaluated (default: this machine)

Exit status: 0 written or up to date, 1 --check found it stale, 2 usage error or a header that would be wrong
(two types of one C name, an enum value out of int range, conflicting extern declarations: said on stderr).`;

export function parseHeaderArgs(rest: readonly string[]): HeaderCommand {
  let crate: string | undefined;
  const command: HeaderCommand = { crate: '.', check: false };
  const value = (arg: string, i: number): string | undefined => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[i]);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--check') command.check = true;
    else if (arg === '--help' || arg === '-h') return { ...command, help: true };
    else if (arg === '--output' || arg === '-o' || arg.startsWith('--output=')) {
      command.output = value(arg, arg.includes('=') ? i : ++i);
      if (!command.output) throw new UsageError('header: --output takes the header file to write, e.g. --output include/plugin.h');
    } else if (arg === '--target' || arg.startsWith('--target=')) {
      command.target = value(arg, arg.includes('=') ? i : ++i);
      if (!command.target || !/^[A-Za-z0-9_.-]+$/.test(command.target)) throw new UsageError('header: --target takes a target triple, e.g. x86_64-pc-windows-msvc');
    } else if (arg.startsWith('-')) throw new UsageError(`header: unknown option \`${arg}\``);
    else if (crate === undefined) crate = arg;
    else throw new UsageError(`header takes one crate folder (got \`${crate}\` and \`${arg}\`)`);
  }
  return { ...command, crate: crate ?? '.' };
}

function describe(change: HeaderChange): string {
  if (change.kind === 'changed') return `  changed ${change.key}:\n      header: ${change.was}\n      crate:  ${change.now}`;
  return `  ${change.kind === 'added' ? 'missing' : 'not exported any more'}: ${change.key}`;
}

export async function runHeader(argv: readonly string[], distDir: string): Promise<number> {
  let command: HeaderCommand;
  try {
    command = parseHeaderArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`rust-plugin-guard: ${error.message}\n\nUsage:\n${HEADER_USAGE}\n`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(`Usage:\n${HEADER_USAGE}\n`);
    return 0;
  }
  const dir = path.resolve(command.crate.endsWith('Cargo.toml') ? path.dirname(command.crate) : command.crate);
  const engine = await Engine.create({ assets: assetsIn(distDir) });
  const cwd = process.cwd();
  const shown = (file: string) => path.relative(cwd, file) || file;
  try {
    engine.setTarget(command.target);
    const manifest = await engine.discovery.readManifest(path.join(dir, 'Cargo.toml'));
    if (!manifest?.libPath) {
      process.stderr.write(`rust-plugin-guard: ${path.join(dir, 'Cargo.toml')}: no library target here; give the folder of the plugin's library crate\n`);
      return 2;
    }
    const crate = await engine.crateOf(manifest.libPath);
    if (!crate) {
      process.stderr.write(`rust-plugin-guard: ${manifest.libPath}: the crate root does not exist\n`);
      return 2;
    }
    const { file, reason } = headerFileOf(crate, command.output);
    const existing = readTextOrUndefined(file);
    const parser = await loadCParser(assetsIn(distDir));
    const result = syncHeader(crate, parser, file, existing, headerConfigOf(crate, readTextOrUndefined));
    for (const note of result.notes) process.stderr.write(`rust-plugin-guard: note: ${note}\n`);
    if (command.check) {
      if (existing === undefined) {
        process.stdout.write(`${shown(file)} is missing: run \`rust-plugin-guard header\` and commit it\n`);
        return 1;
      }
      if (result.changes.length === 0) {
        process.stdout.write(`${shown(file)} is up to date\n`);
        return 0;
      }
      process.stdout.write(`${shown(file)} is not the crate's boundary any more (${result.changes.length === 1 ? '1 declaration differs' : `${result.changes.length} declarations differ`}); run \`rust-plugin-guard header\` and commit it:\n${result.changes.map(describe).join('\n')}\n`);
      return 1;
    }
    if (result.changes.length === 0 && existing !== undefined) {
      process.stdout.write(`${shown(file)} is up to date\n`);
      return 0;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, result.text);
    const count = (kind: HeaderChange['kind']) => result.changes.filter((c) => c.kind === kind).length;
    if (result.mode === 'create') {
      const where = reason === 'default' ? ' (no header is named by build.rs, rustPluginGuard.interfaces or the crate: this is the default name; --output chooses another)' : '';
      process.stdout.write(`wrote ${shown(file)}: ${result.changes.length} declarations${where}\n`);
    } else {
      process.stdout.write(`updated ${shown(file)}: ${count('changed')} changed, ${count('added')} added, ${count('removed')} removed; the rest of the file is as it was\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof HeaderRefusal)) throw error;
    process.stderr.write(`rust-plugin-guard: ${error.message}\n`);
    return 2;
  } finally {
    engine.dispose();
  }
}
