// `rust-plugin-guard abi-diff [CRATE] [--against REF] [--format text|sarif]`: the crate's C ABI in the working tree
// against the same crate at a git ref (default: the latest tag). A breaking change while the ABI version constant
// is the ref's is an error (exit 1); with the version bumped, the changes are listed as information (exit 0).
import * as path from 'node:path';
import { describeAbi, type AbiDescription } from '../abi/abiDescription';
import { abiLocator, compareAbi } from '../abi/abiCompare';
import { gitFileSystem, GitRefError, latestTag, repositoryOf } from '../abi/gitFileSystem';
import type { FileSystem } from '../crate/fileSystem';
import { Engine, sortFindings } from '../engine/engine';
import type { Finding } from '../engine/types';
import { assetsIn } from '../parsing/treeSitter';
import { ABI_BREAK } from '../rules/abiBreak';
import { UsageError } from './args';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { readTextOrUndefined } from './readText';

export interface AbiDiffCommand {
  kind: 'abi-diff';
  crate: string;
  against?: string;
  format: 'text' | 'sarif';
  help?: boolean;
}

export const ABI_DIFF_USAGE = `       rust-plugin-guard abi-diff [CRATE] [--against REF] [--format text|sarif]

  CRATE         a library crate folder in a git repository (default: .)
  --against REF the tag, branch or commit to compare with (default: the latest tag)
  Exit status: 0 no breaking change (or the ABI version constant was bumped), 1 breaking changes, 2 usage or input error.`;

export function parseAbiDiffArgs(rest: readonly string[]): AbiDiffCommand {
  const command: AbiDiffCommand = { kind: 'abi-diff', crate: '.', format: 'text' };
  let crateGiven = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = () => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i]);
    if (arg === '--help' || arg === '-h') return { ...command, help: true };
    else if (arg === '--against' || arg.startsWith('--against=')) {
      const ref = value();
      if (!ref || ref.startsWith('-')) throw new UsageError('abi-diff: --against takes a git ref, e.g. --against v1.2.0');
      command.against = ref;
    } else if (arg === '--format' || arg.startsWith('--format=')) {
      const format = value();
      if (format !== 'text' && format !== 'sarif') throw new UsageError(`abi-diff: --format takes text or sarif (got ${format ? `\`${format}\`` : 'nothing'})`);
      command.format = format;
    } else if (arg.startsWith('-')) throw new UsageError(`abi-diff: unknown option \`${arg}\``);
    else if (!crateGiven) {
      command.crate = arg;
      crateGiven = true;
    } else throw new UsageError(`abi-diff takes one crate folder (got \`${command.crate}\` and \`${arg}\`)`);
  }
  return command;
}

export async function runAbiDiff(command: AbiDiffCommand, distDir: string, toolVersion: string): Promise<number> {
  if (command.help) {
    process.stdout.write(`Usage:\n${ABI_DIFF_USAGE}\n`);
    return 0;
  }
  const dir = path.resolve(command.crate.endsWith('Cargo.toml') ? path.dirname(command.crate) : command.crate);
  let repo: string;
  let ref: string;
  let oldFiles: FileSystem;
  try {
    repo = repositoryOf(dir);
    ref = command.against ?? latestTag(repo);
    oldFiles = gitFileSystem(repo, ref);
  } catch (error) {
    if (error instanceof GitRefError) throw new UsageError(`abi-diff: ${error.message}`);
    throw error;
  }
  const old = (await abiOf(dir, distDir, oldFiles, `at ${ref}`)).abi;
  const { abi: now, where } = await abiOf(dir, distDir, undefined, 'in the working tree');
  const changes = compareAbi(old, now);
  const bumped = old.version && now.version && old.version.value !== now.version.value;
  const versionText = now.version ? `\`${now.version.constant}\` ${bumped ? `went from ${old.version!.value} to ${now.version.value}` : `is still ${now.version.value}`}` : 'the crate declares no ABI version constant';
  const findings: Finding[] = sortFindings(changes.map((change) => ({
    rule: ABI_BREAK,
    severity: bumped ? 'information' : 'error',
    ...where(change),
    message: `${change.message} since ${ref}, and ${versionText}${bumped ? '' : ': a host built against it calls the plugin with the old ABI'}.`,
    related: [],
    fixes: [],
  })));
  const cwd = process.cwd();
  if (command.format === 'sarif') process.stdout.write(`${formatSarif(findings, cwd, toolVersion)}\n`);
  else process.stdout.write(findings.length === 0 ? `no ABI change since ${ref}\n` : `${formatText(findings, cwd, readTextOrUndefined)}\n`);
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

/** The crate's ABI read from `fs` (the disk when undefined), and where its items are, for messages. */
async function abiOf(dir: string, distDir: string, fs: FileSystem | undefined, when: string): Promise<{ abi: AbiDescription; where: ReturnType<typeof abiLocator> }> {
  const engine = await Engine.create({ assets: assetsIn(distDir), ...(fs ? { fs } : {}) });
  try {
    const manifest = await engine.discovery.readManifest(path.join(dir, 'Cargo.toml'));
    if (!manifest?.libPath) throw new UsageError(`abi-diff: ${path.join(dir, 'Cargo.toml')} has no library target ${when}`);
    const crate = await engine.crateOf(manifest.libPath);
    if (!crate) throw new UsageError(`abi-diff: the crate root ${manifest.libPath} does not exist ${when}`);
    return { abi: describeAbi(crate), where: abiLocator(crate) };
  } finally {
    engine.dispose();
  }
}
