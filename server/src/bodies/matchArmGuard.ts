// `match level { WARNING | CRITICAL => …, _ => unreachable!(…) }` on a parameter: the panic runs only when the
// argument is none of the other arms' patterns. A caller in the crate that passes one of them (a constant or a
// literal) cannot reach it (librsvg's `rsvg_g_log`, called with the WARNING and CRITICAL constants only).
import type { Node } from 'web-tree-sitter';
import type { Range } from '../engine/types';
import type { Expr } from './facts';
import { nodeAt, type GuardScope } from './panicGuards';

export interface ArmExclusion {
  /** The parameter matched on. */
  param: number;
  /** The other arms' patterns (last path segment, or the literal): an argument equal to one never panics here. */
  values: string[];
}

export function matchArmExclusion(scope: GuardScope, siteRange: Range): ArmExclusion | undefined {
  const found = nodeAt(scope, siteRange);
  if (!found) return undefined;
  const text = (node: Node) => found.text.slice(node.startIndex, node.endIndex);
  let node: Node | null = found.node;
  while (node && node.type !== 'macro_invocation') node = node.parent;
  const arm = node?.parent;
  if (!arm || arm.type !== 'match_arm' || arm.childForFieldName('value')?.id !== node!.id) return undefined;
  const pattern = arm.childForFieldName('pattern');
  if (!pattern || text(pattern).trim() !== '_') return undefined;
  const match = arm.parent?.parent;
  const value = match?.type === 'match_expression' ? match.childForFieldName('value') : null;
  if (!value || value.type !== 'identifier') return undefined;
  const param = scope.facts.params.findIndex((p) => p.name === text(value));
  if (param < 0) return undefined;
  const values: string[] = [];
  for (const other of arm.parent!.namedChildren) {
    if (!other || other.type !== 'match_arm' || other.id === arm.id) continue;
    const otherPattern = other.childForFieldName('pattern');
    // A guard (`X if …`) or a binding pattern: which values reach `_` cannot be told.
    if (!otherPattern || otherPattern.childForFieldName('condition')) return undefined;
    for (const alternative of text(otherPattern).split('|').map((s) => s.trim())) {
      const normalized = patternValue(alternative);
      if (normalized === undefined) return undefined;
      values.push(normalized);
    }
  }
  return values.length > 0 ? { param, values } : undefined;
}

/** Whether `arg` is one of the values that take another arm. */
export function excludedBy(arg: Expr | undefined, exclusion: ArmExclusion): boolean {
  if (!arg) return false;
  const value = arg.kind === 'literal' ? literalValue(arg.text) : arg.kind === 'path' ? upperConstant(arg.segments[arg.segments.length - 1]) : undefined;
  return value !== undefined && exclusion.values.includes(value);
}

/** `glib::ffi::G_LOG_LEVEL_WARNING` → `G_LOG_LEVEL_WARNING`; `3` → `3`; a lower-case name binds, so it is refused. */
function patternValue(pattern: string): string | undefined {
  if (/^-?\d[\w]*$/.test(pattern) || /^(?:true|false)$/.test(pattern)) return literalValue(pattern);
  const last = /^(?:[A-Za-z_]\w*::)*([A-Za-z_]\w*)$/.exec(pattern)?.[1];
  return last === undefined ? undefined : upperConstant(last);
}

/** Only constant-looking names (`WARNING`, `Level::Warning`'s `Warning`): a lower-case one would be a binding. */
function upperConstant(name: string): string | undefined {
  return /^[A-Z]/.test(name) ? name : undefined;
}

/** An integer or bool literal as a value to compare: `1_000u32` → `1000`. */
export function literalValue(text: string): string {
  return text.replace(/_/g, '').replace(/(?:[iu](?:8|16|32|64|128|size))$/, '');
}
