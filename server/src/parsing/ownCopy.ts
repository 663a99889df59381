/**
 * A string that shares no memory with `text`. V8 represents long `slice` results as views that keep their whole
 * parent alive, so a cache keyed by a function's text sliced from its file (or holding a tree parsed from it,
 * whose node texts are slices too) would keep every edited version of the whole file in memory.
 */
export function ownCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
