import type { CrateModel, Module } from '../crate/crateModel';
import { reprOf } from '../syntax/attributes';
import type { AdtItem } from '../syntax/items';
import { walkTypeRefs } from '../syntax/typeRef';
import { boundarySitesOf } from './siteFacts';
import { bindGenerics, meaningOf, MAX_TYPE_DEPTH, type ScopedType, type TypeScope } from './typeScope';

export interface BoundaryType {
  item: AdtItem;
  module: Module;
}

/** A type with a C layout: cbindgen writes its fields; any other type it writes as an opaque `typedef struct X X;`. */
export function hasCLayout(item: AdtItem): boolean {
  const repr = reprOf(item.attributes);
  return repr.c || repr.transparent || repr.primitive !== undefined;
}

/**
 * The crate's ADTs (and its dependencies') a boundary site reaches, by value or behind pointers, as cbindgen
 * would emit them: the fields of a type without a C layout are not walked (it is opaque in C).
 */
export function* boundaryTypes(crate: CrateModel): Generator<BoundaryType> {
  const seen = new Set<AdtItem>();
  const pending: ScopedType[] = [];
  for (const site of boundarySitesOf(crate)) pending.push({ type: site.type, scope: site.scope });
  for (let steps = 0; pending.length > 0 && steps < 20_000; steps++) {
    const { type, scope } = pending.pop()!;
    for (const part of walkTypeRefs(type)) {
      if (part.kind !== 'path') continue;
      const meaning = meaningOf(part, scope);
      if (meaning.kind === 'bound') pending.push(meaning.scoped);
      else if (meaning.kind === 'alias' && meaning.item.target) pending.push({ type: meaning.item.target, scope: bindGenerics(meaning.module, meaning.item.generics, part.args, scope) });
      else if (meaning.kind === 'adt' && !seen.has(meaning.item) && seen.size < MAX_TYPE_DEPTH * 100) {
        seen.add(meaning.item);
        yield { item: meaning.item, module: meaning.module };
        if (!hasCLayout(meaning.item)) continue;
        const inner: TypeScope = bindGenerics(meaning.module, meaning.item.generics, part.args, scope);
        for (const field of [...meaning.item.fields, ...meaning.item.variants.flatMap((v) => v.fields)]) pending.push({ type: field.type, scope: inner });
      }
    }
  }
}
