// Messages between the parent (runLoad.ts) and the child (child.ts), sent with `serialization: 'advanced'`.
// The child runs plugin code, which can write to the IPC channel too: the parent checks every message against
// the plan (childMessages.ts), and each ack carries a fresh token that the child's later messages must repeat,
// which code writing to the channel from inside a native call does not know.
import type { ChildPlan } from '../../../server/src/protocol/loader';
import type { LeakResult, ProbeResult, ProbeValue } from './report';

/** A returned struct as the child sends it: its field values in the layout's order (nested structs likewise). */
export type ChildStructValue = (ProbeValue | ChildStructValue)[];

export type ParentMessage =
  /** The only input the child gets: the library path (a temporary copy), the probe list and the host stubs to load first. */
  | { type: 'run'; library: string; plan: ChildPlan; hostStubs?: string; hostSymbols?: string[] }
  /** The parent has recorded step `id`: the child may now make the native call. */
  | { type: 'ack'; id: number; token: string };

export interface StepInfo {
  id: number;
  /** `load`, `symbols`, `call plugin_name`, `free plugin_string_free`, `leak config_new/config_free`, `unload`. */
  label: string;
  /** Plugin functions the step calls (empty for `load`, `symbols`, `unload`). */
  functions: string[];
}

/** A probe result as the child sends it: a C string comes as its bytes (up to the cap), judged by the parent. */
export type ChildProbeResult = Omit<ProbeResult, 'value' | 'declared' | 'arguments'> & { value?: ProbeValue | Uint8Array | ChildStructValue };

/** The child's environment variable holding the parent's pid (parentDeath.ts). */
export const PARENT_PID_ENV = 'RUST_PLUGIN_GUARD_LOADER_PARENT';

/** Bytes of a returned C string the child sends at most. */
/** Rounds of a leak check (leakCheck.ts); the parent accepts no more readings than this. */
export const LEAK_ROUNDS = 5;
export const C_STRING_CAP = 4096;

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'step-start'; step: StepInfo }
  | { type: 'loaded'; ms: number; token: string }
  | { type: 'load-error'; message: string; token: string }
  | { type: 'missing'; symbols: string[]; token: string }
  | { type: 'probe'; result: ChildProbeResult; token: string }
  | { type: 'leak'; result: LeakResult; token: string }
  | { type: 'done'; token: string };

/** What the child sends, before it adds the token of the step it is in. */
export type ChildMessageBody = ChildMessage extends infer M ? (M extends { token: string } ? Omit<M, 'token'> : M) : never;

export function isParentMessage(value: unknown): value is ParentMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as { type?: unknown; id?: unknown; token?: unknown };
  return message.type === 'run' || (message.type === 'ack' && typeof message.id === 'number' && typeof message.token === 'string');
}
