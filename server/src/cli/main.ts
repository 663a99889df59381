// Entry point of dist/cli.js: `rust-plugin-guard check [PATH...] [--format text|json|sarif]`.
import * as path from 'node:path';
import { Engine } from '../engine/engine';
import { describeInternalError } from '../engine/internalErrors';
import { assetsIn } from '../parsing/treeSitter';
import { parseArgs, UsageError, USAGE } from './args';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText, noteLine } from './formats/text';
import { runLoadCommand } from './load';
import { runAbiLock } from './abiLock';
import { runAbiDiff } from './abiDiff';
import { runNewPlugin } from './newPlugin';
import { runNewHost } from './newHost';
import { readTextOrUndefined } from './readText';
import { checkWitPaths } from '../wit/cliCheck';
import { runHeader } from './header';

declare const PACKAGE_VERSION: string | undefined;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'header') return runHeader(argv.slice(1), __dirname);
  const command = parseArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`rust-plugin-guard ${VERSION}\n`);
    return 0;
  }
  if (command.kind === 'load') return runLoadCommand(command, __dirname);
  if (command.kind === 'abi-lock') return runAbiLock(command, __dirname);
  if (command.kind === 'abi-diff') return runAbiDiff(command, __dirname, VERSION);
  if (command.kind === 'new-plugin') return runNewPlugin(command, __dirname);
  if (command.kind === 'new-host') return runNewHost(command, __dirname);
  const engine = await Engine.create({ assets: assetsIn(__dirname) });
  // Absolute, so that each crate's discovery does not resolve them from its own folder.
  engine.setTarget(command.target);
  engine.setFeatures(command.features);
  if (command.interfaces.length > 0) engine.interfaces.configure({ '*': command.interfaces.map((glob) => path.resolve(glob)) });
  try {
    // `.wit` files are checked apart from the crates (server/src/wit); folders are searched for both.
    const wit = checkWitPaths(command.paths);
    const checked = await engine.check(wit.otherPaths);
    const { errors, internalErrors, notes } = checked;
    const findings = [...wit.findings, ...checked.findings];
    const cwd = process.cwd();
    if (errors.length > 0) {
      for (const error of errors) process.stderr.write(`rust-plugin-guard: ${error}\n`);
      // A JSON consumer always gets its document, with the errors in it.
      if (command.format === 'json') process.stdout.write(`${formatJson(findings, cwd, errors, notes)}\n`);
      return 2;
    }
    for (const failure of internalErrors) process.stderr.write(`rust-plugin-guard: ${describeInternalError({ ...failure, file: path.relative(cwd, failure.file) || failure.file })}\n`);
    const output =
      command.format === 'json'
        ? formatJson(findings, cwd, errors, notes)
        : command.format === 'sarif'
          ? formatSarif(findings, cwd, VERSION)
          : formatText(findings, cwd, (file) => readTextOrUndefined(file), notes);
    process.stdout.write(`${output}\n`);
    if (command.format === 'sarif') for (const note of notes) process.stderr.write(`rust-plugin-guard: ${noteLine(note, cwd)}\n`);
    // A file that did not parse was checked only in part: an input error, after the findings of what parsed.
    if (notes.some((n) => n.kind === 'syntax-error')) return 2;
    // 3: the findings are incomplete because part of the analysis failed (named above); not an input error.
    if (internalErrors.length > 0) return 3;
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  } finally {
    engine.dispose();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error instanceof Error ? error.message : String(error);
    process.stderr.write(`rust-plugin-guard: ${message}\n`);
    process.exitCode = 2;
  },
);
