// Runs the loader child for one library: forks it detached (its own process group), feeds it the plan, checks
// what it says (childMessages.ts), enforces the timeouts, and after its exit waits only a short grace period
// for the pipes (a process the plugin started may hold them open), then counts and kills what is left of
// its process group.
import { spawn } from 'node:child_process';
import type { Duplex } from 'node:stream';
import type { ChildPlan } from '../../../server/src/protocol/loader';
import { encodeFrame, FrameReader } from './channel';
import { ChildMessageCheck } from './childMessages';
import { PARENT_PID_ENV, type ParentMessage, type StepInfo } from './childProtocol';
import { HOST_CALLS_ENV } from './hostStubSource';
import { trackLoad } from './liveLoads';
import { groupMembers, HAS_PROCESS_GROUPS, killGroup } from './processGroup';
import type { LeakResult, ProbeResult } from './report';
import { mark } from './phaseTimes';

/** How long the child may take to start (Node, koffi) before it counts as hung, on a busy machine. */
export const STARTUP_TIMEOUT_MS = 30_000;
const OUTPUT_CAP = 64 * 1024;
/** After the child's exit, how long its pipes may stay open (the last stderr chunk) before we stop waiting. */
const PIPE_GRACE_MS = 250;

export interface ChildOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The child reported the end of the plan and exited 0. */
  done: boolean;
  openStep: StepInfo | undefined;
  /** Why a message of the child was rejected; the child was killed. */
  protocolError?: string;
}

export interface ChildRun {
  outcome: ChildOutcome;
  stderr: string;
  pid: number | undefined;
  loadError?: string;
  loadMs?: number;
  missing: string[];
  probes: ProbeResult[];
  leaks: LeakResult[];
  /** Processes of the child's group still running after it exited (killed since). */
  leftRunning: number[];
}

export interface StartOptions {
  script: string;
  /** The load's temporary folder: the child's working folder (the copy of the library goes there). */
  copyDir: string;
  /** The file the host stubs of this child append their calls to (RUST_PLUGIN_GUARD_HOST_CALLS). */
  callsFile?: string;
}

export interface RunOptions {
  /** The temporary copy of the library. */
  library: string;
  plan: ChildPlan;
  timeoutMs: number;
  onStep?: (step: StepInfo) => void;
  /** The library of host stubs to load globally before the plugin and the imports it stands for. */
  hostStubs?: { library?: string; symbols: string[] };
}

export interface ChildOptions extends StartOptions, Omit<RunOptions, 'hostStubs'> {
  hostStubs?: RunOptions['hostStubs'] & { callsFile: string };
}

export class ChildStartError extends Error {}

/**
 * A loader child that was started before its plan was known: Node and koffi start (and the child says `ready`)
 * while the parent still analyses the crate. It loads nothing until `run` sends the library and the plan.
 */
export interface StartedChild {
  readonly pid: number | undefined;
  /** It exited (or never started) before `run`: a fresh child should take its place. */
  readonly exited: boolean;
  /** Sends the plan (once the child is ready) and resolves when the child has exited and its group is cleaned up. */
  run(options: RunOptions): Promise<ChildRun>;
  /** Kills the child and its group when `run` was never called (the load stopped before it). */
  stop(): void;
}

export function runChild(options: ChildOptions): Promise<ChildRun> {
  const { hostStubs } = options;
  return startChild({ ...options, callsFile: hostStubs?.callsFile }).run({ ...options, hostStubs: hostStubs && { library: hostStubs.library, symbols: hostStubs.symbols } });
}

export function startChild(options: StartOptions): StartedChild {
  // In the editor, execPath is Electron: ELECTRON_RUN_AS_NODE makes it plain Node. No inherited --inspect flags.
  const child = spawn(process.execPath, [options.script], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', [PARENT_PID_ENV]: String(process.pid), ...(options.callsFile ? { [HOST_CALLS_ENV]: options.callsFile } : {}) },
    // fd 3: the message channel (channel.ts).
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    // In the load's own temporary folder: a file a probe writes there (a path it was given) goes with it.
    cwd: options.copyDir,
    // Its own process group: what the plugin starts can be found and killed with it.
    detached: HAS_PROCESS_GROUPS,
  });
  const pid = child.pid;
  const untrack = pid !== undefined ? trackLoad({ pid, copyDir: options.copyDir }) : () => undefined;
  const run: ChildRun = { outcome: { code: null, signal: null, timedOut: false, done: false, openStep: undefined }, stderr: '', pid, missing: [], probes: [], leaks: [], leftRunning: [] };
  const capture = (chunk: Buffer) => {
    run.stderr = (run.stderr + chunk.toString('utf8')).slice(-OUTPUT_CAP);
  };
  child.stderr?.on('data', capture);
  child.stdout?.on('data', capture);
  const killAll = () => (pid !== undefined && HAS_PROCESS_GROUPS ? killGroup(pid) : child.kill('SIGKILL'));
  const timeout = () => {
    run.outcome.timedOut = true;
    killAll();
  };
  // Node and koffi starting up are not the plugin's time: its budget starts when the plan is sent.
  let timer = setTimeout(timeout, STARTUP_TIMEOUT_MS);
  const channel = child.stdio[3] as Duplex;
  channel.on('error', () => undefined); // a closed channel shows as the child's exit
  const post = (message: ParentMessage) => {
    if (!channel.destroyed && channel.writable) channel.write(encodeFrame(message));
  };

  /** Set by `run`: the plan, and the check of the child's messages against it. */
  let running: { options: RunOptions; check: ChildMessageCheck } | undefined;
  /** Messages that came before `run` (only `ready` is sent then), checked once the plan is known. */
  const early: unknown[] = [];
  let startedEarly = false;
  let ready = false;
  const sendPlan = (o: RunOptions) => {
    clearTimeout(timer);
    timer = setTimeout(timeout, o.timeoutMs);
    post({ type: 'run', library: o.library, plan: o.plan, ...(o.hostStubs ? { hostStubs: o.hostStubs.library, hostSymbols: o.hostStubs.symbols } : {}) });
  };
  // A message that does not fit the plan: the child (and whatever it started) is killed; the crash names the step.
  const refuse = (why: string) => {
    run.outcome.protocolError = why;
    clearTimeout(timer);
    killAll();
  };
  const accept = (message: unknown) => {
    if (!running) {
      // Before the plan nothing of the plugin runs in the child: its own `ready`, said once, is all that comes.
      if (early.length > 0) return refuse('a second message before the plan');
      early.push(message);
      startedEarly = true;
      mark('child ready');
      clearTimeout(timer); // started: it may wait for its plan as long as the analysis takes
      return;
    }
    running.check.accept(message);
    if (!ready) {
      // The first accepted message is `ready`: send the plan and start the plugin's clock.
      if (!startedEarly) mark('child ready');
      ready = true;
      mark('plan sent');
      sendPlan(running.options);
    }
  };
  const frames = new FrameReader();
  channel.on('data', (chunk: Buffer) => {
    if (run.outcome.protocolError !== undefined) return;
    try {
      for (const message of frames.push(chunk)) accept(message);
    } catch (error) {
      refuse(error instanceof Error ? error.message : String(error));
    }
  });

  let ended = false;
  let settle: { resolve: (run: ChildRun) => void; reject: (error: Error) => void } | undefined;
  let result: { run: ChildRun } | { error: Error } | undefined;
  const end = (outcome: { run: ChildRun } | { error: Error }) => {
    result = outcome;
    if (!settle) return;
    if ('run' in outcome) settle.resolve(outcome.run);
    else settle.reject(outcome.error);
  };
  child.on('error', (error) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    killAll();
    untrack();
    end({ error: new ChildStartError(`could not start the loader process: ${error.message}`) });
  });
  child.on('exit', (code, signal) => {
    mark('child exit');
    clearTimeout(timer);
    run.outcome.code = code;
    run.outcome.signal = signal;
    if (code !== 0) run.outcome.done = false;
    // 'exit' can come before the last stderr chunk; a process the plugin started may hold the pipes open for
    // ever: wait for them to close, but not longer than the grace period.
    const pipes = [child.stdout, child.stderr].filter((s) => s && !s.readableEnded && !s.destroyed);
    let waiting = pipes.length;
    const grace = setTimeout(finish, PIPE_GRACE_MS);
    for (const s of pipes) s!.once('close', () => --waiting === 0 && finish());
    if (waiting === 0) finish();
    function finish(): void {
      if (ended) return;
      ended = true;
      clearTimeout(grace);
      if (pid !== undefined) {
        run.leftRunning = groupMembers(pid, [pid]);
        killAll();
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
      channel.destroy();
      untrack();
      end({ run });
    }
  });

  return {
    pid,
    get exited() {
      return result !== undefined;
    },
    run(options: RunOptions): Promise<ChildRun> {
      if (running) return Promise.reject(new Error('a loader child runs one plan'));
      const check = new ChildMessageCheck(options.plan, {
        step: (step, token) => {
          run.outcome.openStep = step;
          options.onStep?.(step);
          post({ type: 'ack', id: step.id, token });
        },
        loaded: (ms) => (run.loadMs = ms),
        loadError: (message) => (run.loadError = message),
        missing: (symbols) => (run.missing = symbols),
        probe: (probe) => run.probes.push(probe),
        leak: (leak) => run.leaks.push(leak),
        done: () => {
          run.outcome.done = true;
          run.outcome.openStep = undefined;
        },
      });
      running = { options, check };
      const promise = new Promise<ChildRun>((resolve, reject) => (settle = { resolve, reject }));
      if (result) {
        end(result); // it died (or never started) before its plan
      } else if (run.outcome.protocolError === undefined) {
        try {
          for (const message of early.splice(0)) accept(message);
        } catch (error) {
          refuse(error instanceof Error ? error.message : String(error));
        }
      }
      return promise;
    },
    stop(): void {
      if (running || ended) return;
      clearTimeout(timer);
      killAll();
    },
  };
}
