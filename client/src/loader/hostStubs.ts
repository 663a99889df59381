// The host's side for a plugin that imports functions from its host: which imports get a stub, the stub
// library (built once per signature set, hostStubBuild.ts) and where each child records its calls.
import * as path from 'node:path';
import type { HostImport } from '../../../server/src/protocol/loader';
import { hostStubLibrary } from './hostStubBuild';

export interface HostStubs {
  /** Undefined when no import can be stubbed or the build failed: the child still checks which the process defines. */
  library?: string;
  imports: readonly HostImport[];
  /** Why the stubs were not built (no rustc): noted after the run, for the imports the process does not define. */
  buildError?: string;
  /** The file the stubs of child `index` (0-based) append their calls to. */
  callsFile: (index: number) => string;
}

/** The file the host stubs of child `index` (0-based) of a load append their calls to. */
export function callsFileOf(copyDir: string, index: number): string {
  return path.join(copyDir, `host-calls-${index + 1}.log`);
}

/** Builds or finds the stubs (a failure is kept for the notes; then dlopen refuses as before). Undefined without host imports. */
export async function prepareHostStubs(imports: readonly HostImport[], copyDir: string): Promise<HostStubs | undefined> {
  if (imports.length === 0) return undefined;
  const callsFile = (index: number) => callsFileOf(copyDir, index);
  const stubbed = imports.filter((i) => i.reason === undefined);
  if (stubbed.length === 0) return { imports, callsFile };
  const build = await hostStubLibrary(stubbed);
  if ('error' in build) return { imports, callsFile, buildError: build.error };
  return { library: build.library, imports, callsFile };
}

/** Imports without a stub, unless the process defines them itself (a libc function declared by hand). */
export function unstubbedNotes(stubs: HostStubs, provided: ReadonlySet<string>): string[] {
  const host = stubs.imports.filter((i) => !provided.has(i.symbol));
  const notes = host
    .filter((i) => i.reason !== undefined)
    .map((i) => `host function ${i.symbol} (${i.declaredAt}) has no stub: ${i.reason}; the library loads only if something else defines it`);
  const unbuilt = host.filter((i) => i.reason === undefined);
  if (stubs.buildError && unbuilt.length > 0) notes.push(`the host functions ${unbuilt.map((i) => i.symbol).join(', ')} were not stubbed: ${stubs.buildError}`);
  return notes;
}
