// In the child, first thing: on Linux ask the kernel to SIGKILL this process when its parent dies, so a child
// stuck in a plugin's native loop (where no JS `disconnect` handler can run) does not outlive a killed editor
// or CLI. The parent may have died before the request took effect: then the parent pid differs, and we exit.
import * as koffi from 'koffi';
import { PARENT_PID_ENV } from './childProtocol';

const PR_SET_PDEATHSIG = 1;
const SIGKILL = 9;

export function dieWithParent(): void {
  const parent = Number(process.env[PARENT_PID_ENV]);
  delete process.env[PARENT_PID_ENV];
  if (process.platform !== 'linux' || !Number.isInteger(parent) || parent <= 0) return;
  try {
    const libc = koffi.load('libc.so.6');
    const prctl = libc.func('int prctl(int option, ...)');
    const getppid = libc.func('int getppid(void)');
    prctl(PR_SET_PDEATHSIG, 'unsigned long', SIGKILL);
    if (getppid() !== parent) process.exit(0);
  } catch {
    // musl has no libc.so.6: the parent's own cleanup (signals, exit) still applies.
  }
}
