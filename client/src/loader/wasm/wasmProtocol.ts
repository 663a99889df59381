// Messages between the parent (runWasmChild.ts) and the wasm loader child (wasmChild.ts), over Node's IPC
// channel with structured-clone serialization (bigint and Uint8Array cross as they are). The guest runs inside
// WebAssembly with only the stubbed imports the child gives it, so it cannot write to this channel.
import type { LeakResult, ProbeResult } from '../report';
import type { SignatureProblem } from './coreSignatures';
import type { WasmKind } from './coreModule';

export interface WasmRunRequest {
  type: 'run';
  /** The `.wasm` file's bytes. */
  bytes: Uint8Array;
  kind: WasmKind;
  /** The WIT file or folder (absolute); absent: the component's own WIT, or the module's embedded one. */
  witPath?: string;
  world?: string;
  /** Folder that `declaredAt` locations are relative to. */
  base: string;
  /** The guest's linear memory may not grow past this many 64 KiB pages. */
  memoryPages: number;
}

export interface HostCallRecord {
  /** `rpg:guest/host@0.1.0#log`. */
  name: string;
  declaredAt: string;
  calls: number;
  arguments: string[][];
}

export type WasmChildMessage =
  | { type: 'step'; label: string; functions: string[] }
  | { type: 'validation'; exports: string[]; missing: SignatureProblem[]; wrong: SignatureProblem[]; unknownImports: SignatureProblem[] }
  | { type: 'refused'; message: string }
  /** What will be called, before any of it runs: a killed child's report still lists every planned call. */
  | { type: 'plan'; probes: { name: string; declaration: string; arguments: string[] }[] }
  | { type: 'loaded'; ms: number; exports: string[]; notes: string[] }
  | { type: 'probe'; probe: ProbeResult }
  | { type: 'leak'; leak: LeakResult }
  | { type: 'host'; calls: HostCallRecord[] }
  | { type: 'note'; note: string }
  | { type: 'done' };

/** Default cap of the guest's linear memory: 256 MiB. */
export const DEFAULT_MEMORY_PAGES = 4096;
/** The child's JavaScript heap cap (MiB): jco's bindings and the reports live there, the guest does not. */
export const CHILD_HEAP_MB = 512;
