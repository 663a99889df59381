import type { Parser } from 'web-tree-sitter';
import type { CrateModel, Module } from '../crate/crateModel';
import { cfgModuleSyntax } from '../crate/cfgFilter';
import type { ParsedFile } from '../crate/fileStore';
import type { Position, Range } from '../engine/types';
import { recordInternalError } from '../engine/internalErrors';
import { LineIndex } from '../parsing/lineIndex';
import { parseWithBudget } from '../parsing/treeSitter';
import { extractFileSyntax, type ImplItem, type Item, type MacroCallItem, type MacroRulesItem, type ModItem } from '../syntax/items';
import { cfgIfItems, isCfgIfCall } from './cfgIf';
import { matchRules } from './matcher';
import { absolute, relative, render, type Span } from './render';
import { resolveMacro, type MacroScope } from './resolve';
import { shiftedCopy } from './shift';
import { transcribe, TranscriptionError } from './transcriber';
import type { TokenTree } from './tokens';

/**
 * Item-level expansion of the workspace's `macro_rules!` macros. Each expansion's text is appended to its
 * file's text in the crate model (after the real text, from a fresh line), parsed with the same grammar, and
 * its items join the calling module like written items. Their positions are therefore real positions of that
 * longer text: rules, fixes and `bodies/` read them like any other, and `findingMap.ts` moves every finding
 * that lands past the real text back to the macro call (or to the call's own tokens).
 */

/** rustc's default `recursion_limit` is 128; real plugin macros nest a few levels. */
export const MAX_EXPANSION_DEPTH = 64;
/** Per crate: beyond this many expansions, the rest of the calls stay unexpanded (silent). */
const MAX_BLOCKS_PER_CRATE = 20_000;
const MAX_CACHE_ENTRIES = 8000;

/** One expansion placed in its file's longer text. */
export interface ExpansionBlock {
  /** The macro as called (`export_plugin`). */
  macroName: string;
  /** Where the block's text starts in the file's text (a line start). */
  offset: number;
  line: number;
  length: number;
  spans: readonly Span[];
  call: { file: string; range: Range };
  /** The anchor call-side span ranges are relative to (the call's start). */
  callAnchor: Position;
  def: { file: string; anchor: Position };
  /** The rule that matched, in the definition's file. */
  ruleRange: Range;
}

export interface FileExpansions {
  /** Length of the file's real text; everything after it is expansions. */
  realLength: number;
  /** The first line of the first block. */
  firstLine: number;
  blocks: ExpansionBlock[];
  lines: LineIndex;
}

export interface CachedExpansion {
  text: string;
  spans: Span[];
  /** Relative to the definition's start. */
  ruleRange: Range;
}

const expansionCache = new Map<string, CachedExpansion | null>();
const parseCache = new Map<string, Item[]>();

/** Counts, for the benchmark and the cache tests. */
export const expansionStats = { expansions: 0, parses: 0 };

export function clearExpansionCaches(): void {
  expansionCache.clear();
  parseCache.clear();
}

/** The files of a crate that have expansions, and where they are. */
export type ExpansionMap = Map<string, FileExpansions>;

interface FileBuilder {
  parsed: ParsedFile;
  /** The file's written length (the text before any expansion). */
  realLength: number;
  parts: string[];
  length: number;
  nextLine: number;
  blocks: ExpansionBlock[];
}

interface ExpansionState {
  addInlineModule: (parent: Module, item: ModItem) => Module;
  /** Calls expanded and inline modules made, so a second pass (after dependencies are attached) skips them. */
  done: WeakSet<Item>;
  depths: WeakMap<Item, number>;
  blockCount: number;
}

const states = new WeakMap<CrateModel, ExpansionState>();

/**
 * Expands the item-level macro calls of every module of `crate` (and the calls their expansions contain),
 * adding the items to the modules. `addInlineModule` makes a module of an inline `mod` an expansion holds.
 * Macros of local dependencies are known only once they are attached: `expandDependencyMacros` then
 * expands the calls that name them.
 */
export function expandCrateMacros(crate: CrateModel, addInlineModule: (parent: Module, item: ModItem) => Module): void {
  const state: ExpansionState = { addInlineModule, done: new WeakSet(), depths: new WeakMap(), blockCount: 0 };
  states.set(crate, state);
  expansionPass(crate, state);
}

/** The calls of `crate` (and of its dependencies, first) that name a `#[macro_export]` macro of a local dependency. */
export function expandDependencyMacros(crate: CrateModel, seen = new Set<CrateModel>()): void {
  if (seen.has(crate)) return;
  seen.add(crate);
  for (const dependency of crate.dependencies.values()) expandDependencyMacros(dependency, seen);
  const state = states.get(crate);
  if (state && hasDependencyMacros(crate)) expansionPass(crate, state);
}

function expansionPass(crate: CrateModel, state: ExpansionState): void {
  const scope = macroScopeOf(crate);
  if (scope.byName.size === 0 && !hasDependencyMacros(crate) && !hasCfgIfCalls(crate)) return;
  const builders = new Map<string, FileBuilder>();
  const { depths, done } = state;
  for (let m = 0; m < crate.modules.length; m++) {
    const module = crate.modules[m];
    const items = [...module.syntax.items];
    let changed = false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.kind === 'macroRules') {
        scope.register(item, module, i);
        continue;
      }
      if (item.kind === 'mod' && item.body && depths.has(item) && !done.has(item)) {
        done.add(item);
        state.addInlineModule(module, item);
        continue;
      }
      if ((item.kind === 'impl' || item.kind === 'trait') && item.macroCalls && !done.has(item)) {
        // Calls left unexpanded are tried again by the next pass (a dependency's macro is known only then).
        const expanded = expandMembers(crate, builders, scope, module, i, item, state);
        if (expanded) {
          if (!expanded.macroCalls) done.add(expanded);
          items[i] = expanded;
          changed = true;
        }
        continue;
      }
      if (item.kind !== 'macroCall' || done.has(item)) continue;
      const depth = depths.get(item) ?? 0;
      if (depth >= MAX_EXPANSION_DEPTH || state.blockCount >= MAX_BLOCKS_PER_CRATE) continue;
      const resolved = resolveMacro(scope, item, module, i);
      if (!resolved) {
        const written = isCfgIfCall(item) ? cfgIfBranchItems(crate, module, item) : undefined;
        if (written) {
          done.add(item);
          for (const produced of written) depths.set(produced, depth + 1);
          items.splice(i + 1, 0, ...written);
          changed = true;
        }
        continue;
      }
      let expanded: Item[] | undefined;
      try {
        expanded = expandCall(crate, builders, module, item, resolved.definition, resolved.module);
      } catch (error) {
        // A macro beyond what the matcher handles costs only its own expansion (silent, as if unknown).
        recordInternalError(module.file, `the expansion of \`${item.name}!\``, error);
      }
      if (!expanded) continue;
      done.add(item);
      state.blockCount++;
      for (const produced of expanded) depths.set(produced, depth + 1);
      items.splice(i + 1, 0, ...expanded);
      changed = true;
    }
    if (changed) {
      module.syntax = { ...module.syntax, items };
      module.namespace = undefined;
    }
  }
  finishFiles(crate, builders);
}

/**
 * The members that macro calls inside an `impl` or `trait` body write (`impl Plugin for X { plugin_methods!(); }`),
 * joined to a copy of it like written members (calls they write in turn too, to the depth limit). Undefined when
 * none expands; calls that do not stay on the copy for a later pass (a macro of a dependency).
 */
function expandMembers(crate: CrateModel, builders: Map<string, FileBuilder>, scope: MacroScope, module: Module, index: number, item: ImplItem, state: ExpansionState): ImplItem | undefined {
  const isTrait = item.kind === 'trait';
  const wrapper: Wrapper = { prefix: `${isTrait ? 'trait' : 'impl'} __ {\n`, suffix: '\n}' };
  const copy: ImplItem = { ...item, functions: [...item.functions], consts: [...item.consts], macroCalls: undefined };
  // In a trait, `Self` is a generic parameter of every method (as items.ts reads written members).
  const methodGenerics = isTrait ? [...item.generics, 'Self'] : item.generics;
  const pending = (item.macroCalls ?? []).map((call) => ({ call, depth: state.depths.get(item) ?? 0 }));
  const left: MacroCallItem[] = [];
  let expandedAny = false;
  for (let next = pending.shift(); next; next = pending.shift()) {
    const { call, depth } = next;
    const resolved = depth < MAX_EXPANSION_DEPTH && state.blockCount < MAX_BLOCKS_PER_CRATE ? resolveMacro(scope, call, module, index) : undefined;
    let produced: Item[] | undefined;
    try {
      produced = resolved && expandCall(crate, builders, module, call, resolved.definition, resolved.module, wrapper);
    } catch (error) {
      recordInternalError(module.file, `the expansion of \`${call.name}!\``, error);
    }
    const members = produced?.[0];
    if (!members || (members.kind !== 'impl' && members.kind !== 'trait')) {
      left.push(call);
      continue;
    }
    state.blockCount++;
    expandedAny = true;
    const ownGenerics = isTrait ? 1 : 0;
    for (const fn of members.functions) copy.functions.push({ ...fn, context: isTrait ? 'trait' : 'impl', container: copy, selfType: item.selfType, generics: [...methodGenerics, ...fn.generics.slice(ownGenerics)] });
    for (const constant of members.consts) copy.consts.push({ ...constant, container: copy });
    for (const inner of members.macroCalls ?? []) pending.push({ call: inner, depth: depth + 1 });
  }
  if (!expandedAny) return undefined;
  if (left.length > 0) copy.macroCalls = left;
  return copy;
}

/** The items of a `cfg_if!` call (cfgIf.ts) that are in this build. */
function cfgIfBranchItems(crate: CrateModel, module: Module, call: MacroCallItem): Item[] | undefined {
  const file = crate.files.get(module.file);
  // A call inside an expansion has no written text of its own to read items from.
  const realLength = crate.expansions?.get(module.file)?.realLength ?? file?.text.length ?? 0;
  if (!file || file.lines.offsetAt(call.range.end) > realLength) return undefined;
  const items = cfgIfItems(call, file);
  return items && cfgModuleSyntax({ items, innerAttributes: [] }, crate.cfg).items;
}

function hasCfgIfCalls(crate: CrateModel): boolean {
  return crate.modules.some((module) => module.syntax.items.some((item) => item.kind === 'macroCall' && isCfgIfCall(item)));
}

function hasDependencyMacros(crate: CrateModel): boolean {
  for (const dependency of crate.dependencies.values()) if (dependencyScope(dependency).byName.size > 0) return true;
  return false;
}

export function macroScopeOf(crate: CrateModel): MacroScope & { register(item: MacroRulesItem, module: Module, index: number): void } {
  const byName = new Map<string, { item: MacroRulesItem; module: Module; index: number }[]>();
  const register = (item: MacroRulesItem, module: Module, index: number) => {
    const list = byName.get(item.name) ?? [];
    if (!list.some((d) => d.item === item)) list.push({ item, module, index });
    byName.set(item.name, list);
  };
  for (const module of crate.modules) module.syntax.items.forEach((item, index) => item.kind === 'macroRules' && register(item, module, index));
  return { crate, byName, dependencyScope, register };
}

const dependencyScopes = new WeakMap<CrateModel, MacroScope>();

export function dependencyScope(dependency: CrateModel): MacroScope {
  let scope = dependencyScopes.get(dependency);
  if (!scope) {
    scope = macroScopeOf(dependency);
    dependencyScopes.set(dependency, scope);
  }
  return scope;
}

/**
 * What an expansion is parsed inside: nothing for items; for the members of an `impl` or `trait`, a header on a
 * line of its own (`impl __ {`) and the closing brace, so the members parse as they do where they are written.
 */
interface Wrapper {
  prefix: string;
  suffix: string;
}

function expandCall(crate: CrateModel, builders: Map<string, FileBuilder>, module: Module, call: MacroCallItem, definition: MacroRulesItem, defModule: Module, wrapper?: Wrapper): Item[] | undefined {
  const crateName = defModule.crate === crate ? 'crate' : externNameOf(crate, defModule.crate) ?? 'crate';
  const cached = cachedExpansion(definition, call.text, call.input.children, lagging(call.range.start, call.inputLineShift), crateName);
  if (!cached) return undefined;
  const builder = builderFor(crate, builders, module.file);
  if (!builder) return undefined;
  const relativeItems = parsedItems(builder.parsed.parser, wrapper ? `${wrapper.prefix}${cached.text}${wrapper.suffix}` : cached.text);
  if (!relativeItems) return undefined;

  const offset = builder.length + 1;
  const line = builder.nextLine;
  builder.parts.push('\n', cached.text);
  builder.length = offset + cached.text.length;
  builder.nextLine = line + lineCount(cached.text);
  builder.blocks.push({
    macroName: call.name,
    offset,
    line,
    length: cached.text.length,
    spans: cached.spans,
    call: { file: module.file, range: call.range },
    callAnchor: call.range.start,
    def: { file: defModule.file, anchor: definition.range.start },
    ruleRange: absolute(cached.ruleRange, definition.range.start),
  });
  // The wrapper's header line sits right before the block (it is not in the file's text; nothing points at it).
  const items = wrapper ? shiftedCopy(relativeItems, line - 1, offset - wrapper.prefix.length) : shiftedCopy(relativeItems, line, offset);
  return cfgModuleSyntax({ items, innerAttributes: [] }, crate.cfg).items;
}

/**
 * The expansion of a call (its text and input tokens; call-side spans relative to `callAnchor`, where the input
 * tokens' ranges are measured from), cached by (definition text, call text, crate name): item-level and
 * body-level expansion (bodyExpansion.ts) share it. null when no rule matches.
 */
export function cachedExpansion(definition: MacroRulesItem, callText: string, input: readonly TokenTree[], callAnchor: Position, crateName: string): CachedExpansion | null {
  const key = `${definition.text}\u0000${callText}\u0000${crateName}`;
  let cached = expansionCache.get(key);
  if (cached === undefined) {
    cached = computeExpansion(definition, input, callAnchor, crateName);
    remember(expansionCache, key, cached);
  }
  return cached;
}

function computeExpansion(definition: MacroRulesItem, input: readonly TokenTree[], callAnchor: Position, crateName: string): CachedExpansion | null {
  expansionStats.expansions++;
  const matched = matchRules(definition.definition, input);
  if (!matched) return null;
  try {
    const tokens = transcribe(matched.rule.transcriber, matched.bindings, { crateName });
    // Anchors where the token ranges are (they lag behind a copied item's range): spans come out the same.
    const def = lagging(definition.range.start, definition.definitionLineShift);
    const { text, spans } = render(tokens, { def, call: callAnchor });
    return { text, spans, ruleRange: relative(matched.rule.range, def) };
  } catch (error) {
    if (error instanceof TranscriptionError) return null;
    throw error;
  }
}

/** The items of an expansion's text at positions relative to its start; cached by the text. */
function parsedItems(parser: Parser, text: string): Item[] | undefined {
  const cached = parseCache.get(text);
  if (cached) return cached;
  expansionStats.parses++;
  const tree = parseWithBudget(parser, text);
  if (!tree) return undefined;
  try {
    const items = extractFileSyntax(tree.rootNode, text).module.items;
    remember(parseCache, text, items);
    return items;
  } finally {
    tree.delete();
  }
}

function builderFor(crate: CrateModel, builders: Map<string, FileBuilder>, file: string): FileBuilder | undefined {
  let builder = builders.get(file);
  if (builder) return builder;
  const parsed = crate.files.get(file);
  if (!parsed) return undefined;
  // A second pass continues after the blocks of the first.
  const earlier = crate.expansions?.get(file);
  builder = {
    parsed,
    realLength: earlier?.realLength ?? parsed.text.length,
    parts: [parsed.text],
    length: parsed.text.length,
    nextLine: parsed.lines.positionAt(parsed.text.length).line + 1,
    blocks: [...(earlier?.blocks ?? [])],
  };
  builders.set(file, builder);
  return builder;
}

/** The crate model's view of each expanded file: its text with the expansions after it. */
function finishFiles(crate: CrateModel, builders: Map<string, FileBuilder>): void {
  if (builders.size === 0) return;
  const expansions: ExpansionMap = crate.expansions ?? new Map();
  for (const [file, builder] of builders) {
    if (builder.blocks.length === 0 || builder.parts.length === 1) continue;
    const text = builder.parts.join('');
    const lines = new LineIndex(text);
    crate.files.set(file, { ...builder.parsed, text, lines });
    expansions.set(file, { realLength: builder.realLength, firstLine: builder.blocks[0].line, blocks: builder.blocks, lines });
  }
  crate.expansions = expansions;
}

function lineCount(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

export function externNameOf(crate: CrateModel, dependency: CrateModel): string | undefined {
  for (const [name, model] of crate.dependencies) if (model === dependency) return name;
  return undefined;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  cache.set(key, value);
  if (cache.size > MAX_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
}

/** The files' texts as written (without the expansions appended in the crate model), for word counts. */
export function writtenTexts(crate: CrateModel): { text: string }[] {
  return [...crate.files.values()].map((file) => {
    const realLength = crate.expansions?.get(file.path)?.realLength;
    return { text: realLength === undefined ? file.text : file.text.slice(0, realLength) };
  });
}

/** `position` moved up by `lines`: where a copied item's shared tokens have it (see macros/shift.ts). */
function lagging(position: Position, lines = 0): Position {
  return lines === 0 ? position : { line: position.line - lines, character: position.character };
}
