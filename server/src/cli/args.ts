import { targetCfg } from '../crate/targetCfg';
import type { AbiDiffCommand } from './abiDiff';
import type { AbiLockCommand } from './abiLock';
import type { LoadCommand } from './loadArgs';
import { LOAD_USAGE, parseLoadArgs } from './loadArgs';
import { ABI_LOCK_USAGE, parseAbiLockArgs } from './abiLock';
import { ABI_DIFF_USAGE, parseAbiDiffArgs } from './abiDiff';
import { NEW_PLUGIN_USAGE, parseNewPluginArgs, type NewPluginCommand } from './newPlugin';
import { NEW_HOST_USAGE, parseNewHostArgs, type NewHostCommand } from './newHost';
import { HEADER_USAGE } from './header';

export type OutputFormat = 'text' | 'json' | 'sarif';

export type CliCommand =
  /** `interfaces`: `--interfaces` globs of declared-interface files (headers), for every crate checked. */
  | { kind: 'check'; paths: string[]; format: OutputFormat; interfaces: string[]; target?: string; features?: { features: string[]; all: boolean } }
  | LoadCommand
  | AbiLockCommand
  | AbiDiffCommand
  | NewPluginCommand
  | NewHostCommand
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: rust-plugin-guard check [PATH...] [--format text|json|sarif] [--interfaces GLOB]... [--target TRIPLE]
                           [--features LIST] [--all-features]

  PATH               a .rs file, a crate folder or a workspace folder (default: .)
  --interfaces GLOB  declared-interface headers to check every plugin crate against, besides those
                     discovered (relative to the current folder; repeatable; quote the glob)
  --target TRIPLE    check the build for this target (e.g. x86_64-pc-windows-msvc; default: this machine):
                     #[cfg(..)] items that are off for it are left out
  --features LIST    check the build with these Cargo features too (comma-separated; repeatable);
                     default: the crate's default features, as cargo build does
  --all-features     check the build with every feature the crate declares

Exit status: 0 nothing at error severity, 1 errors found, 2 usage or input error, 3 part of the analysis failed (internal error).

${LOAD_USAGE}

${ABI_LOCK_USAGE}

${ABI_DIFF_USAGE}

${NEW_PLUGIN_USAGE}

${NEW_HOST_USAGE}

${HEADER_USAGE}`;

const FORMATS = new Set<OutputFormat>(['text', 'json', 'sarif']);

export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '--version' || argv[0] === '-V') return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command === 'load') return parseLoadArgs(rest);
  if (command === 'abi-lock') return parseAbiLockArgs(rest);
  if (command === 'abi-diff') return parseAbiDiffArgs(rest);
  if (command === 'new-plugin') return parseNewPluginArgs(rest);
  if (command === 'new-host') return parseNewHostArgs(rest);
  if (command !== 'check') throw new UsageError(`unknown command \`${command}\`; the commands are \`check\`, \`load\`, \`abi-lock\`, \`abi-diff\`, \`new-plugin\`, \`new-host\` and \`header\``);
  const paths: string[] = [];
  let format: OutputFormat = 'text';
  const interfaces: string[] = [];
  let target: string | undefined;
  const features: string[] = [];
  let allFeatures = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (!value || !FORMATS.has(value as OutputFormat)) throw new UsageError(`--format takes text, json or sarif (got ${value ? `\`${value}\`` : 'nothing'})`);
      format = value as OutputFormat;
    } else if (arg === '--interfaces' || arg.startsWith('--interfaces=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (!value) throw new UsageError('--interfaces takes a glob of header files, e.g. --interfaces "../host/include/*.h"');
      interfaces.push(value);
    } else if (arg === '--target' || arg.startsWith('--target=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (!value || !/^[A-Za-z0-9_.-]+$/.test(value)) throw new UsageError(`--target takes a target triple, e.g. --target x86_64-pc-windows-msvc (got ${value ? `\`${value}\`` : 'nothing'})`);
      const known = targetCfg(value).values;
      if (!known.has('target_arch') || !known.has('target_os')) throw new UsageError(`--target: \`${value}\` is not a target triple this checker can read; use one of \`rustc --print target-list\`, e.g. x86_64-unknown-linux-gnu, aarch64-apple-darwin, x86_64-pc-windows-msvc`);
      target = value;
    } else if (arg === '--features' || arg.startsWith('--features=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      const names = (value ?? '').split(/[\s,]+/).filter(Boolean);
      if (names.length === 0 || names.some((n) => !/^[\w.+/-]+$/.test(n))) throw new UsageError(`--features takes feature names, e.g. --features serde,simd (got ${value ? `\`${value}\`` : 'nothing'})`);
      features.push(...names);
    } else if (arg === '--all-features') {
      allFeatures = true;
    } else if (arg === '--help' || arg === '-h') {
      return { kind: 'help' };
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option \`${arg}\``);
    } else {
      paths.push(arg);
    }
  }
  return { kind: 'check', paths: paths.length > 0 ? paths : ['.'], format, interfaces, ...(target ? { target } : {}), ...(features.length > 0 || allFeatures ? { features: { features, all: allFeatures } } : {}) };
}
