// The C ABI a plugin crate presents, as data: exported functions and statics by symbol with their C signatures,
// the layouts of the `#[repr(C)]` types they reach, the values of their fieldless enums, and the declared ABI
// version. Written to `plugin-abi.json` by `abi-lock`, and compared with the working tree by `abi-break`.
// Types are spelled canonically (`int32_t`, not `c_int` or `i32`) so that only ABI changes show.
import { boundaryTypes } from '../boundary/boundaryTypes';
import type { CrateModel } from '../crate/crateModel';
import type { CType } from '../interface/model';
import { rustToCType, type RustTypeContext } from '../interface/rustCType';
import { crateConstantItems, rustEnumVariants, rustExports, rustSignature, scopeOf, type RustConstant } from '../interface/rustSide';
import { DEFAULT_VERSION_NAMES, versionNamePattern } from '../interface/versionNames';
import { LayoutComputer, layoutTarget } from '../layout/typeLayout';

export const ABI_LOCK_FILE = 'plugin-abi.json';
export const ABI_FORMAT = 1;

export interface AbiRecord {
  kind: 'struct' | 'union';
  size: number;
  align: number;
  fields: Record<string, { offset: number; type: string }>;
}

export interface AbiDescription {
  format: number;
  crate: string;
  target: string;
  version: { constant: string; value: string } | null;
  /** Symbol → `int32_t (uint32_t, const char *)`. */
  functions: Record<string, string>;
  /** Symbol → the type of the data at it. */
  statics: Record<string, string>;
  records: Record<string, AbiRecord>;
  /** Enum → variant → value (decimal). */
  enums: Record<string, Record<string, string>>;
}

export function describeAbi(crate: CrateModel, versionNames: readonly string[] = DEFAULT_VERSION_NAMES): AbiDescription {
  // Read once: the signatures' array lengths, the layouts' and the version constant all use them.
  const constantItems = crateConstantItems(crate);
  const constants = new Map(constantItems.map((c) => [c.name, c.value]));
  const context: RustTypeContext = { records: new Map(), constants };
  const functions: Record<string, string> = {};
  const statics: Record<string, string> = {};
  for (const [symbol, { item, module }] of [...rustExports(crate)].sort(([a], [b]) => a.localeCompare(b))) {
    if (item.kind === 'function') {
      if (item.generics.length > 0) continue; // exports nothing (generic-export)
      const { params, returnType } = rustSignature(item, module, context);
      functions[symbol] = `${canonical(returnType)} (${params.map(canonical).join(', ') || 'void'})`;
    } else if (item.type) {
      statics[symbol] = canonical(rustToCType(context, { type: item.type, scope: scopeOf(module) }));
    }
  }
  const layouts = new LayoutComputer(crate, layoutTarget(crate.cfg.target), constants);
  const records: Record<string, AbiRecord> = {};
  const enums: Record<string, Record<string, string>> = {};
  const reached = [...boundaryTypes(crate)].filter((t) => t.item.generics.length === 0).sort((a, b) => a.item.name.localeCompare(b.item.name));
  for (const { item, module } of reached) {
    if (item.kind === 'enum') {
      const variants = rustEnumVariants(module.crate, item, module);
      if (variants && variants.every((v) => v.value !== undefined)) enums[item.name] = Object.fromEntries(variants.map((v) => [v.name, String(v.value)]));
      continue;
    }
    const layout = layouts.ofAdt(item, module);
    if (!layout) continue; // opaque to C: only its address crosses
    const scope = scopeOf(module);
    const fields: AbiRecord['fields'] = {};
    item.fields.forEach((field, index) => {
      const laid = layout.fields[index];
      fields[laid.name] = { offset: laid.offset, type: canonical(rustToCType(context, { type: field.type, scope })) };
    });
    records[item.name] = { kind: item.kind, size: layout.size, align: layout.align, fields };
  }
  return { format: ABI_FORMAT, crate: crate.name, target: crate.cfg.target.triple, version: versionOf(constantItems, versionNames), functions, statics, records, enums };
}

function versionOf(constants: readonly RustConstant[], versionNames: readonly string[]): AbiDescription['version'] {
  const pattern = versionNamePattern(versionNames);
  const constant = pattern && constants.find((c) => pattern.test(c.name));
  return constant ? { constant: constant.name, value: String(constant.value) } : null;
}

/** A C type by its ABI: `c_int`, `i32` and `int32_t` are the same `int32_t`. */
export function canonical(type: CType): string {
  switch (type.kind) {
    case 'void':
      return 'void';
    case 'bool':
      return 'bool';
    case 'int':
      return type.bits === 8 && type.signed === undefined ? 'char' : `${type.signed === false ? 'u' : ''}int${type.bits}_t`;
    case 'float':
      return type.bits === 32 ? 'float' : 'double';
    case 'pointer':
      return type.pointee.kind === 'function' ? canonical(type.pointee) : `${type.constPointee ? 'const ' : ''}${canonical(type.pointee)} *`;
    case 'array':
      return `${canonical(type.element)}[${type.length ?? ''}]`;
    case 'record':
      return `${type.tag} ${type.name}`;
    case 'function':
      return `${canonical(type.returnType)} (*)(${[...type.params.map(canonical), ...(type.variadic ? ['...'] : [])].join(', ') || 'void'})`;
    default:
      return `?${type.spelling}`;
  }
}

/** The lock file's text: stable key order and two-space indentation, so that a diff shows only what changed. */
export function serializeAbi(description: AbiDescription): string {
  return `${JSON.stringify(description, null, 2)}\n`;
}
