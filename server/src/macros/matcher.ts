import type { MatcherElement, MacroDefinition, MacroRule } from './definition';
import { fragmentEnd } from './fragments';
import type { TokenTree } from './tokens';

/** What a metavariable matched: one fragment, or one binding per repetition. */
export type Match = { kind: 'one'; fragment: string; tokens: TokenTree[] } | { kind: 'many'; items: Match[] };

export type Bindings = ReadonlyMap<string, Match>;

/** Backtracking over repetitions is bounded: a rule that needs more steps than this is treated as not matching. */
const STEP_BUDGET = 20_000;

/** The first rule whose matcher matches the whole input, as rustc picks it, with its bindings. */
export function matchRules(definition: MacroDefinition, input: readonly TokenTree[]): { rule: MacroRule; bindings: Bindings } | undefined {
  for (const rule of definition.rules) {
    const budget = { steps: 0 };
    const bindings = matchSequence(rule.matcher, 0, input, 0, new Map(), budget, (end, b) => (end === input.length ? b : undefined));
    if (bindings) return { rule, bindings };
  }
  return undefined;
}

type Continuation = (end: number, bindings: Map<string, Match>) => Map<string, Match> | undefined;

function matchSequence(
  elements: readonly MatcherElement[],
  index: number,
  tokens: readonly TokenTree[],
  at: number,
  bindings: Map<string, Match>,
  budget: { steps: number },
  next: Continuation,
): Map<string, Match> | undefined {
  if (++budget.steps > STEP_BUDGET) return undefined;
  if (index === elements.length) return next(at, bindings);
  const element = elements[index];
  const rest = (end: number, b: Map<string, Match>) => matchSequence(elements, index + 1, tokens, end, b, budget, next);
  switch (element.kind) {
    case 'token': {
      const token = tokens[at];
      return token && token.kind !== 'group' && token.text === element.text ? rest(at + 1, bindings) : undefined;
    }
    case 'group': {
      const token = tokens[at];
      if (token?.kind !== 'group' || token.delim !== element.delim) return undefined;
      const inner = matchSequence(element.body, 0, token.children, 0, bindings, budget, (end, b) => (end === token.children.length ? b : undefined));
      return inner ? rest(at + 1, inner) : undefined;
    }
    case 'binding': {
      const end = fragmentEnd(element.fragment, tokens, at);
      if (end < 0) return undefined;
      const bound = new Map(bindings);
      bound.set(element.name, { kind: 'one', fragment: element.fragment, tokens: tokens.slice(at, end) });
      return rest(end, bound);
    }
    case 'repetition':
      return matchRepetition(element, tokens, at, [], bindings, budget, rest);
  }
}

/** Greedy: one more iteration first, then stopping here; what follows the repetition decides. */
function matchRepetition(
  element: Extract<MatcherElement, { kind: 'repetition' }>,
  tokens: readonly TokenTree[],
  at: number,
  iterations: Map<string, Match>[],
  outer: Map<string, Match>,
  budget: { steps: number },
  rest: Continuation,
): Map<string, Match> | undefined {
  const canRepeat = element.op !== '?' || iterations.length === 0;
  if (canRepeat) {
    let start = at;
    if (iterations.length > 0 && element.separator !== undefined) {
      const separator = tokens[at];
      start = separator && separator.kind !== 'group' && separator.text === element.separator ? at + 1 : -1;
    }
    if (start >= 0) {
      const more = matchSequence(element.body, 0, tokens, start, new Map(), budget, (end, b) =>
        end === at ? undefined : matchRepetition(element, tokens, end, [...iterations, b], outer, budget, rest),
      );
      if (more) return more;
    }
  }
  if (element.op === '+' && iterations.length === 0) return undefined;
  const bound = new Map(outer);
  for (const name of bindingNames(element.body)) bound.set(name, { kind: 'many', items: iterations.map((b) => b.get(name) ?? { kind: 'many', items: [] }) });
  return rest(at, bound);
}

function bindingNames(elements: readonly MatcherElement[]): string[] {
  return elements.flatMap((e) => (e.kind === 'binding' ? [e.name] : e.kind === 'group' || e.kind === 'repetition' ? bindingNames(e.body) : []));
}
