// Compares what a version function returned with the constant the declared interface gives it
// (`#define PLUGIN_ABI_VERSION 3`), so a wrong ABI version shows at run time. Runs in the parent: the child
// never sees the interface.
import type { DeclaredValue } from '../../../server/src/protocol/loader';
import type { ProbeResult } from './report';

/** Adds `declared` to each probe that ran and has a declared value. */
export function checkDeclared(probes: ProbeResult[], expected: Readonly<Record<string, DeclaredValue>>): void {
  for (const probe of probes) {
    const want = expected[probe.name];
    if (!want || probe.status !== 'ok') continue;
    const got = probe.value;
    const matches = (typeof got === 'number' && Number.isInteger(got)) || typeof got === 'bigint' ? BigInt(got) === BigInt(want.value) : false;
    probe.declared = { constant: want.constant, value: want.value, declaredAt: want.declaredAt, matches };
  }
}
