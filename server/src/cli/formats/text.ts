import type { Finding } from '../../engine/types';
import { LineIndex } from '../../parsing/lineIndex';
import { displayPath } from './displayPath';

/** rustc-style text: headline, `-->` location, the source line with carets, help and related notes. */
export function formatText(findings: readonly Finding[], cwd: string, readText: (file: string) => string | undefined): string {
  const indexes = new Map<string, LineIndex | undefined>();
  const lineOf = (file: string, line: number): string | undefined => {
    if (!indexes.has(file)) {
      const text = readText(file);
      indexes.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return indexes.get(file)?.lineText(line);
  };
  const blocks = findings.map((f) => {
    const lineNumber = String(f.range.start.line + 1);
    const gutter = ' '.repeat(lineNumber.length);
    const out = [`${f.severity}[${f.rule}]: ${f.message}`, `${gutter}--> ${displayPath(f.file, cwd)}:${lineNumber}:${f.range.start.character + 1}`];
    const source = lineOf(f.file, f.range.start.line);
    if (source !== undefined) {
      const end = f.range.end.line === f.range.start.line ? f.range.end.character : source.length;
      const width = Math.max(1, end - f.range.start.character);
      out.push(`${gutter} |`, `${lineNumber} | ${source}`, `${gutter} | ${' '.repeat(f.range.start.character)}${'^'.repeat(width)}`);
    }
    if (f.help) out.push(`${gutter} = help: ${f.help}`);
    for (const r of f.related) out.push(`note: ${r.message}`, `${gutter}--> ${displayPath(r.location.file, cwd)}:${r.location.range.start.line + 1}:${r.location.range.start.character + 1}`);
    if (f.fixes.length > 0) out.push(`${gutter} = fix: ${f.fixes.map((fix) => fix.title).join('; ')}`);
    return out.join('\n');
  });
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const summary = findings.length === 0
    ? 'no problems found'
    : (['error', 'warning', 'information', 'hint'] as const)
        .map((s) => [s, count(s)] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}${n === 1 || s === 'information' ? '' : 's'}`)
        .join(', ');
  return [...blocks, summary].join('\n\n');
}
