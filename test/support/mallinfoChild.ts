import { spawnSync } from 'node:child_process';

const KOFFI = require.resolve('koffi');

export interface ChildRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `body` in a child node process (plugin code never runs in the test process) with `lib` (the library,
 * loaded by koffi) and `inUse()` (glibc mallinfo2: bytes the allocator has handed out) in scope.
 */
export function runMallinfoChild(library: string, body: string, timeoutMs: number): ChildRun {
  const script = `
const koffi = require(${JSON.stringify(KOFFI)});
const lib = koffi.load(${JSON.stringify(library)});
const libc = koffi.load('libc.so.6');
const fields = ['arena','ordblks','smblks','hblks','hblkhd','usmblks','fsmblks','uordblks','fordblks','keepcost'];
const Mallinfo2 = koffi.struct('mallinfo2', Object.fromEntries(fields.map((f) => [f, 'size_t'])));
const mallinfo2 = libc.func('mallinfo2', Mallinfo2, []);
const inUse = () => { const m = mallinfo2(); return Number(m.uordblks) + Number(m.hblkhd); };
${body}
`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
