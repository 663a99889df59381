import { splitTopLevel } from '../syntax/attributes';
import type { TargetCfg } from './targetCfg';

/**
 * Evaluates `#[cfg(...)]` predicates for one build: a target's cfg set plus the crate's enabled features.
 * Three-valued: a predicate on something this build does not know (`--cfg` flags from RUSTFLAGS or build.rs,
 * `target_feature`, a malformed predicate) is `undefined`, and callers keep the item (precision first: only a
 * predicate known to be false removes code).
 */
export interface CfgContext {
  target: TargetCfg;
  /** Enabled Cargo features; undefined when they cannot be told (every `feature = ".."` is then unknown). */
  features: ReadonlySet<string> | undefined;
  /** A feature not in `features` is unknown rather than off (`--all-features`: names cargo makes up for optional dependencies). */
  otherFeaturesUnknown?: boolean;
  /** `panic = "abort"` or "unwind" when known. */
  panic?: string;
}

export type CfgResult = boolean | undefined;

/** The value of the predicate inside `cfg(...)`, e.g. `all(unix, not(target_os = "macos"))`. */
export function evaluateCfg(predicate: string, context: CfgContext): CfgResult {
  return evaluate(predicate.trim(), context, 0, undefined);
}

/** More unknown leaves than this and `mayHoldTogether` does not try every combination (it says yes). */
const MAX_UNKNOWN_LEAVES = 10;

/**
 * Whether every predicate can hold in one build, whatever the unknown leaves are: `#[cfg(my_flag)]` and
 * `#[cfg(not(my_flag))]` cannot (so two items under them are alternatives, never both built).
 */
export function mayHoldTogether(predicates: readonly string[], context: CfgContext): boolean {
  const leaves = new Set<string>();
  for (const predicate of predicates) evaluate(predicate.trim(), context, 0, { leaves });
  if (leaves.size > MAX_UNKNOWN_LEAVES) return true;
  const names = [...leaves];
  for (let mask = 0; mask < 1 << names.length; mask++) {
    const values = new Map(names.map((name, i) => [name, (mask & (1 << i)) !== 0]));
    if (predicates.every((predicate) => evaluate(predicate.trim(), context, 0, { leaves, values }) !== false)) return true;
  }
  return false;
}

/** Unknown leaves, by their normalised text: collected, or given a value to try. */
interface Assumption {
  leaves: Set<string>;
  values?: Map<string, boolean>;
}

const MAX_NESTING = 32;

function evaluate(text: string, context: CfgContext, depth: number, assumption: Assumption | undefined): CfgResult {
  if (depth > MAX_NESTING) return undefined;
  const call = /^(all|any|not)\s*\(([\s\S]*)\)$/.exec(text);
  if (call) {
    const args = splitTopLevel(call[2]).map((part) => evaluate(part, context, depth + 1, assumption));
    if (call[1] === 'not') return args.length === 1 ? (args[0] === undefined ? undefined : !args[0]) : undefined;
    if (call[1] === 'all') return args.includes(false) ? false : args.includes(undefined) ? undefined : true;
    return args.includes(true) ? true : args.includes(undefined) ? undefined : false;
  }
  const known = leaf(text, context);
  if (known !== undefined || !assumption) return known;
  const key = text.replace(/\s+/g, '');
  if (!assumption.values) assumption.leaves.add(key);
  return assumption.values?.get(key);
}

function leaf(text: string, context: CfgContext): CfgResult {
  const pair = /^([A-Za-z_]\w*)\s*=\s*"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (pair) return keyValue(pair[1], pair[2], context);
  if (/^[A-Za-z_]\w*$/.test(text)) {
    if (context.target.names.has(text)) return true;
    if (context.target.unsetNames.has(text)) return false;
  }
  return undefined;
}

function keyValue(key: string, value: string, context: CfgContext): CfgResult {
  if (key === 'feature') return context.features?.has(value) ? true : context.features && !context.otherFeaturesUnknown ? false : undefined;
  if (key === 'panic') return context.panic === undefined ? undefined : context.panic === value;
  const values = context.target.values.get(key);
  return values ? values.has(value) : undefined;
}

/** The predicates of an item's `#[cfg(..)]` attributes. */
export function cfgPredicates(attributes: readonly { name: string; args?: string }[]): string[] {
  return attributes.flatMap((a) => (a.name === 'cfg' && a.args !== undefined ? [a.args] : []));
}
