// A fieldless `#[repr(C)]`/`#[repr(u*)]` enum against its declared C enum. Variants are matched by name and
// value together, so a renamed variant with the same value is fine. One inserted or missing variant shifts
// every later value: that is one problem, reported on the variant (the shifted ones as related places).
import { rustEnumVariants } from './rustSide';
import type { DeclaredEnum } from './model';
import type { Adt, LayoutProblem } from './recordLayout';

const normalize = (name: string, prefixes: readonly string[]) => {
  let n = name.toLowerCase().replace(/_/g, '');
  for (const prefix of prefixes) if (prefix && n.startsWith(prefix) && n.length > prefix.length) n = n.slice(prefix.length);
  return n;
};

export function compareEnum(enumeration: DeclaredEnum, adt: Adt): LayoutProblem[] {
  const variants = rustEnumVariants(adt.crate, adt.item, adt.module);
  if (!variants || variants.some((v) => v.value === undefined) || enumeration.variants.some((v) => v.value === undefined)) return [];
  const prefixes = [enumeration.name, adt.item.name].map((n) => n.toLowerCase().replace(/_/g, ''));
  const remaining = new Set(enumeration.variants);
  const unmatched: typeof variants = [];
  for (const variant of variants) {
    const both = [...remaining].find((d) => d.value === variant.value && normalize(d.name, prefixes) === normalize(variant.name, prefixes));
    if (both) remaining.delete(both);
    else unmatched.push(variant);
  }
  const shifted: LayoutProblem[] = [];
  const structural: LayoutProblem[] = [];
  const stillUnmatched: typeof variants = [];
  for (const variant of unmatched) {
    const byName = [...remaining].find((d) => normalize(d.name, prefixes) === normalize(variant.name, prefixes));
    if (byName) {
      remaining.delete(byName);
      shifted.push({ range: variant.nameRange, reason: `\`${variant.name}\` is ${variant.value} in Rust but \`${byName.name}\` is ${byName.value} in the declaration`, help: 'give the variant the declared value (`= N`), or insert new variants at the end on both sides', declaredRange: byName.range });
    } else stillUnmatched.push(variant);
  }
  for (const variant of stillUnmatched) {
    const byValue = [...remaining].find((d) => d.value === variant.value);
    if (byValue) {
      remaining.delete(byValue);
      continue;
    }
    structural.push({ range: variant.nameRange, reason: `\`${variant.name}\` (= ${variant.value}) is not declared`, help: 'add the variant to the declaration, or remove it' });
  }
  for (const missing of remaining) {
    structural.push({ range: adt.item.nameRange, reason: `the declared \`${missing.name}\` (= ${missing.value}) has no Rust variant`, help: `add a variant \`= ${missing.value}\``, declaredRange: missing.range });
  }
  if (structural.length === 0 || shifted.length === 0) return [...shifted, ...structural];
  // The shifted values follow from the inserted or missing variant: one finding, the shifts as related places.
  const [first, ...rest] = structural;
  const names = shifted.map((s) => /^`[^`]+`/.exec(s.reason)?.[0] ?? '').join(', ');
  return [
    {
      ...first,
      reason: `${first.reason}, which shifts the value of ${shifted.length === 1 ? 'the later variant' : `${shifted.length} later variants`} (${names}) against the declaration`,
      help: `${first.help}; new variants go at the end on both sides, so no value moves`,
      related: shifted.map((s) => ({ range: s.range, message: s.reason })),
    },
    ...rest,
  ];
}
