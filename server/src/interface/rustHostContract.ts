// Rust hosts that load Rust-ABI symbols on purpose (dlopen2's `WrapperApi` with `fn()` fields, libloading's
// `Symbol<fn()>`, a `&'static str` data symbol): host and plugin agree on Rust's ABI and layout, which holds
// when one compiler builds both. That is the project's contract, not a C boundary, so the rules that warn
// "a C host would misread this" stay silent where only such hosts use a symbol.
import type { CrateModel } from '../crate/crateModel';

/** Some declared interface uses `symbol`, and every one that does is host-side Rust using Rust's ABI for it. */
export function onlyRustHostsUse(crate: CrateModel, symbol: string, kind: 'function' | 'static'): boolean {
  const uses: boolean[] = [];
  for (const declared of crate.interfaces ?? []) {
    if (kind === 'function') {
      for (const fn of declared.functions) if (fn.name === symbol) uses.push(declared.source === 'rust-host' && fn.rustAbi !== undefined);
    } else {
      for (const data of declared.statics ?? []) if (data.name === symbol) uses.push(declared.source === 'rust-host');
    }
  }
  return uses.length > 0 && uses.every(Boolean);
}
