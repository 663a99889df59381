import { missingReprC } from './missingReprC';
import type { Rule } from './rule';

/** Every rule the engine runs, in the order their findings are listed. */
export const RULES: readonly Rule[] = [missingReprC];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
