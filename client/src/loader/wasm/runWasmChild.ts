// Runs the wasm child (dist/wasmChild.mjs) on one guest: forks it with a JavaScript heap cap and a cap on
// wasm memory pages, sends the request, collects its messages, and kills it when the time limit passes.
// Never in the extension host's process: a guest that loops or exhausts memory takes only the child down.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CHILD_HEAP_MB, type WasmChildMessage, type WasmRunRequest } from './wasmProtocol';

/** The child's startup (Node, jco's wasm compiled on first use) is not the guest's time, but is bounded too. */
const STARTUP_MS = 30_000;
const STDERR_CAP = 16 * 1024;

export interface WasmChildRun {
  messages: WasmChildMessage[];
  /** The step that was running when the child died (undefined: it finished). */
  openStep?: { label: string; functions: string[] };
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stderr: string;
  pid?: number;
}

export function defaultWasmChildScript(): string {
  const beside = path.join(__dirname, 'wasmChild.mjs');
  return existsSync(beside) ? beside : path.join(__dirname, '..', '..', '..', '..', 'dist', 'wasmChild.mjs');
}

export function runWasmChild(request: WasmRunRequest, timeoutMs: number, script = defaultWasmChildScript(), onStep?: (label: string) => void): Promise<WasmChildRun> {
  if (!existsSync(script)) return Promise.reject(new Error(`${script}: the wasm loader is not built; run npm run build`));
  const child = fork(script, [], {
    // In the editor execPath is Electron: ELECTRON_RUN_AS_NODE makes it plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    execArgv: [`--max-old-space-size=${CHILD_HEAP_MB}`, `--wasm-max-mem-pages=${request.memoryPages}`],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const run: WasmChildRun = { messages: [], code: null, signal: null, timedOut: false, stderr: '', pid: child.pid };
  const capture = (chunk: Buffer) => {
    run.stderr = (run.stderr + chunk.toString('utf8')).slice(-STDERR_CAP);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  let timer = setTimeout(() => kill(), STARTUP_MS);
  const kill = () => {
    run.timedOut = true;
    child.kill('SIGKILL');
  };
  let started = false;
  child.on('message', (message: WasmChildMessage) => {
    run.messages.push(message);
    if (message.type === 'step') {
      run.openStep = { label: message.label, functions: message.functions };
      onStep?.(message.label);
      // The guest's budget starts once jco has made and transpiled the component.
      if (!started && message.label === 'instantiate') {
        started = true;
        clearTimeout(timer);
        timer = setTimeout(kill, timeoutMs);
      }
    } else if (message.type === 'done' || message.type === 'refused') run.openStep = undefined;
  });
  return new Promise((resolve) => {
    child.on('error', (error) => capture(Buffer.from(`${error.message}\n`)));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      run.code = code;
      run.signal = signal;
      resolve(run);
    });
    child.send(request);
  });
}
