// The one table from Rust types in an `extern "C"` signature to koffi type names (see docs/loader.md).
// Pure data and functions: no koffi import, so the language server can build declarations too.

/** A Rust type of a signature, reduced to what decides its C representation. */
export type RustAbiType =
  | { kind: 'scalar'; name: string }
  | { kind: 'unit' }
  /** `pointee`: `c_char`, `c_void`, a type of the crate (`Config`), or the type's text when foreign. */
  | { kind: 'pointer'; mutable: boolean; pointee: string; crateType: boolean }
  | { kind: 'other'; text: string };

/** What a probe's return value is read as. */
export type ValueKind = 'integer' | 'float' | 'bool' | 'string' | 'pointer' | 'void';

export interface KoffiType {
  name: string;
  value: ValueKind;
}

/** Rust scalar (primitive or `core::ffi` alias) → koffi. `i128`/`u128` and `char` have no koffi type. */
export const SCALAR_TYPES: Readonly<Record<string, KoffiType | undefined>> = {
  i8: { name: 'int8_t', value: 'integer' },
  u8: { name: 'uint8_t', value: 'integer' },
  i16: { name: 'int16_t', value: 'integer' },
  u16: { name: 'uint16_t', value: 'integer' },
  i32: { name: 'int32_t', value: 'integer' },
  u32: { name: 'uint32_t', value: 'integer' },
  i64: { name: 'int64_t', value: 'integer' },
  u64: { name: 'uint64_t', value: 'integer' },
  isize: { name: 'intptr_t', value: 'integer' },
  usize: { name: 'size_t', value: 'integer' },
  f32: { name: 'float', value: 'float' },
  f64: { name: 'double', value: 'float' },
  bool: { name: 'bool', value: 'bool' },
  c_char: { name: 'char', value: 'integer' },
  c_schar: { name: 'int8_t', value: 'integer' },
  c_uchar: { name: 'uint8_t', value: 'integer' },
  c_short: { name: 'short', value: 'integer' },
  c_ushort: { name: 'unsigned short', value: 'integer' },
  c_int: { name: 'int', value: 'integer' },
  c_uint: { name: 'unsigned int', value: 'integer' },
  c_long: { name: 'long', value: 'integer' },
  c_ulong: { name: 'unsigned long', value: 'integer' },
  c_longlong: { name: 'long long', value: 'integer' },
  c_ulonglong: { name: 'unsigned long long', value: 'integer' },
  c_float: { name: 'float', value: 'float' },
  c_double: { name: 'double', value: 'float' },
  // No C type of that width (or meaning) that koffi knows: such functions are never declared.
  i128: undefined,
  u128: undefined,
  char: undefined,
};

/**
 * The koffi type of a Rust type, or undefined when koffi has none. `*const c_char` is a borrowed C string
 * (koffi copies it into a JS string); `*mut c_char` is declared `void *` because it is owned: the caller reads
 * it and hands it back to the plugin's free function.
 */
export function koffiTypeOf(type: RustAbiType): KoffiType | undefined {
  switch (type.kind) {
    case 'unit':
      return { name: 'void', value: 'void' };
    case 'scalar':
      return SCALAR_TYPES[type.name];
    case 'pointer':
      if (type.pointee === 'c_char' && !type.mutable) return { name: 'const char *', value: 'string' };
      return { name: 'void *', value: 'pointer' };
    case 'other':
      return undefined;
  }
}

/** A C prototype koffi parses: `uint32_t plugin_abi_version(void)`, `void config_free(void *)`. */
export function koffiPrototype(symbol: string, returns: RustAbiType, params: readonly RustAbiType[]): string | undefined {
  const ret = koffiTypeOf(returns);
  const args = params.map(koffiTypeOf);
  if (!ret || args.some((a) => a === undefined || a.value === 'void')) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(symbol)) return undefined;
  const list = args.length === 0 ? 'void' : args.map((a) => a!.name).join(', ');
  return `${ret.name} ${symbol}(${list})`;
}

/** `*mut c_char` returned from `CString::into_raw`: an owned string. */
export function isOwnedString(type: RustAbiType): boolean {
  return type.kind === 'pointer' && type.pointee === 'c_char' && type.mutable;
}
