// Reads what the host stubs recorded (hostStubSource.ts) into the report: per function, how often it was
// called and with which arguments. Plugin code can write to the file too, so only well-formed lines of
// stubbed functions count, and only the first MAX_LOG_BYTES are read.
import { closeSync, openSync, readSync } from 'node:fs';
import type { HostImport } from '../../../server/src/protocol/loader';
import { CALLS_RECORDED } from './hostStubSource';
import type { HostFunctionCalls } from './report';

const MAX_LOG_BYTES = 1024 * 1024;

function readCapped(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return ''; // no call was recorded
  }
  try {
    const buffer = Buffer.alloc(MAX_LOG_BYTES);
    const length = readSync(fd, buffer, 0, MAX_LOG_BYTES, 0);
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** One child's log: the call lines, and the counts when the child reached its end (`rpg_stub_flush`). */
function parseLog(text: string, known: ReadonlyMap<string, HostFunctionCalls>) {
  const calls = new Map<string, string[][]>();
  const counts = new Map<string, number>();
  const provided = new Set<string>();
  for (const line of text.split('\n')) {
    const [kind, name, ...rest] = line.split('\t');
    if (name === undefined) continue;
    // Written by the child before the plugin loads: the process itself defines it (a libc function).
    if (kind === 'provided' && rest.length === 0) provided.add(name);
    if (!known.has(name)) continue;
    if (kind === 'call') {
      if (!calls.has(name)) calls.set(name, []);
      calls.get(name)!.push(rest.length === 1 && rest[0] === '' ? [] : rest);
    } else if (kind === 'count' && rest.length === 1 && /^\d+$/.test(rest[0])) {
      counts.set(name, Number(rest[0]));
    }
  }
  return { calls, counts, provided, complete: counts.size > 0 };
}

export interface HostCalls {
  /** Per stubbed import that the process does not define itself: its calls. */
  functions: HostFunctionCalls[];
  /** Imports the loader process already defines (libc's `malloc`, declared by hand): not the host's, never stubbed in effect. */
  provided: Set<string>;
}

/** The calls of every stubbed import over the logs of all the children that ran (in order). */
export function hostCallsOf(imports: readonly HostImport[], logs: readonly string[]): HostCalls {
  const provided = new Set<string>();
  const result = new Map<string, HostFunctionCalls>(imports.filter((i) => i.reason === undefined).map((i) => [i.symbol, { symbol: i.symbol, declaredAt: i.declaredAt, calls: 0, arguments: [] }]));
  for (const log of logs) {
    const { calls, counts, complete, provided: defined } = parseLog(readCapped(log), result);
    for (const name of defined) provided.add(name);
    for (const entry of result.values()) {
      const recorded = calls.get(entry.symbol) ?? [];
      entry.arguments.push(...recorded.slice(0, Math.max(0, CALLS_RECORDED - entry.arguments.length)));
      entry.calls += complete ? Math.max(counts.get(entry.symbol) ?? 0, recorded.length) : recorded.length;
      // Without counts (the child died) calls past the recorded ones were not written.
      if (!complete && recorded.length >= CALLS_RECORDED) entry.atLeast = true;
    }
  }
  return { functions: [...result.values()].filter((f) => !provided.has(f.symbol)), provided };
}
