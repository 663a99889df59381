// `rust-plugin-guard abi-lock [CRATE] [--check] [--target TRIPLE]`: writes the crate's C ABI to plugin-abi.json
// (commit it; `abi-break` then reports changes against it as you type), or with --check exits 1 when the
// committed file is not the crate's ABI any more (the CI gate).
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ABI_LOCK_FILE, describeAbi, serializeAbi } from '../abi/abiDescription';
import { Engine } from '../engine/engine';
import { assetsIn } from '../parsing/treeSitter';
import { UsageError } from './args';
import { readTextOrUndefined } from './readText';

export interface AbiLockCommand {
  kind: 'abi-lock';
  crate: string;
  check: boolean;
  target?: string;
  help?: boolean;
}

export const ABI_LOCK_USAGE = `       rust-plugin-guard abi-lock [CRATE] [--check] [--target TRIPLE]

  CRATE    a library crate folder (default: .); writes CRATE/${ABI_LOCK_FILE}: its exports' C signatures, the
           layouts of the #[repr(C)] types they reach, enum values and the ABI version constant
  --check  write nothing; exit 1 when ${ABI_LOCK_FILE} is missing or no longer the crate's ABI (for CI)`;

export function parseAbiLockArgs(rest: readonly string[]): AbiLockCommand {
  let crate: string | undefined;
  let check = false;
  let target: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--check') check = true;
    else if (arg === '--help' || arg === '-h') return { kind: 'abi-lock', crate: '.', check, help: true };
    else if (arg === '--target' || arg.startsWith('--target=')) target = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
    else if (arg.startsWith('-')) throw new UsageError(`abi-lock: unknown option \`${arg}\``);
    else if (crate === undefined) crate = arg;
    else throw new UsageError(`abi-lock takes one crate folder (got \`${crate}\` and \`${arg}\`)`);
  }
  if (target !== undefined && !/^[A-Za-z0-9_.-]+$/.test(target)) throw new UsageError('abi-lock: --target takes a target triple, e.g. x86_64-pc-windows-msvc');
  return { kind: 'abi-lock', crate: crate ?? '.', check, ...(target ? { target } : {}) };
}

export async function runAbiLock(command: AbiLockCommand, distDir: string): Promise<number> {
  if (command.help) {
    process.stdout.write(`Usage:\n${ABI_LOCK_USAGE}\n`);
    return 0;
  }
  const dir = path.resolve(command.crate.endsWith('Cargo.toml') ? path.dirname(command.crate) : command.crate);
  const engine = await Engine.create({ assets: assetsIn(distDir) });
  try {
    engine.setTarget(command.target);
    const manifest = await engine.discovery.readManifest(path.join(dir, 'Cargo.toml'));
    if (!manifest?.libPath) throw new UsageError(`${path.join(dir, 'Cargo.toml')}: no library target here; give the folder of the plugin's library crate`);
    const crate = await engine.crateOf(manifest.libPath);
    if (!crate) throw new UsageError(`${manifest.libPath}: the crate root does not exist`);
    const text = serializeAbi(describeAbi(crate));
    const file = path.join(dir, ABI_LOCK_FILE);
    const shown = path.relative(process.cwd(), file) || file;
    if (command.check) {
      const committed = readTextOrUndefined(file);
      if (committed === text) {
        process.stdout.write(`${shown} is up to date\n`);
        return 0;
      }
      process.stdout.write(committed === undefined ? `${shown} is missing: run \`rust-plugin-guard abi-lock\` and commit it\n` : `${shown} is not the crate's ABI any more: see the abi-break findings of \`rust-plugin-guard check\`, then run \`rust-plugin-guard abi-lock\` and commit it\n`);
      return 1;
    }
    writeFileSync(file, text);
    const description = JSON.parse(text) as { functions: object; statics: object; records: object; enums: object };
    process.stdout.write(`wrote ${shown}: ${Object.keys(description.functions).length} functions, ${Object.keys(description.statics).length} statics, ${Object.keys(description.records).length} records, ${Object.keys(description.enums).length} enums\n`);
    return 0;
  } finally {
    engine.dispose();
  }
}
