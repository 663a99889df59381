/**
 * A deep copy of extracted items with every position moved down by `lines` (the text they were read from
 * starts at column 0 of that line) and every `startOffset`/`endOffset` moved by `offset`. Items point at
 * their container (a function at its impl), so shared objects and cycles are copied once.
 * The token trees of macro calls and definitions are shared, not copied (they were nearly all of the copying:
 * 2.7 million ranges on one corpus crate); the item records how far they lag behind (`inputLineShift`,
 * `definitionLineShift`), and expansion reads them relative to the lagging anchor (crateExpansion.ts).
 */
export function shiftedCopy<T>(value: T, lines: number, offset: number): T {
  return copy(value, lines, offset, new Map()) as T;
}

function copy(value: unknown, lines: number, offset: number, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const element of value) out.push(copy(element, lines, offset, seen));
    return out;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && typeof record.line === 'number' && typeof record.character === 'number') {
    const moved = { line: record.line + lines, character: record.character };
    seen.set(value, moved);
    return moved;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  const shared = SHARED_TOKENS[record.kind as string];
  for (const key of keys) {
    const field = record[key];
    if (key === shared?.tokens) out[key] = field;
    else out[key] = (key === 'startOffset' || key === 'endOffset') && typeof field === 'number' ? field + offset : copy(field, lines, offset, seen);
  }
  if (shared) out[shared.lag] = ((record[shared.lag] as number | undefined) ?? 0) + lines;
  return out;
}

/** Item kind → its token field, shared by copies, and the field that says how many lines those tokens lag. */
const SHARED_TOKENS: Record<string, { tokens: string; lag: string } | undefined> = {
  macroCall: { tokens: 'input', lag: 'inputLineShift' },
  macroRules: { tokens: 'definition', lag: 'definitionLineShift' },
};
