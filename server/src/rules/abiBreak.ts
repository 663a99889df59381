import * as path from 'node:path';
import { boundaryTypes } from '../boundary/boundaryTypes';
import { describeAbi, type AbiDescription, type AbiRecord } from '../abi/abiDescription';
import type { CrateModel } from '../crate/crateModel';
import type { Finding, Range, Severity } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';
import { rustEnumVariants, rustExports } from '../interface/rustSide';
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

type Break = Omit<Finding, 'severity'> & { severity: Severity };

function differences(crate: CrateModel, lock: Lock, current: AbiDescription): Break[] {
  const out: Break[] = [];
  const exports = rustExports(crate);
  const fallback = { file: crate.rootFile, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  const push = (where: { file: string; range: Range }, message: string, lockKey: string, section: string) =>
    out.push({ rule: ABI_BREAK, severity: 'error', file: where.file, range: where.range, message, related: [{ location: { file: lock.file, range: lock.at(lockKey, section) }, message: 'as recorded in the ABI lock' }], fixes: [] });
  const exportAt = (symbol: string) => {
    const found = exports.get(symbol);
    return found ? { file: found.module.file, range: found.item.nameRange } : fallback;
  };
  for (const section of ['functions', 'statics'] as const) {
    for (const [symbol, was] of Object.entries(lock.description[section] ?? {})) {
      const now = current[section][symbol];
      if (now === undefined) push(fallback, `\`${symbol}\` is no longer exported (the lock records \`${was}\`)`, symbol, section);
      else if (now !== was) push(exportAt(symbol), `\`${symbol}\` is now \`${now}\`, the lock records \`${was}\``, symbol, section);
    }
  }
  const types = new Map([...boundaryTypes(crate)].map((t) => [t.item.name, t]));
  const typeAt = (name: string) => {
    const found = types.get(name);
    return found ? { file: found.module.file, range: found.item.nameRange } : fallback;
  };
  for (const [name, was] of Object.entries(lock.description.records ?? {})) {
    const now = current.records[name];
    if (!now) continue; // no longer crosses by value or by name: the signatures that used it say what changed
    const change = recordChange(was, now);
    if (change) push(typeAt(name), `\`${name}\` ${change}`, name, 'records');
  }
  for (const [name, was] of Object.entries(lock.description.enums ?? {})) {
    const now = current.enums[name];
    if (!now) continue;
    for (const [variant, value] of Object.entries(was)) {
      const found = types.get(name);
      const variantRange = found && rustEnumVariants(found.module.crate, found.item, found.module)?.find((v) => v.name === variant)?.nameRange;
      const where = variantRange && found ? { file: found.module.file, range: variantRange } : typeAt(name);
      if (now[variant] === undefined) push(typeAt(name), `\`${name}::${variant}\` (= ${value} in the lock) is gone`, name, 'enums');
      else if (now[variant] !== value) push(where, `\`${name}::${variant}\` is now ${now[variant]}, the lock records ${value}`, name, 'enums');
    }
  }
  return out;
}

function recordChange(was: AbiRecord, now: AbiRecord): string | undefined {
  if (was.kind !== now.kind) return `is now a ${now.kind}, the lock records a ${was.kind}`;
  for (const [field, old] of Object.entries(was.fields ?? {})) {
    const current = now.fields[field];
    if (!current) return `lost its field \`${field}\` (at offset ${old.offset} in the lock)`;
    if (current.type !== old.type) return `field \`${field}\` is now \`${current.type}\`, the lock records \`${old.type}\``;
    if (current.offset !== old.offset) return `field \`${field}\` moved from offset ${old.offset} to ${current.offset}`;
  }
  if (was.size !== now.size || was.align !== now.align) return `is now ${now.size} bytes (alignment ${now.align}), the lock records ${was.size} (alignment ${was.align})`;
  return undefined;
}
