import * as path from 'node:path';
import { describeAbi, type AbiDescription } from '../abi/abiDescription';
import { abiLocator, compareAbi, type AbiChange } from '../abi/abiCompare';
import type { CrateModel } from '../crate/crateModel';
import type { Finding, Range } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';
import type { Rule } from './rule';

export const ABI_BREAK = 'abi-break';

interface Lock {
  file: string;
  description: AbiDescription;
  /** Where `"key":` first appears after `after` in the lock text, for related information. */
  at(key: string, after?: string): Range;
}

/**
 * The working tree's C ABI against the committed `plugin-abi.json` (written by `abi-lock`): a removed export, a
 * changed signature, a record whose size, alignment or fields moved, an enum value that shifted. Hosts built
 * against the lock break on each. An error while the declared ABI version is the lock's; once the version is
 * bumped, one note says to rewrite the lock.
 */
export const abiBreak: Rule = {
  id: ABI_BREAK,
  defaultSeverity: 'error',
  summary: 'The C ABI changed against the committed `plugin-abi.json` without a bump of the ABI version.',
  check(crate) {
    const lock = readLock(crate);
    if (!lock) return [];
    if ('error' in lock) return [lock.error];
    const current = describeAbi(crate);
    const breaks = differences(crate, lock, current);
    if (breaks.length === 0) return [];
    const before = lock.description.version;
    const now = current.version;
    if (before && now && before.value !== now.value) {
      return [{
        rule: ABI_BREAK,
        severity: 'information',
        file: lock.file,
        range: lock.at('version'),
        message: `The ABI changed in ${breaks.length} place${breaks.length === 1 ? '' : 's'} and \`${now.constant}\` went from ${before.value} to ${now.value}: hosts that check the version refuse the old plugin, as they should. Rewrite ${path.basename(lock.file)} for the new version.`,
        help: 'run `rust-plugin-guard abi-lock` in the crate and commit the file',
        related: breaks.slice(0, 20).map((b) => ({ location: { file: b.file, range: b.range }, message: b.message })),
        fixes: [],
      }];
    }
    const version = now ? ` while \`${now.constant}\` is still ${now.value}` : ' and the crate declares no ABI version constant';
    return breaks.map((b) => ({ ...b, message: `${b.message}${version}: a host built against ${path.basename(lock.file)} calls the plugin with the old ABI.` }));
  },
};

function readLock(crate: CrateModel): Lock | { error: Finding } | undefined {
  const source = crate.abiLock;
  if (!source) return undefined;
  const lines = new LineIndex(source.text);
  const at = (key: string, after?: string): Range => {
    const from = after === undefined ? 0 : Math.max(0, source.text.indexOf(`"${after}":`));
    const index = source.text.indexOf(`"${key}":`, from);
    const offset = index < 0 ? 0 : index;
    return { start: lines.positionAt(offset), end: lines.positionAt(index < 0 ? 0 : offset + key.length + 2) };
  };
  try {
    const description = JSON.parse(source.text) as AbiDescription;
    if (typeof description !== 'object' || description === null || typeof description.functions !== 'object' || typeof description.records !== 'object') throw new Error('it is not an ABI description');
    return { file: source.file, description, at };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: { rule: ABI_BREAK, severity: 'warning', file: source.file, range: at(''), message: `${path.basename(source.file)} cannot be read (${reason}), so the ABI is not compared with it.`, help: 'rewrite it with `rust-plugin-guard abi-lock`', related: [], fixes: [] } };
  }
}

function differences(crate: CrateModel, lock: Lock, current: AbiDescription): Finding[] {
  const where = abiLocator(crate);
  return compareAbi(lock.description, current).map((change) => ({
    rule: ABI_BREAK,
    severity: 'error',
    ...where(change),
    message: change.message,
    related: [{ location: { file: lock.file, range: lock.at(change.name, SECTIONS[change.kind]) }, message: 'as recorded in the ABI lock' }],
    fixes: [],
  }));
}

const SECTIONS: Record<AbiChange['kind'], string> = { function: 'functions', static: 'statics', record: 'records', enum: 'enums' };
