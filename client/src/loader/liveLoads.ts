// Loads in progress in this process, so that an interrupted CLI (SIGINT, SIGTERM, SIGHUP), an exiting process
// or a closing editor (deactivate) kills each loader child's process group and removes its copy of the library
// instead of leaving a child spinning and a file in the temp folder.
import { rmSync } from 'node:fs';
import { killGroup } from './processGroup';

export interface LiveLoad {
  /** The child's pid, which is also its process group id. */
  pid: number;
  copyDir: string;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const live = new Set<LiveLoad>();
const handlers = new Map<NodeJS.Signals, () => void>();

function clean(load: LiveLoad): void {
  killGroup(load.pid);
  try {
    rmSync(load.copyDir, { recursive: true, force: true });
  } catch {
    // Nothing more can be done while exiting; the next run removes stale copies.
  }
}

/** Kills every live load's group and removes its copy (synchronous: safe in `exit` handlers). */
export function stopAllLoads(): void {
  for (const load of live) clean(load);
  live.clear();
  uninstall();
}

const onExit = () => stopAllLoads();

function install(): void {
  process.on('exit', onExit);
  for (const signal of SIGNALS) {
    const handler = () => {
      stopAllLoads();
      // Ours was the only listener: die of the signal as the process would have without it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
}

function uninstall(): void {
  process.removeListener('exit', onExit);
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  handlers.clear();
}

/** Registers a running load; the returned function unregisters it (the caller cleans up itself). */
export function trackLoad(load: LiveLoad): () => void {
  if (live.size === 0) install();
  live.add(load);
  return () => {
    live.delete(load);
    if (live.size === 0) uninstall();
  };
}
