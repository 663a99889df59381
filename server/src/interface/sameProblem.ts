// Several interfaces may declare the same symbol (two hosts loading one plugin): the rules report each problem
// once, at one range, naming every declaration and relating each.
import type { RelatedInformation } from '../engine/types';
import { shortLocation, type DeclarationOrigin } from './model';

/** Items with the same key, in the order their keys first appear. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}

/** The distinct declarations, in order (one header read twice, or one host field met twice, counts once). */
export function distinctOrigins(origins: readonly DeclarationOrigin[]): DeclarationOrigin[] {
  const seen = new Set<string>();
  return origins.filter((o) => {
    const key = `${o.file}\0${o.range.start.line}:${o.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "`plugin.h:12`", "`a.h:3` and `main.rs:14`", "`a.h:3`, `b.h:4` and `main.rs:14`". */
export function declarationList(origins: readonly DeclarationOrigin[]): string {
  const names = origins.map((o) => `\`${shortLocation(o)}\``);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function relatedDeclarations(origins: readonly DeclarationOrigin[]): RelatedInformation[] {
  return origins.map((o) => ({ location: { file: o.file, range: o.range }, message: `declared here: ${o.text.trim().split('\n')[0]}` }));
}
