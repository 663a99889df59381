// What changed between two ABI descriptions of one crate (the lock or a git ref, and the working tree), and where
// each change sits in the working tree. Only changes that break a host built against the old ABI count: a new
// export, a new variant at the end, a new crate type are compatible.
import { boundaryTypes } from '../boundary/boundaryTypes';
import type { CrateModel } from '../crate/crateModel';
import type { Range } from '../engine/types';
import { rustEnumVariants, rustExports } from '../interface/rustSide';
import type { AbiDescription, AbiRecord } from './abiDescription';

export interface AbiChange {
  kind: 'function' | 'static' | 'record' | 'enum';
  /** The symbol, record or enum name. */
  name: string;
  /** For an enum: the variant that moved or went. */
  variant?: string;
  /** Gone from the new ABI (no place in the working tree). */
  removed?: true;
  message: string;
}

export function compareAbi(old: AbiDescription, now: AbiDescription): AbiChange[] {
  const out: AbiChange[] = [];
  for (const [section, kind] of [['functions', 'function'], ['statics', 'static']] as const) {
    for (const [symbol, was] of Object.entries(old[section] ?? {})) {
      const current = now[section][symbol];
      if (current === undefined) out.push({ kind, name: symbol, removed: true, message: `\`${symbol}\` is no longer exported (it was \`${was}\`)` });
      else if (current !== was) out.push({ kind, name: symbol, message: `\`${symbol}\` is now \`${current}\`, it was \`${was}\`` });
    }
  }
  for (const [name, was] of Object.entries(old.records ?? {})) {
    const current = now.records[name];
    if (!current) continue; // no longer crosses by value or by name: the signatures that used it say what changed
    const change = recordChange(was, current);
    if (change) out.push({ kind: 'record', name, message: `\`${name}\` ${change}` });
  }
  for (const [name, was] of Object.entries(old.enums ?? {})) {
    const current = now.enums[name];
    if (!current) continue;
    for (const [variant, value] of Object.entries(was)) {
      if (current[variant] === undefined) out.push({ kind: 'enum', name, message: `\`${name}::${variant}\` (= ${value} before) is gone` });
      else if (current[variant] !== value) out.push({ kind: 'enum', name, variant, message: `\`${name}::${variant}\` is now ${current[variant]}, it was ${value}` });
    }
  }
  return out;
}

function recordChange(was: AbiRecord, now: AbiRecord): string | undefined {
  if (was.kind !== now.kind) return `is now a ${now.kind}, it was a ${was.kind}`;
  for (const [field, old] of Object.entries(was.fields ?? {})) {
    const current = now.fields[field];
    if (!current) return `lost its field \`${field}\` (at offset ${old.offset} before)`;
    if (current.type !== old.type) return `field \`${field}\` is now \`${current.type}\`, it was \`${old.type}\``;
    if (current.offset !== old.offset) return `field \`${field}\` moved from offset ${old.offset} to ${current.offset}`;
  }
  if (was.size !== now.size || was.align !== now.align) return `is now ${now.size} bytes (alignment ${now.align}), it was ${was.size} (alignment ${was.align})`;
  return undefined;
}

/** Where a change sits in the working tree: the export, type or variant; the crate root for what is gone. */
export function abiLocator(crate: CrateModel): (change: AbiChange) => { file: string; range: Range } {
  const exports = rustExports(crate);
  const types = new Map([...boundaryTypes(crate)].map((t) => [t.item.name, t]));
  const root = { file: crate.rootFile, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  return (change) => {
    if (change.removed) return root;
    if (change.kind === 'function' || change.kind === 'static') {
      const found = exports.get(change.name);
      return found ? { file: found.module.file, range: found.item.nameRange } : root;
    }
    const type = types.get(change.name);
    if (!type) return root;
    const variant = change.variant && rustEnumVariants(type.module.crate, type.item, type.module)?.find((v) => v.name === change.variant);
    return { file: type.module.file, range: variant ? variant.nameRange : type.item.nameRange };
  };
}
