// The host's side for a plugin that imports functions from its host: which imports get a stub, the stub
// library (built once per signature set, hostStubBuild.ts) and where each child records its calls.
import * as path from 'node:path';
import type { HostImport } from '../../../server/src/protocol/loader';
import { hostStubLibrary } from './hostStubBuild';

export interface HostStubs {
  library: string;
  /** The file the stubs of child `index` (0-based) append their calls to. */
  callsFile: (index: number) => string;
}

/** Builds or finds the stubs; notes what cannot be stubbed. Undefined when nothing is stubbed (then dlopen refuses as before). */
export async function prepareHostStubs(imports: readonly HostImport[], copyDir: string, notes: string[]): Promise<HostStubs | undefined> {
  for (const i of imports) if (i.reason !== undefined) notes.push(`host function ${i.symbol} (${i.declaredAt}) has no stub: ${i.reason}; the library loads only if something else defines it`);
  const stubbed = imports.filter((i) => i.reason === undefined);
  if (stubbed.length === 0) return undefined;
  const build = await hostStubLibrary(stubbed);
  if ('error' in build) {
    notes.push(`the host functions ${stubbed.map((i) => i.symbol).join(', ')} were not stubbed: ${build.error}`);
    return undefined;
  }
  return { library: build.library, callsFile: (index) => path.join(copyDir, `host-calls-${index + 1}.log`) };
}
