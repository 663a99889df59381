import type { CrateModel, Module } from '../crate/crateModel';
import type { ItemCommon } from '../syntax/items';

/**
 * Whether a finding of `ruleId` is silenced: by `// rust-plugin-guard: allow(rule)` above one of the items
 * (or the first line of the file), or by rustc's own `#[allow(lint)]`/`#[expect(lint)]` on an item or module.
 */
export function isSuppressed(
  crate: CrateModel,
  ruleId: string,
  rustcLints: readonly string[],
  scope: { items: readonly ItemCommon[]; module: Module; file: string; commentOnlyItems?: readonly ItemCommon[] },
): boolean {
  const file = crate.files.get(scope.file);
  if (file?.syntax.fileSuppressed.includes(ruleId)) return true;
  if (scope.module.suppressed.has(ruleId)) return true;
  if (scope.items.some((item) => item.suppressed.includes(ruleId))) return true;
  if (scope.commentOnlyItems?.some((item) => item.suppressed.includes(ruleId))) return true;
  const allowed = (lint: string) => scope.module.allowedLints.has(lint) || scope.items.some((item) => item.allowedLints.includes(lint));
  return rustcLints.some(allowed);
}
