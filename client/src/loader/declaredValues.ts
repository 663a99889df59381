// Compares what a version function returned with the constant the declared interface gives it
// (`#define PLUGIN_ABI_VERSION 3`), so a wrong ABI version shows at run time. Runs in the parent: the child
// never sees the interface.
import type { DeclaredValue } from '../../../server/src/protocol/loader';
import type { ProbeResult } from './report';

/** Adds `declared` to each probe that ran and has a declared value (for a returned struct: of one of its fields). */
export function checkDeclared(probes: ProbeResult[], expected: Readonly<Record<string, DeclaredValue & { field?: string }>>): void {
  for (const probe of probes) {
    const want = Object.hasOwn(expected, probe.name) ? expected[probe.name] : undefined;
    if (!want || probe.status !== 'ok') continue;
    const value = probe.value;
    const inStruct = want.field !== undefined && value !== null && typeof value === 'object';
    const got = inStruct && Object.hasOwn(value, want.field!) ? value[want.field!] : want.field === undefined ? value : undefined;
    if (want.field !== undefined && !inStruct) continue;
    const matches = (typeof got === 'number' && Number.isInteger(got)) || typeof got === 'bigint' ? BigInt(got) === BigInt(want.value) : false;
    probe.declared = { ...(want.field !== undefined ? { field: want.field } : {}), constant: want.constant, value: want.value, declaredAt: want.declaredAt, matches };
  }
}
