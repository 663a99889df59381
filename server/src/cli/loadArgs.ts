// Arguments of `rust-plugin-guard load <library-or-crate> [--format text|json] [--build] [--release] [--timeout-ms N] [--crate DIR] [--interfaces H]`.
import { UsageError } from './args';

export interface LoadCommand {
  kind: 'load';
  target: string;
  format: 'text' | 'json';
  build: boolean;
  release: boolean;
  timeoutMs: number | undefined;
  /** The crate that built a library given by path (when it is not in that crate's target directory). */
  crate?: string;
  /** Declared interfaces (C headers): a library's signatures when no crate is known, else the crate's interfaces. */
  interfaces: string[];
  /** A WebAssembly guest's WIT file or folder, and the world in it (wasm/wasmLoad.ts). */
  wit?: string;
  world?: string;
  /** `load --help`: print the usage, do nothing else. */
  help?: boolean;
}

export const LOAD_USAGE = `       rust-plugin-guard load <LIBRARY|CRATE> [--format text|json] [--build] [--release] [--timeout-ms N]
                              [--crate DIR] [--interfaces plugin.h]... [--wit DIR|FILE] [--world NAME]

  LIBRARY  a built .so/.dylib/.dll; in a cargo target directory (target/<profile>/, target/<triple>/<profile>/,
           CARGO_TARGET_DIR) the crate that built it is found, elsewhere give it with --crate, or its
           declared interface with --interfaces (a header's prototypes are signatures too); with neither
           it is only loaded: nothing is known to call
  CRATE    a cdylib crate folder or its Cargo.toml (its debug build, or --release)
  A .wasm core module or component, or a guest crate (a wasm32 [build] target in .cargo/config.toml, or a wit/
  folder), runs in a sandboxed child through jco: checked against its WIT world (--wit, default the crate's
  wit/; --world when it has several), its exports called, its linear memory measured per call

Load exit status: 0 loaded and nothing failed, 1 crash, missing symbol, failed probe or leak, 2 usage or input error.`;

export function parseLoadArgs(rest: readonly string[]): LoadCommand {
  const positional: string[] = [];
  const command: LoadCommand = { kind: 'load', target: '', format: 'text', build: false, release: false, timeoutMs: undefined, interfaces: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? rest[++i];
    if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format takes text or json for load (got ${format ? `\`${format}\`` : 'nothing'})`);
      command.format = format;
    } else if (flag === '--timeout-ms') {
      const given = value();
      const n = Number(given);
      if (!given || !Number.isInteger(n) || n <= 0) throw new UsageError(`--timeout-ms takes a positive whole number of milliseconds (got ${given ? `\`${given}\`` : 'nothing'})`);
      command.timeoutMs = n;
    } else if (flag === '--crate') {
      const given = value();
      if (!given || given.startsWith('-')) throw new UsageError('--crate takes the folder (or Cargo.toml) of the crate that built the library');
      command.crate = given;
    } else if (flag === '--interfaces') {
      const given = value();
      if (!given || given.startsWith('-')) throw new UsageError('--interfaces takes a C header (plugin.h) declaring the plugin interface');
      command.interfaces.push(given);
    } else if (flag === '--wit' || flag === '--world') {
      const given = value();
      if (!given || given.startsWith('-')) throw new UsageError(flag === '--wit' ? '--wit takes the guest\'s WIT folder or .wit file' : '--world takes the name of a world of the WIT');
      if (flag === '--wit') command.wit = given;
      else command.world = given;
    } else if (flag === '--help' || flag === '-h') {
      command.help = true;
    } else if (flag === '--build') {
      command.build = true;
    } else if (flag === '--release') {
      command.release = true;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option \`${arg}\` for load`);
    } else {
      positional.push(arg);
    }
  }
  if (command.help) return command;
  if (positional.length !== 1) throw new UsageError(`load takes exactly one library or crate (got ${positional.length})`);
  command.target = positional[0];
  return command;
}
