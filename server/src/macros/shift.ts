/**
 * A deep copy of extracted items with every position moved down by `lines` (the text they were read from
 * starts at column 0 of that line) and every `startOffset`/`endOffset` moved by `offset`. Items point at
 * their container (a function at its impl), so shared objects and cycles are copied once.
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
  for (const key of keys) {
    const field = record[key];
    out[key] = (key === 'startOffset' || key === 'endOffset') && typeof field === 'number' ? field + offset : copy(field, lines, offset, seen);
  }
  return out;
}
