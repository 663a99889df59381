import type { CrateModel, Module } from '../crate/crateModel';
import type { Position } from '../engine/types';
import type { FunctionItem, MacroRulesItem } from '../syntax/items';
import type { BodyResolver, ResolvedMacro } from './bodyExpansion';
import { dependencyScope, externNameOf, macroScopeOf } from './crateExpansion';
import { resolveMacro, type MacroScope } from './resolve';

/**
 * Which body-level macro calls of a function name a workspace `macro_rules!` (resolved as an item-level call
 * in the function's module and place would be), and the cache key of its expanded body: the function's text
 * and the texts of every definition its expansion can reach.
 */

/** std's macros keep their own treatment in `bodies/` (panic sites, formatting borrows), even when a crate shadows one. */
const STD_MACROS = new Set([
  'panic', 'assert', 'assert_eq', 'assert_ne', 'debug_assert', 'debug_assert_eq', 'debug_assert_ne', 'unreachable', 'todo', 'unimplemented',
  'format', 'format_args', 'print', 'println', 'eprint', 'eprintln', 'write', 'writeln', 'vec', 'matches', 'dbg', 'concat', 'stringify',
  'include', 'include_str', 'include_bytes', 'env', 'option_env', 'cfg', 'column', 'file', 'line', 'module_path', 'compile_error',
  'thread_local', 'try', 'addr_of', 'addr_of_mut',
]);

/** A definition's text reaches at most this many others (a guard against pathological macro webs). */
const MAX_DEFINITIONS = 64;

interface CrateBodyScope {
  scope: MacroScope;
  names: Set<string>;
  /** Where each function is: its module and the index of its item (an impl's, for methods). */
  places: Map<FunctionItem, { module: Module; index: number }>;
  /** Each function's answer (rules ask for the same bodies many times per analysis), by its text. */
  answers: Map<FunctionItem, { text: string; macros: BodyMacros | undefined }>;
}

const scopes = new WeakMap<CrateModel, CrateBodyScope | null>();

function scopeOf(crate: CrateModel): CrateBodyScope | null {
  const cached = scopes.get(crate);
  if (cached !== undefined) return cached;
  const scope = macroScopeOf(crate);
  const names = new Set(scope.byName.keys());
  for (const dependency of crate.dependencies.values()) {
    for (const [name, sites] of dependencyScope(dependency).byName) if (sites.some((s) => s.item.attributes.some((a) => a.name === 'macro_export'))) names.add(name);
  }
  for (const name of STD_MACROS) names.delete(name);
  let result: CrateBodyScope | null = null;
  if (names.size > 0) {
    const places = new Map<FunctionItem, { module: Module; index: number }>();
    for (const module of crate.modules) {
      module.syntax.items.forEach((item, index) => {
        if (item.kind === 'function') places.set(item, { module, index });
        else if (item.kind === 'impl' || item.kind === 'trait') for (const fn of item.functions) places.set(fn, { module, index });
      });
    }
    result = { scope, names, places, answers: new Map() };
  }
  scopes.set(crate, result);
  return result;
}

/** Every `path!(`, `path![`, `path! {` in a function's text (paths as written), memoised by item and text. */
interface CallPath {
  path: string[];
  name: string;
  /** `path` joined by `::`. */
  key: string;
}

const callsMemo = new WeakMap<FunctionItem | MacroRulesItem, { text: string; calls: CallPath[] }>();

function macroCallsIn(text: string): CallPath[] {
  const calls: CallPath[] = [];
  for (let bang = text.indexOf('!'); bang >= 0; bang = text.indexOf('!', bang + 1)) {
    let after = bang + 1;
    while (after < text.length && /\s/.test(text[after])) after++;
    const open = text[after];
    if (open !== '(' && open !== '[' && open !== '{') continue;
    // Back over spaces, then the path: identifiers joined by `::` (a `$crate::` head included).
    let end = bang;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    const segments: string[] = [];
    for (let at = end; ; ) {
      let start = at;
      while (start > 0 && /[\w$]/.test(text[start - 1])) start--;
      const segment = text.slice(start, at);
      if (!/^\$?[A-Za-z_]\w*$/.test(segment)) break;
      segments.unshift(segment);
      let before = start;
      while (before > 0 && /\s/.test(text[before - 1])) before--;
      if (text.slice(before - 2, before) !== '::') break;
      at = before - 2;
      while (at > 0 && /\s/.test(text[at - 1])) at--;
    }
    const name = segments[segments.length - 1];
    if (name && !name.startsWith('$')) calls.push({ path: segments, name, key: segments.join('::') });
  }
  return calls;
}

/** The calls' paths in a function's or a definition's text whose last segment is a workspace macro's name. */
function candidatePaths(text: string, names: ReadonlySet<string>, item: FunctionItem | MacroRulesItem): Map<string, CallPath> {
  let calls: CallPath[];
  const memo = callsMemo.get(item);
  if (memo && memo.text === text) calls = memo.calls;
  else {
    calls = macroCallsIn(text);
    callsMemo.set(item, { text, calls });
  }
  const found = new Map<string, CallPath>();
  for (const call of calls) if (names.has(call.name)) found.set(call.key, call);
  return found;
}

export interface BodyMacros {
  /** The expansion cache key beyond the function's text: the reachable definitions (without their positions). */
  key: string;
  /** The function's text and `key`: the key of its expanded facts (made once: rules ask for a body many times). */
  cacheKey: string;
  resolve: BodyResolver;
  /** Where each reachable definition starts now (`ResolvedMacro.key` → position), for related information. */
  anchors: Map<string, Position>;
}

/** The workspace macros a function's body can expand, or undefined when it calls none (read it as written). */
export function bodyMacrosOf(crate: CrateModel, fn: FunctionItem, text: string): BodyMacros | undefined {
  const scope = scopeOf(crate);
  if (!scope) return undefined;
  const known = scope.answers.get(fn);
  if (known?.text === text) return known.macros;
  const macros = findBodyMacros(crate, scope, fn, text);
  scope.answers.set(fn, { text, macros });
  return macros;
}

function findBodyMacros(crate: CrateModel, scope: CrateBodyScope, fn: FunctionItem, text: string): BodyMacros | undefined {
  const first = candidatePaths(text, scope.names, fn);
  if (first.size === 0) return undefined;
  const place = scope.places.get(fn);
  if (!place) return undefined;
  // A macro defined inside the function shadows the crate's of that name; its calls stay as they are.
  const local = new Set(text.includes('macro_rules!') ? [...text.matchAll(/macro_rules!\s*([A-Za-z_]\w*)/g)].map((m) => m[1]) : []);
  const resolved = new Map<string, ResolvedMacro | undefined>();
  const resolve: BodyResolver = (path, name) => {
    const key = path.join('::');
    if (resolved.has(key)) return resolved.get(key);
    let result: ResolvedMacro | undefined;
    if (scope.names.has(name) && !local.has(name)) {
      const site = resolveMacro(scope.scope, { path, name }, place.module, place.index);
      if (site) {
        const crateName = site.module.crate === crate ? 'crate' : externNameOf(crate, site.module.crate) ?? 'crate';
        result = { definition: site.definition, file: site.module.file, crateName, key: `${crateName}\u0001${site.module.file}\u0001${site.definition.text}` };
      }
    }
    resolved.set(key, result);
    return result;
  };
  // Every definition the expansion can reach, followed by name through the definitions' own texts.
  const pending = [...first.values()];
  const definitions: ResolvedMacro[] = [];
  for (let next = pending.shift(); next && definitions.length < MAX_DEFINITIONS; next = pending.shift()) {
    const key = next.path.join('::');
    if (resolved.has(key)) continue;
    const found = resolve(next.path, next.name);
    if (!found) continue;
    definitions.push(found);
    for (const more of candidatePaths(found.definition.text, scope.names, found.definition).values()) if (!resolved.has(more.key)) pending.push(more);
  }
  if (definitions.length === 0) return undefined;
  const key = definitions.map((d) => d.key).join('\u0000');
  // The same key string as for the last crate model when nothing changed: the cache lookup then hashes nothing.
  const last = keysMemo.get(fn);
  const cacheKey = last?.text === text && last.key === key ? last.cacheKey : `${text}\u0000${key}`;
  keysMemo.set(fn, { text, key, cacheKey });
  return { key, cacheKey, resolve, anchors: new Map(definitions.map((d) => [d.key, d.definition.range.start])) };
}

const keysMemo = new WeakMap<FunctionItem, { text: string; key: string; cacheKey: string }>();
