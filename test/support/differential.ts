import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateFfiCrate } from './ffiGenerator';
import { tempDir, testEngine } from './engine';
import { rustcDiagnostics, type RustcSpan } from './rustc';

export interface DifferentialResult {
  seed: number;
  /** Boundary sites (parameter, return, fn-pointer type, static) where rustc or we report something. */
  compared: number;
  agreed: number;
  onlyRustc: string[];
  onlyUs: string[];
  rustcErrors: string[];
}

/**
 * Compiles one generated crate with rustc and compares, site by site, where rustc's `improper_ctypes*`
 * warnings are with where `ffi-unsafe-type` ∪ `missing-repr-c` report.
 */
export async function compareWithRustc(seed: number, options: { macros?: boolean } = {}): Promise<DifferentialResult> {
  const source = generateFfiCrate(seed, 8, options);
  const file = path.join(tempDir('rpg-diff-'), 'lib.rs');
  writeFileSync(file, source);
  const diagnostics = rustcDiagnostics(file, '2021');
  const errors = diagnostics.filter((d) => d.level === 'error').map((d) => d.message);
  const lines = source.split('\n');
  const describe = (line: number, column: number, endColumn: number) => `${line}:${column} \`${lines[line - 1]?.slice(column - 1, endColumn - 1)}\` in: ${lines[line - 1]?.trim()}`;
  const rustc = new Map(
    diagnostics
      .filter((d) => /^improper_ctypes(_definitions)?$/.test(d.code?.code ?? '') && /uses type `.*`, which is not FFI-safe/.test(d.message))
      .map((d) => {
        const w = outermostCallSite(d.spans.find((s) => s.is_primary)!);
        return [`${w.line_start}:${w.column_start}:${w.line_end}:${w.column_end}`, `${describe(w.line_start, w.column_start, w.column_end)} (rustc: ${d.message})`];
      }),
  );
  const engine = await testEngine();
  const { findings } = await engine.analyzeFile(file);
  const ours = new Map(
    findings
      .filter((f) => f.rule === 'ffi-unsafe-type' || f.rule === 'missing-repr-c')
      .map((f) => {
        const { start, end } = f.range;
        return [`${start.line + 1}:${start.character + 1}:${end.line + 1}:${end.character + 1}`, `${describe(start.line + 1, start.character + 1, end.character + 1)} (us: ${f.rule})`];
      }),
  );
  const onlyRustc = [...rustc].filter(([key]) => !ours.has(key)).map(([, text]) => text);
  const onlyUs = [...ours].filter(([key]) => !rustc.has(key)).map(([, text]) => text);
  const all = new Set([...rustc.keys(), ...ours.keys()]);
  return { seed, compared: all.size, agreed: all.size - onlyRustc.length - onlyUs.length, onlyRustc, onlyUs, rustcErrors: errors };
}

/**
 * Where a diagnostic is for the user: the primary span, or, when it lies inside a macro's expansion, the
 * outermost macro call it was expanded from (rustc's JSON gives the chain in `expansion`).
 */
export function outermostCallSite(span: RustcSpan): RustcSpan {
  let site = span;
  while (site.expansion) site = site.expansion.span;
  return site;
}
