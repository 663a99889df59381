import type { CrateModel } from '../crate/crateModel';
import type { Finding, Severity } from '../engine/types';

/** A rule is a pure function from a crate model to findings; suppression and settings are applied by the engine. */
export interface RuleContext {
  /** The user set a severity for this rule (so a rule that is off by default in some editions runs). */
  explicitlyEnabled: boolean;
}

export interface Rule {
  id: string;
  defaultSeverity: Severity;
  /** One line for settings UIs and `docs/rules.md`. */
  summary: string;
  /**
   * The rule reports something missing from the whole crate (an export, a reclaim), so it cannot run while a
   * file of the crate went unread (parse timed out, items unreadable): what it misses may be in that file.
   */
  needsWholeCrate?: boolean;
  check(crate: CrateModel, context: RuleContext): Finding[];
}
