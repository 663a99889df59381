import * as path from 'node:path';
import { crateFunctions, type CrateFunction } from '../bodies';
import { isExport } from '../bodies/ownership';
import { panicSites } from '../bodies/panics';
import type { CrateModel } from '../crate/crateModel';
import { panicAbortProfiles } from '../crate/profile';
import type { Finding } from '../engine/types';
import { wrapInCatchUnwindFix } from '../fixes/catchUnwind';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const PANIC_ACROSS_FFI = 'panic-across-ffi';

/** Related locations listed per finding: enough to see the pattern without flooding the Problems view. */
const MAX_RELATED = 20;

export const panicAcrossFfi: Rule = {
  id: PANIC_ACROSS_FFI,
  defaultSeverity: 'warning',
  summary: 'An exported `extern "C"` function can panic outside `catch_unwind`: the panic aborts the host process.',
  check(crate) {
    const findings: Finding[] = [];
    const abortProfiles = panicAbortProfiles(crate);
    for (const target of crateFunctions(crate).filter(isExport)) {
      if (isSuppressed(crate, PANIC_ACROSS_FFI, [], { items: [target.fn], module: target.module, file: target.file })) continue;
      const sites = panicSites(crate, target);
      if (sites.length === 0) continue;
      // A "-unwind" ABI lets the panic through on purpose; with nothing that can panic there is nothing to say.
      if (target.fn.abi?.endsWith('-unwind')) {
        if (crate.crateTypes.includes('cdylib')) findings.push(unwindExport(target, sites));
        continue;
      }
      findings.push(panicFinding(crate, target, sites, abortProfiles));
    }
    return findings;
  },
};

function panicFinding(crate: CrateModel, target: CrateFunction, sites: ReturnType<typeof panicSites>, abortProfiles: string[]): Finding {
  const { fn, file } = target;
  // Name the first cause so the message reads on its own (e.g. in the CLI): "`.unwrap()` panics on `None`/`Err`, line 6".
  const first = `${sites[0].reason}, ${sites[0].file === file ? '' : `${path.basename(sites[0].file)} `}line ${sites[0].range.start.line + 1}`;
  const count = sites.length === 1 ? first : `${first}, and ${sites.length - 1} more place${sites.length === 2 ? '' : 's'}`;
  const lines = crate.files.get(file)?.lines;
  const fix = abortProfiles.length === 0 && lines ? wrapInCatchUnwindFix(fn, file, lines) : undefined;
  const message =
    abortProfiles.length > 0
      ? `\`${fn.name}\` can panic (${count}); with \`panic = "abort"\` in [profile.${abortProfiles.join('], [profile.')}] a panic aborts the host process that called it.`
      : `\`${fn.name}\` can panic (${count}) and a panic cannot unwind out of an \`extern "${fn.abi}"\` function: since Rust 1.81 it aborts the host process (before, it was undefined behaviour).`;
  return {
    rule: PANIC_ACROSS_FFI,
    severity: 'warning',
    file,
    range: fn.nameRange,
    message,
    help:
      abortProfiles.length > 0
        ? 'return an error value instead of panicking (`?`, `match`, `checked_*`, `get`): `catch_unwind` catches nothing under `panic = "abort"`'
        : 'handle the error without panicking, or wrap the body in `std::panic::catch_unwind` and return an error value to the host',
    related: sites.slice(0, MAX_RELATED).map((site) => ({ location: { file: site.file, range: site.range }, message: site.reason })),
    fixes: fix ? [fix] : [],
  };
}

function unwindExport(target: CrateFunction, sites: ReturnType<typeof panicSites>): Finding {
  const { fn, file } = target;
  const abi = fn.abi ?? 'C-unwind';
  return {
    rule: PANIC_ACROSS_FFI,
    severity: 'information',
    file,
    range: fn.nameRange,
    message: `\`${fn.name}\` can panic (${sites[0].reason}, line ${sites[0].range.start.line + 1}) and is exported as \`extern "${abi}"\`: a panic unwinds into the host, but the plugin's Rust runtime is foreign to the host, which cannot catch the panic (to it, a foreign exception).`,
    help: `use \`extern "${abi.replace(/-unwind$/, '')}"\` and catch panics with \`std::panic::catch_unwind\` inside the plugin`,
    related: sites.slice(0, MAX_RELATED).map((site) => ({ location: { file: site.file, range: site.range }, message: site.reason })),
    fixes: [],
  };
}
