import type { CrateModel, Module } from '../crate/crateModel';
import type { Finding } from '../engine/types';
import { rustToCType } from '../interface/rustCType';
import type { CType } from '../interface/model';
import type { FunctionItem } from '../syntax/items';
import type { TypeRef } from '../syntax/typeRef';
import { isForeignAbi } from '../boundary/sites';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const CLASHING_EXTERN_DECLARATIONS = 'clashing-extern-declarations';

interface Declaration {
  fn: FunctionItem;
  module: Module;
  symbol: string;
}

/**
 * One foreign function declared twice (in two `extern` blocks of the crate, or in this crate and a local
 * crate it depends on) with signatures that differ in C: both bind the one symbol, so at least one calls it
 * with the wrong arguments. rustc's `clashing_extern_declarations` within a crate, at the later declaration.
 * Types are compared by C meaning (`c_int` = `i32`); a type we cannot judge is never a difference.
 */
export const clashingExternDeclarations: Rule = {
  id: CLASHING_EXTERN_DECLARATIONS,
  defaultSeverity: 'warning',
  summary: 'One foreign function is declared twice with different signatures (in this crate or across the workspace\'s crates).',
  check(crate) {
    const findings: Finding[] = [];
    const first = new Map<string, Declaration>();
    for (const dependency of dependenciesOf(crate)) for (const declaration of declarationsOf(dependency)) if (!first.has(declaration.symbol)) first.set(declaration.symbol, declaration);
    const dependencySymbols = new Set(first.keys());
    for (const declaration of declarationsOf(crate)) {
      const previous = first.get(declaration.symbol);
      if (!previous) {
        first.set(declaration.symbol, declaration);
        continue;
      }
      const difference = signatureDifference(previous, declaration);
      if (!difference) continue;
      const { fn, module } = declaration;
      if (isSuppressed(crate, CLASHING_EXTERN_DECLARATIONS, ['clashing_extern_declarations'], { items: fn.container ? [fn, fn.container] : [fn], module, file: module.file })) continue;
      const where = dependencySymbols.has(declaration.symbol) && previous.module.crate !== crate ? ` in crate \`${previous.module.crate.name}\`` : '';
      findings.push({
        rule: CLASHING_EXTERN_DECLARATIONS,
        severity: clashingExternDeclarations.defaultSeverity,
        file: module.file,
        range: withAttributes(fn),
        message: `\`${declaration.symbol}\` redeclared with a different signature (${difference}) than${where} before: both name the one C symbol, so at least one of them calls it with the wrong arguments or reads the wrong result.`,
        help: 'declare the function once, with the signature of its C definition, and `use` that declaration everywhere',
        related: [{ location: { file: previous.module.file, range: withAttributes(previous.fn) }, message: `\`${previous.symbol}\` previously declared here` }],
        fixes: [],
      });
    }
    return findings;
  },
};

/** Where rustc points: the `#[link_name]` that names the symbol, else the declaration. */
function withAttributes(fn: FunctionItem): FunctionItem['range'] {
  return fn.attributes.find((a) => a.name === 'link_name' && !a.inner)?.range ?? fn.range;
}

function dependenciesOf(crate: CrateModel, seen = new Set<CrateModel>([crate])): CrateModel[] {
  const out: CrateModel[] = [];
  for (const dependency of crate.dependencies.values()) {
    if (seen.has(dependency)) continue;
    seen.add(dependency);
    out.push(dependency, ...dependenciesOf(dependency, seen));
  }
  return out;
}

function* declarationsOf(crate: CrateModel): Generator<Declaration> {
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      if (item.kind !== 'externBlock' || !isForeignAbi(item.abi)) continue;
      for (const fn of item.functions) {
        const linkName = fn.attributes.find((a) => a.name === 'link_name' && a.value !== undefined)?.value;
        yield { fn, module, symbol: linkName ?? fn.name };
      }
    }
  }
}

/** How two declarations differ in C, in words, or undefined when they agree or we cannot tell. */
function signatureDifference(a: Declaration, b: Declaration): string | undefined {
  const describe = (d: Declaration) => `\`fn(${d.fn.params.map((p) => p.text).join(', ')})${d.fn.returnType ? ` -> ${d.fn.returnType.text}` : ''}\``;
  const words = `${describe(b)} here, ${describe(a)}`;
  if (a.fn.params.length !== b.fn.params.length) return words;
  for (let i = 0; i < a.fn.params.length; i++) if (differ(cType(a, a.fn.params[i]), cType(b, b.fn.params[i]))) return words;
  const voidType: CType = { kind: 'void', spelling: '()' };
  const ra = a.fn.returnType ? cType(a, a.fn.returnType) : voidType;
  const rb = b.fn.returnType ? cType(b, b.fn.returnType) : voidType;
  return differ(ra, rb) ? words : undefined;
}

function cType(declaration: Declaration, type: TypeRef): CType {
  const scope = { module: declaration.module, generics: new Set<string>(), substitutions: new Map(), selfType: undefined };
  return rustToCType({ records: new Map() }, { type, scope });
}

/** Only differences we are sure of: scalars of another kind, width or sign; pointers to such; void vs a value. */
function differ(a: CType, b: CType): boolean {
  const scalar = (t: CType) => t.kind === 'int' || t.kind === 'float' || t.kind === 'bool' || t.kind === 'void' || t.kind === 'pointer';
  if (!scalar(a) || !scalar(b)) return false;
  if (a.kind !== b.kind) return true;
  if (a.kind === 'int' && b.kind === 'int') return a.bits !== b.bits || (a.signed !== undefined && b.signed !== undefined && a.signed !== b.signed);
  if (a.kind === 'float' && b.kind === 'float') return a.bits !== b.bits;
  if (a.kind === 'pointer' && b.kind === 'pointer') return a.pointee.kind !== 'function' && b.pointee.kind !== 'function' && differ(a.pointee, b.pointee);
  return false;
}
