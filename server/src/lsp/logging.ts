// What the "Rust Plugin Guard" output channel shows (window/logMessage): the server's version, the crates found,
// one short line per analysis, and errors with their cause. LSP traffic is `rustPluginGuard.trace.server`'s job.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import type { CrateInfo } from '../crate/crateModel';
import type { Finding } from '../engine/types';

declare const PACKAGE_VERSION: string | undefined;
/** The extension's version, set by the bundler (scripts/build.mjs). */
export const SERVER_VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev';

export interface Logger {
  info(message: string): void;
  /** `what` failed because of `error`: one line with the error's message, its causes and where it was thrown. */
  error(what: string, error?: unknown): void;
}

export function connectionLogger(connection: Connection): Logger {
  return {
    info: (message) => connection.console.info(message),
    error: (what, error) => connection.console.error(error === undefined ? what : `${what}: ${describeError(error)}`),
  };
}

/** `TypeError: x is undefined (at rules/foo.ts:12:3); caused by: …` — never a whole stack trace. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 4; depth++) {
    if (current instanceof Error) {
      const frame = /^\s+at (?:.*?\()?(.+?)\)?$/m.exec(current.stack ?? '')?.[1];
      parts.push(`${current.name}: ${current.message}${frame ? ` (at ${shortFrame(frame)})` : ''}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.join('; caused by: ');
}

/** A stack frame's file without the folders before the source tree (`server/src/…`) or the bundle. */
function shortFrame(frame: string): string {
  const inSource = /(?:server|client)[\\/]src[\\/].*$/.exec(frame)?.[0];
  return inSource ?? path.basename(frame);
}

/** `greeter-plugin (cdylib)`, or with where it is `greeter-plugin (cdylib, plugin/)`: by package name and kind of target. */
export function crateLabel(crate: Pick<CrateInfo, 'name' | 'manifest' | 'crateTypes' | 'rootFile'>, where?: string): string {
  const name = crate.manifest?.packageName ?? crate.name;
  const kind = crate.crateTypes.includes('bin') ? 'bin' : crate.manifest ? (crate.crateTypes.join(', ') || 'lib') : 'file';
  const place = where === undefined ? '' : `, ${where === '' ? '.' : where}${crate.manifest ? '/' : ''}`;
  return `${name} (${kind}${place})`;
}

/** `checked greeter-plugin (cdylib), 3 files, in 14 ms: 2 errors, 1 warning`. */
export function analysisLine(crate: Pick<CrateInfo, 'name' | 'manifest' | 'crateTypes' | 'rootFile'>, files: number, ms: number, findings: readonly Finding[]): string {
  return `checked ${crateLabel(crate)}, ${files} file${files === 1 ? '' : 's'}, in ${Math.round(ms)} ms: ${findingCounts(findings)}`;
}

/** `2 errors, 1 warning` or `no findings`. */
export function findingCounts(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const order = ['error', 'warning', 'information', 'hint'];
  const parts = order.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s === 'information' ? 'info' : s}${counts.get(s) === 1 || s === 'information' ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}
