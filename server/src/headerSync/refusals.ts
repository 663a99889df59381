// Where a generated header would be silently wrong (cbindgen writes these without a word), the header is not
// written: two boundary types one C name would stand for, a `#[repr(C)]` enum value no C `int` holds, one
// symbol exported or declared with conflicting signatures. The checks are the rules that find these; each
// problem is said with the item's place and what to do.
import * as path from 'node:path';
import { boundaryTypes } from '../boundary/boundaryTypes';
import { isForeignAbi } from '../boundary/sites';
import type { CrateModel } from '../crate/crateModel';
import type { Finding } from '../engine/types';
import { rustExports, rustSignature } from '../interface/rustSide';
import { canonical } from '../abi/abiDescription';
import { clashingExternDeclarations } from '../rules/clashingExternDeclarations';
import { cNameCollision } from '../rules/cNameCollision';
import { duplicateExport } from '../rules/duplicateExport';
import { reprCEnumLargerThanInt } from '../rules/reprCEnumLargerThanInt';

const CONTEXT = { explicitlyEnabled: true };

export function refusalsOf(crate: CrateModel): string[] {
  const root = crate.manifest?.dir ?? path.dirname(crate.rootFile);
  const where = (f: Finding) => `${path.relative(root, f.file) || f.file}:${f.range.start.line + 1}`;
  const say = (f: Finding, what: string) => `${where(f)}: ${f.message.replace(/\s+$/, '')} ${what}${f.help ? `; ${f.help}` : ''}`;
  const problems: string[] = [];
  for (const f of cNameCollision.check(crate, CONTEXT)) problems.push(say(f, 'The header would declare one of them only.'));
  const boundaryEnums = new Set([...boundaryTypes(crate)].filter((t) => t.item.kind === 'enum').map((t) => `${t.module.file}:${t.item.nameRange.start.line}`));
  for (const f of reprCEnumLargerThanInt.check(crate, CONTEXT)) {
    const enumAt = f.related[0]?.location;
    if (enumAt && boundaryEnums.has(`${enumAt.file}:${enumAt.range.start.line}`)) problems.push(say(f, 'The header would declare a C enum of the wrong size.'));
  }
  for (const f of duplicateExport.check(crate, CONTEXT)) problems.push(say(f, 'The header would declare one of them only.'));
  for (const f of clashingExternDeclarations.check(crate, CONTEXT)) problems.push(say(f, 'A header cannot declare both.'));
  problems.push(...importsClashingWithExports(crate, root));
  return problems;
}

function abiOf({ params, returnType }: ReturnType<typeof rustSignature>): string {
  return `${canonical(returnType)} (${params.map(canonical).join(', ') || 'void'})`;
}

/** `extern "C" { fn plugin_run(x: i64); }` while the crate exports `plugin_run(x: i32)`: one C name, two signatures. */
function importsClashingWithExports(crate: CrateModel, root: string): string[] {
  const exports = rustExports(crate);
  const problems: string[] = [];
  const context = { records: new Map() };
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'externBlock' || !isForeignAbi(item.abi)) continue;
      for (const fn of item.functions) {
        const symbol = fn.attributes.find((a) => a.name === 'link_name' && a.value !== undefined)?.value ?? fn.name;
        const exported = exports.get(symbol);
        if (!exported || exported.item.kind !== 'function') continue;
        const declared = abiOf(rustSignature(fn, module, context));
        const defined = abiOf(rustSignature(exported.item, exported.module, context));
        if (declared === defined || declared.includes('?') || defined.includes('?')) continue;
        const at = `${path.relative(root, module.file) || module.file}:${fn.nameRange.start.line + 1}`;
        const def = `${path.relative(root, exported.module.file) || exported.module.file}:${exported.item.nameRange.start.line + 1}`;
        problems.push(`${at}: \`${symbol}\` is declared in an \`extern\` block as \`${declared}\` but exported at ${def} as \`${defined}\`: one C symbol cannot have both signatures; declare it with the exported signature (or rename one)`);
      }
    }
  }
  return problems;
}
