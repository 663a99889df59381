import type { InputNote } from '../../engine/inputNotes';
import type { Finding, Location } from '../../engine/types';
import { displayPath } from './displayPath';
import { RustcLines } from './rustcLines';

/**
 * rustc-style text: headline, `-->` location, the source line with carets, help and related notes. Lines and
 * columns are numbered as rustc numbers them (see RustcLines), so they match cargo's output for the same code.
 */
export function formatText(findings: readonly Finding[], cwd: string, readText: (file: string) => string | undefined, notes: readonly InputNote[] = []): string {
  const numbering = new Map<string, RustcLines | undefined>();
  const linesOf = (file: string): RustcLines | undefined => {
    if (!numbering.has(file)) {
      const text = readText(file);
      numbering.set(file, text === undefined ? undefined : new RustcLines(text));
    }
    return numbering.get(file);
  };
  /** `file:line:col`; without the file's text, the engine's 0-based position plus one. */
  const where = (location: Location) => {
    const at = linesOf(location.file)?.locate(location.range.start) ?? { line: location.range.start.line + 1, column: location.range.start.character + 1 };
    return `${displayPath(location.file, cwd)}:${at.line}:${at.column}`;
  };
  const blocks = findings.map((f) => {
    const lines = linesOf(f.file);
    const start = lines?.locate(f.range.start) ?? { line: f.range.start.line + 1, column: f.range.start.character + 1 };
    const lineNumber = String(start.line);
    const gutter = ' '.repeat(lineNumber.length);
    const out = [`${f.severity}[${f.rule}]: ${f.message}`, `${gutter}--> ${where(f)}`];
    const source = lines?.lineText(start.line);
    if (lines && source !== undefined) {
      const end = lines.locate(f.range.end);
      const width = Math.max(1, (end.line === start.line ? end.column : [...source].length + 1) - start.column);
      out.push(`${gutter} |`, `${lineNumber} | ${source}`, `${gutter} | ${' '.repeat(start.column - 1)}${'^'.repeat(width)}`);
    }
    if (f.help) out.push(`${gutter} = help: ${f.help}`);
    for (const r of f.related) out.push(`note: ${r.message}`, `${gutter}--> ${where(r.location)}`);
    if (f.fixes.length > 0) out.push(`${gutter} = fix: ${f.fixes.map((fix) => fix.title).join('; ')}`);
    return out.join('\n');
  });
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const unparsed = new Set(notes.filter((n) => n.kind === 'syntax-error').map((n) => n.file)).size;
  const summary = findings.length === 0
    ? unparsed > 0 ? `no problems found in the code that parsed (${unparsed} file${unparsed === 1 ? ' has' : 's have'} syntax errors)` : 'no problems found'
    : (['error', 'warning', 'information', 'hint'] as const)
        .map((s) => [s, count(s)] as const)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}${n === 1 || s === 'information' ? '' : 's'}`)
        .join(', ');
  // One line each, after the findings and before the summary.
  const noteLines = notes.map((n) => noteLine(n, cwd, linesOf(n.file)));
  return [...blocks, ...(noteLines.length > 0 ? [noteLines.join('\n')] : []), summary].join('\n\n');
}

/**
 * `warning: src/lib.rs:3:14: syntax error …`, `note: \`p\` was compared with no declared interface …`. With the
 * file's `lines`, the position is rustc's numbering; without, the engine's plus one.
 */
export function noteLine(note: InputNote, cwd: string, lines?: RustcLines): string {
  if (note.kind === 'syntax-error') {
    const position = note.position ?? { line: 0, character: 0 };
    const at = lines?.locate(position) ?? { line: position.line + 1, column: position.character + 1 };
    return `warning: ${displayPath(note.file, cwd)}:${at.line}:${at.column}: ${note.message}`;
  }
  return note.kind === 'interface-error' ? `warning: ${note.message}` : `note: ${note.message}`;
}
