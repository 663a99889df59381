import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** One `improper_ctypes*` warning as rustc reports it (1-based lines, 1-based columns of the primary span). */
export interface RustcFfiWarning {
  lint: string;
  /** The file of the primary span, absolute. */
  file: string;
  /** The type named in "uses type `X`". */
  type: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The `= note:` reason, e.g. "this struct has unspecified layout". */
  reasons: string[];
  /** Where "the type is defined here" points, when the type is local. */
  definedAt: { file: string; line: number } | undefined;
}

export interface RustcSpan {
  file_name: string;
  line_start: number;
  line_end: number;
  column_start: number;
  column_end: number;
  is_primary: boolean;
  text?: { text: string }[];
  /** Set when the span is inside a macro expansion: the call it was expanded from. */
  expansion?: { span: RustcSpan; macro_decl_name: string };
}

export interface RustcDiagnostic {
  $message_type?: string;
  message: string;
  code: { code: string } | null;
  level: string;
  spans: RustcSpan[];
  children: RustcDiagnostic[];
}

/** Every diagnostic of `rustc --crate-type cdylib --emit=metadata --error-format=json` on one file. */
export function rustcDiagnostics(file: string, edition: string, options: { codegen?: boolean } = {}): RustcDiagnostic[] {
  const outDir = mkdtempSync(path.join(tmpdir(), 'rpg-rustc-'));
  try {
    const emit = options.codegen ? [] : ['--emit=metadata'];
    const result = spawnSync('rustc', ['--crate-type', 'cdylib', '--edition', edition, ...emit, '--error-format=json', '--out-dir', outDir, file], { encoding: 'utf8' });
    if (result.error) throw new Error(`cannot run rustc (${result.error.message}); install a Rust toolchain`);
    return result.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as RustcDiagnostic)
      .filter((d) => (d.$message_type === undefined || d.$message_type === 'diagnostic') && !/^aborting due to/.test(d.message));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** Runs `rustc --crate-type cdylib --emit=metadata` on one file and returns its FFI-safety warnings. */
export function rustcFfiWarnings(file: string, edition: string): { warnings: RustcFfiWarning[]; errors: string[] } {
  const diagnostics = rustcDiagnostics(file, edition);
  return { warnings: ffiWarningsIn(diagnostics, path.dirname(file)), errors: diagnostics.filter((d) => d.level === 'error').map((d) => d.message) };
}

/** `cargo check` on a workspace (offline, target dir in a temporary folder): its FFI-safety warnings, by absolute file. */
export function cargoFfiWarnings(workspace: string): { warnings: RustcFfiWarning[]; errors: string[] } {
  const targetDir = mkdtempSync(path.join(tmpdir(), 'rpg-cargo-'));
  try {
    const result = spawnSync('cargo', ['check', '--offline', '--workspace', '--message-format=json', '--quiet'], { cwd: workspace, encoding: 'utf8', env: { ...process.env, CARGO_TARGET_DIR: targetDir } });
    if (result.error) throw new Error(`cannot run cargo (${result.error.message}); install a Rust toolchain`);
    const diagnostics = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { reason: string; message?: RustcDiagnostic })
      .flatMap((m) => (m.reason === 'compiler-message' && m.message ? [m.message] : []));
    const warnings = ffiWarningsIn(diagnostics, workspace);
    const errors = diagnostics.filter((d) => d.level === 'error').map((d) => d.message);
    if (result.status !== 0 && errors.length === 0) errors.push(result.stderr.trim() || `cargo check exited with ${result.status}`);
    return { warnings, errors };
  } finally {
    rmSync(targetDir, { recursive: true, force: true });
  }
}

function isFfiWarning(d: RustcDiagnostic): boolean {
  const lint = d.code?.code ?? '';
  return (lint === 'improper_ctypes' || lint === 'improper_ctypes_definitions') && d.spans.some((s) => s.is_primary) && /uses type `(.*)`, which is not FFI-safe/.test(d.message);
}

/** The `improper_ctypes*` warnings among rustc diagnostics; span file names are relative to `baseDir`. */
function ffiWarningsIn(diagnostics: RustcDiagnostic[], baseDir: string): RustcFfiWarning[] {
  return diagnostics.filter(isFfiWarning).map((d) => {
    const primary = d.spans.find((s) => s.is_primary)!;
    const definition = d.children.find((c) => c.message === 'the type is defined here')?.spans[0];
    return {
      lint: d.code?.code ?? '',
      file: path.resolve(baseDir, primary.file_name),
      type: /uses type `(.*)`, which is not FFI-safe/.exec(d.message)![1],
      line: primary.line_start,
      column: primary.column_start,
      endLine: primary.line_end,
      endColumn: primary.column_end,
      reasons: d.children.filter((c) => c.level === 'note' && c.spans.length === 0).map((c) => c.message),
      definedAt: definition ? { file: path.resolve(baseDir, definition.file_name), line: definition.line_start } : undefined,
    };
  });
}

/** rustc's reasons that mean "this crate-local type needs a C representation". */
export function isMissingReprReason(warning: RustcFfiWarning): boolean {
  return warning.definedAt !== undefined && warning.reasons.some((r) => /has unspecified layout|enum has no representation hint/.test(r));
}
