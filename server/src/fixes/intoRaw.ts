import { crateFunctions, type CrateFunction } from '../bodies';
import { functionTextAfter } from '../bodies/functionText';
import type { CrateModel } from '../crate/crateModel';
import type { Fix, Range } from '../engine/types';
import { destructorName, generateFreeFix } from './generateFree';

/**
 * `dangling-pointer` on a `CString`: replace `.as_ptr()` by `.into_raw()` so the string outlives the call, and
 * (when no function of the crate reclaims a `CString` yet) add the exported destructor the host must then call,
 * built by the same generator as `leaked-ownership`'s "Generate `*_free`". Undefined when the local is still
 * used after the pointer is taken (`into_raw` moves it).
 */
export function intoRawFix(crate: CrateModel, fn: CrateFunction, asPtrName: Range, local: string | undefined, exported: CrateFunction, cstringReclaimed: boolean): Fix | undefined {
  const lines = crate.files.get(fn.file)?.lines;
  if (!lines) return undefined;
  if (local) {
    const after = functionTextAfter(crate, fn, asPtrName.end);
    if (new RegExp(`\\b${local}\\b`).test(after)) return undefined;
  }
  const edits = [{ file: fn.file, range: asPtrName, newText: 'into_raw' }];
  const name = destructorName(exported.fn.name);
  const exportedLines = crate.files.get(exported.file)?.lines;
  const taken = crateFunctions(crate).some((f) => f.fn.name === name);
  const free = !cstringReclaimed && !taken && exportedLines ? generateFreeFix(exported.fn, 'cstring', undefined, name, crate.edition, exported.file, exportedLines) : undefined;
  if (free) edits.push(...free.edits);
  return {
    title: free ? `Hand ownership out with \`into_raw\` and generate \`${name}\`` : 'Hand ownership out with `into_raw`',
    isPreferred: true,
    edits,
  };
}
