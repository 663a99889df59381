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
      return matchRepetition(element, tokens, at, bindings, budget, rest);
  }
}

/**
 * Greedy, without recursion per iteration (a `$($t:tt)*` over thousands of tokens must not grow the stack):
 * as many iterations as match, then what follows the repetition is tried after each count, most first.
 */
function matchRepetition(
  element: Extract<MatcherElement, { kind: 'repetition' }>,
  tokens: readonly TokenTree[],
  at: number,
  outer: Map<string, Match>,
  budget: { steps: number },
  rest: Continuation,
): Map<string, Match> | undefined {
  const ends = [at];
  const iterations: Map<string, Match>[] = [];
  for (let end = at; element.op !== '?' || iterations.length === 0; ) {
    if (budget.steps > STEP_BUDGET) return undefined;
    let start = end;
    if (iterations.length > 0 && element.separator !== undefined) {
      const separator = tokens[end];
      if (!separator || separator.kind === 'group' || separator.text !== element.separator) break;
      start = end + 1;
    }
    let reached = -1;
    const bound = matchSequence(element.body, 0, tokens, start, new Map(), budget, (innerEnd, b) => {
      if (innerEnd === end) return undefined; // no progress: an empty iteration would repeat forever
      reached = innerEnd;
      return b;
    });
    if (!bound) break;
    iterations.push(bound);
    ends.push(reached);
    end = reached;
  }
  const names = bindingNames(element.body);
  const minimum = element.op === '+' ? 1 : 0;
  for (let count = iterations.length; count >= minimum; count--) {
    const bound = new Map(outer);
    for (const name of names) bound.set(name, { kind: 'many', items: iterations.slice(0, count).map((b) => b.get(name) ?? { kind: 'many', items: [] }) });
    const result = rest(ends[count], bound);
    if (result) return result;
  }
  return undefined;
}

function bindingNames(elements: readonly MatcherElement[]): string[] {
  return elements.flatMap((e) => (e.kind === 'binding' ? [e.name] : e.kind === 'group' || e.kind === 'repetition' ? bindingNames(e.body) : []));
}
