// What `missing-repr-c` and `ffi-unsafe-type` learn at each boundary site, computed once per site and kept across
// analyses (issue 17): a keystroke in one function body re-walks only that function's sites. An answer depends on
// the site's type (an object of its item, shared by every later extraction that reuses the item), where it is
// written (module, generics, `Self`), how it crosses (mode, by value, return) and the crate's type environment
// (typeEnvironment.ts); it is cached under exactly those, and holds no object of the crate model it came from.
import type { CrateModel } from '../crate/crateModel';
import type { TypeRef } from '../syntax/typeRef';
import { findUnsafeType, type UnsafeType } from './ffiSafety';
import { findLayoutProblems, type PathStep } from './layout';
import { boundarySites, type BoundarySite } from './sites';
import type { TypeScope } from './typeScope';
import { environmentToken, type EnvironmentToken } from './typeEnvironment';
import type { AdtItem } from '../syntax/items';

/** A crate-local type without a C layout reached from a site (layout.ts's LayoutProblem, the module as its file). */
export interface CachedLayoutProblem {
  adt: AdtItem;
  file: string;
  path: PathStep[];
}

interface Facts {
  layout?: CachedLayoutProblem[];
  /** null: the site's type is FFI-safe (as far as `ffi-unsafe-type` goes). */
  unsafeType?: UnsafeType | null;
}

/** A site of this model with its entry in the cache (looked up once per model, for every rule). */
export interface SiteWithFacts {
  site: BoundarySite;
  facts: Facts;
}

/** Each model's sites, listed once for all the rules that walk them. */
const sitesByCrate = new WeakMap<CrateModel, BoundarySite[]>();

export function boundarySitesOf(crate: CrateModel): readonly BoundarySite[] {
  let sites = sitesByCrate.get(crate);
  if (!sites) sitesByCrate.set(crate, (sites = [...boundarySites(crate)]));
  return sites;
}

const factsByCrate = new WeakMap<CrateModel, SiteWithFacts[]>();

/** The crate's sites, each with what earlier analyses of the same type environment found there. */
export function sitesWithFacts(crate: CrateModel): readonly SiteWithFacts[] {
  let sites = factsByCrate.get(crate);
  if (!sites) factsByCrate.set(crate, (sites = boundarySitesOf(crate).map((site) => ({ site, facts: factsOf(site) }))));
  return sites;
}

/**
 * Per environment, per site type, per scope, per way of crossing: the facts. A new environment drops the old
 * answers with its token. The scope's key is a string made once per scope object (all the sites of an item share
 * one) and the way of crossing a small number, so a lookup builds no string.
 */
const factsByEnvironment = new WeakMap<EnvironmentToken, WeakMap<TypeRef, Map<string, Facts[]>>>();
const typeIds = new WeakMap<TypeRef, number>();
let nextTypeId = 1;

function factsOf(site: BoundarySite): Facts {
  const token = environmentToken(site.module.crate);
  let byType = factsByEnvironment.get(token);
  if (!byType) factsByEnvironment.set(token, (byType = new WeakMap()));
  let byScope = byType.get(site.type);
  if (!byScope) byType.set(site.type, (byScope = new Map()));
  const key = scopeKey(site.scope);
  let byCrossing = byScope.get(key);
  if (!byCrossing) byScope.set(key, (byCrossing = []));
  const crossing = (site.mode === 'declaration' ? 4 : 0) + (site.byValue ? 2 : 0) + (site.isReturn === true ? 1 : 0);
  return (byCrossing[crossing] ??= {});
}

const scopeKeys = new WeakMap<TypeScope, string>();

/** Everything of where the site's type is written that a walk from it reads (the sites of one item share a scope). */
function scopeKey(scope: TypeScope): string {
  let key = scopeKeys.get(scope);
  if (key === undefined) {
    const self = scope.selfType ? idOf(scope.selfType.type) : 0;
    // Sites are made with no substitutions (sites.ts): a walk binds generics only inside it.
    const substitutions = [...scope.substitutions].map(([name, bound]) => `${name}=${idOf(bound.type)}`).join(',');
    key = `${scope.module.file}|${scope.module.path.join('::')}|${[...scope.generics].join(',')}|${self}|${substitutions}`;
    scopeKeys.set(scope, key);
  }
  return key;
}

function idOf(type: TypeRef): number {
  let id = typeIds.get(type);
  if (id === undefined) typeIds.set(type, (id = nextTypeId++));
  return id;
}

/** How many site walks were done and how many answers were taken from the cache (tests show the cache is used). */
export const siteFactsCounts = { walked: 0, reused: 0 };

/** `findLayoutProblems(site)`, cached. */
export function layoutProblemsAt({ site, facts }: SiteWithFacts): readonly CachedLayoutProblem[] {
  if (facts.layout) {
    siteFactsCounts.reused++;
    return facts.layout;
  }
  siteFactsCounts.walked++;
  facts.layout = findLayoutProblems(site).map(({ adt, module, path }) => ({ adt, file: module.file, path }));
  return facts.layout;
}

/** `findUnsafeType(site)`, cached. */
export function unsafeTypeAt({ site, facts }: SiteWithFacts): UnsafeType | undefined {
  if (facts.unsafeType !== undefined) {
    siteFactsCounts.reused++;
  } else {
    siteFactsCounts.walked++;
    facts.unsafeType = findUnsafeType(site) ?? null;
  }
  return facts.unsafeType ?? undefined;
}
