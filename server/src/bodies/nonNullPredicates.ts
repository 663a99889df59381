import type { CrateModel } from '../crate/crateModel';
import { splitTopLevel } from '../syntax/attributes';
import { factsOf, resolveCall, type CrateFunction } from './callGraph';
import type { Expr } from './facts';

/**
 * Whether `condition` (a check a returning macro made before the site) can hold only for a non-NULL `pointer`:
 * the same `!p.is_null()`, or a call of a crate predicate whose every returned value requires its argument to
 * be non-NULL — `!obj.is_null() && ..`, or GObject's type check `glib::types::instance_of::<T>(obj)` /
 * `g_type_check_instance_is_a(obj, ..)`, which return false for NULL (GLib checks the instance pointer first).
 * librsvg's `rsvg_return_if_fail! { f; is_gfile(raw_gfile), }` before `assert!(!raw_gfile.is_null())`.
 */
export function impliesNonNull(crate: CrateModel, caller: CrateFunction, condition: string, pointer: string): boolean {
  const text = condition.replace(/\s+/g, '');
  if (text === `!${pointer}.is_null()`) return true;
  const call = /^((?:[A-Za-z_]\w*::)*[A-Za-z_]\w*)\((.*)\)$/.exec(text);
  if (!call) return false;
  const args = splitTopLevel(call[2]);
  const position = args.findIndex((a) => stripCasts(a) === pointer);
  if (position < 0) return false;
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const expr: Expr = { kind: 'call', callee: call[1].split('::'), turbofish: undefined, args: [], range, calleeRange: range, text: condition };
  const predicate = resolveCall(crate, caller, expr);
  if (!predicate) return false;
  const facts = factsOf(crate, predicate);
  const param = facts.params[position]?.name;
  if (param === undefined || facts.hasErrors || facts.returns.length === 0) return false;
  return facts.returns.every((r) => !r.inClosure && requiresNonNull(r.value.text, param));
}

/** `unsafe { instance_of::<gio::File>(obj as *const _) }`, `!obj.is_null() && ..`. */
function requiresNonNull(valueText: string, param: string): boolean {
  let text = valueText.replace(/\s+/g, ' ').trim();
  for (let unwrapped = /^(?:unsafe\s*)?\{(.*)\}$/.exec(text); unwrapped; unwrapped = /^(?:unsafe\s*)?\{(.*)\}$/.exec(text)) text = unwrapped[1].trim();
  const conjuncts = text.split(/\s*&&\s*/);
  if (text.includes('||')) return false;
  return conjuncts.some((part) => {
    const compact = part.replace(/\s+/g, '');
    if (compact === `!${param}.is_null()`) return true;
    const check = /^(?:(?:glib::)?(?:types::)?instance_of::<[^>]+>|(?:[A-Za-z_]\w*::)*g_type_check_instance_is_a)\((.*)\)$/.exec(compact);
    if (!check) return false;
    const [instance] = splitTopLevel(check[1]);
    // `from_glib(g_type_check_instance_is_a(..))` reads the gboolean; the bare call is enough here.
    return instance !== undefined && stripCasts(instance) === param;
  });
}

function stripCasts(text: string): string {
  return text.replace(/\s+/g, '').replace(/(?:as\*(?:const|mut)[\w:<>_]*)+$/, '').replace(/^\((.*)\)$/, '$1');
}
