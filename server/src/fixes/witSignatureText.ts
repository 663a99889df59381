// The Rust text of a WIT function's signature as wit-bindgen generates it, for the guest fixes ("Fix signature",
// "Implement missing world exports"), with generated type names spelled so that they resolve where the edit goes.
import type { Module } from '../crate/crateModel';
import { rustIdent, type GuestExports, type RequiredTrait, type WitFunction } from '../wit/guestExports';
import { rustShape, spellShape } from '../wit/rustMapping';

export type TypeNamer = (name: string) => string | undefined;

/**
 * How `module` names a generated type of `required`: bare when the module imports or defines it (or globs its
 * module), else by its path from the `generate!` module; undefined when that path is not known.
 */
export function typeNamer(exports: GuestExports, required: RequiredTrait, module: Module): TypeNamer {
  const items = module.syntax.items;
  const imports = items.flatMap((i) => (i.kind === 'use' ? i.imports : []));
  const last = required.typesModule[required.typesModule.length - 1];
  const globbed = last !== undefined && imports.some((u) => u.glob && u.path[u.path.length - 1] === last);
  const generateModule = exports.generateModule;
  return (name) => {
    if (globbed || imports.some((u) => u.boundName === name) || items.some((i) => i.name === name && (i.kind === 'struct' || i.kind === 'enum' || i.kind === 'typeAlias'))) return name;
    if (!generateModule) return undefined;
    const from = module === generateModule ? [] : [...generateModule.path];
    return [...from, ...required.typesModule, name].join('::');
  };
}

/** `name: Type, …` of the WIT parameters; undefined when a type cannot be spelled (resources, streams). */
export function paramsText(fn: WitFunction, named: TypeNamer): string | undefined {
  const params = fn.func.params.map((p) => {
    const type = spellShape(rustShape(p.type, fn.scope), named);
    return type && `${rustIdent(p.name.text)}: ${type}`;
  });
  return params.every((p): p is string => p !== undefined) ? params.join(', ') : undefined;
}

/** ` -> Type`, or '' for a function without a result; undefined when it cannot be spelled. */
export function resultText(fn: WitFunction, named: TypeNamer): string | undefined {
  if (!fn.func.result) return '';
  const type = spellShape(rustShape(fn.func.result, fn.scope), named);
  return type && ` -> ${type}`;
}

/** `fn name(params) -> Result`; undefined when part of it cannot be spelled. */
export function signatureText(fn: WitFunction, named: TypeNamer): string | undefined {
  const params = paramsText(fn, named);
  const result = resultText(fn, named);
  return params !== undefined && result !== undefined ? `fn ${fn.rustName}(${params})${result}` : undefined;
}
