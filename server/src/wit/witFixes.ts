// Quick fixes of `.wit` findings, made where check.ts reports them: the name meant for an unknown type, the
// import to drop when a world exports the interface it imports. Edits are ranges of the checked file.
import type { Fix } from '../engine/types';
import type { Extern, Span } from './ast';
import { PRIMITIVES } from './parseTypes';
import type { Reporter } from './report';

/** Names at most this many edits away are offered (a typo, not another word). */
const MAX_DISTANCE = 2;
const MAX_SUGGESTIONS = 3;

/** "Change to `point`" for each visible type name (or primitive) close to the unknown one, closest first. */
export function unknownTypeFixes(reporter: Reporter, span: Span, unknown: string, visible: Iterable<string>): Fix[] {
  const candidates = new Map<string, number>();
  for (const name of [...visible, ...PRIMITIVES]) {
    if (name === unknown || candidates.has(name)) continue;
    const distance = editDistance(unknown.toLowerCase(), name.toLowerCase());
    if (distance <= Math.min(MAX_DISTANCE, Math.floor(Math.max(unknown.length, name.length) / 2))) candidates.set(name, distance);
  }
  return [...candidates]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_SUGGESTIONS)
    .map(([name], i) => ({ title: `Change to \`${name}\``, isPreferred: i === 0 && candidates.size === 1, edits: [{ file: reporter.doc.file, range: reporter.range(span), newText: name }] }));
}

/** "Remove the import of `x`": the import's whole lines (with its `@since`/`@unstable` gates). */
export function removeImportFix(reporter: Reporter, imported: Extern, name: string): Fix {
  const text = reporter.doc.text;
  let start = imported.gates.reduce((first, gate) => Math.min(first, gate.span.start), imported.span.start);
  let end = imported.span.end;
  // Whole lines when nothing else shares them: the indentation before and the line break after go too.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) start = lineStart;
  const rest = /^[ \t]*(?:\/\/[^\r\n]*)?(\r?\n)?/.exec(text.slice(end))!;
  if (rest[1] !== undefined && start === lineStart) end += rest[0].length;
  return { title: `Remove the import of \`${name}\``, isPreferred: false, edits: [{ file: reporter.doc.file, range: reporter.range({ start, end }), newText: '' }] };
}

/** Edit distance with adjacent transpositions counted as one edit (`u23` → `u32`); names of one package are short. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
