// Messages between the parent (runLoad.ts) and the child (child.ts), sent with `serialization: 'advanced'`.
import type { ChildPlan } from '../../../server/src/protocol/loader';
import type { LeakResult, ProbeResult } from './report';

export type ParentMessage =
  /** The only input the child gets: the library path (a temporary copy) and the probe list. */
  | { type: 'run'; library: string; plan: ChildPlan }
  /** The parent has recorded step `id`: the child may now make the native call. */
  | { type: 'ack'; id: number };

export interface StepInfo {
  id: number;
  /** `load`, `symbols`, `call plugin_name`, `free plugin_string_free`, `leak config_new/config_free`, `unload`. */
  label: string;
  /** Plugin functions the step calls (empty for `load`, `symbols`, `unload`). */
  functions: string[];
}

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'step-start'; step: StepInfo }
  | { type: 'loaded'; ms: number }
  | { type: 'load-error'; message: string }
  | { type: 'missing'; symbols: string[] }
  | { type: 'probe'; result: ProbeResult }
  | { type: 'leak'; result: LeakResult }
  | { type: 'done' };

export function isParentMessage(value: unknown): value is ParentMessage {
  return typeof value === 'object' && value !== null && ((value as { type?: unknown }).type === 'run' || (value as { type?: unknown }).type === 'ack');
}
