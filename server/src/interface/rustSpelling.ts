// How to write a declared C type in Rust, for fixes and generated stubs (`int` → `c_int`, `const char *` →
// `*const c_char`, `Foo *` → `*mut Foo` when the crate has the type the header calls `Foo`).
import type { CrateModel, Module } from '../crate/crateModel';
import { resolvePath } from '../crate/resolve';
import { rustSpellingOfPrimitive } from './cHeader/cPrimitives';
import type { CType, DeclaredInterface } from './model';

export interface SpellingContext {
  crate: CrateModel;
  module: Module;
  declared: DeclaredInterface;
}

/** `c_int` when the module imports it, else `core::ffi::c_int`. */
function ffiName(context: SpellingContext, name: string): string {
  const resolution = resolvePath(context.module, [name]);
  return resolution.kind === 'external' && resolution.path.length > 1 && resolution.path[resolution.path.length - 1] === name ? name : `core::ffi::${name}`;
}

/** The Rust ADT whose declared name is `declaredName`. */
export function rustNameOfRecord(context: SpellingContext, declaredName: string): string | undefined {
  for (const module of context.crate.modules) {
    for (const item of module.syntax.items) {
      if ((item.kind === 'struct' || item.kind === 'enum' || item.kind === 'union') && context.declared.names.declaredNameOf(item.name) === declaredName) return item.name;
    }
  }
  return undefined;
}

export function rustSpelling(type: CType, context: SpellingContext): string | undefined {
  return spellRust(type, { ffi: (name) => ffiName(context, name), record: (name) => rustNameOfRecord(context, name), unknownPointeeAsVoid: true });
}

/** What a Rust spelling of a C type depends on around it (a crate's imports, a generated file's own types). */
export interface RustNamer {
  /** `c_int` → how to write it here (`c_int` when imported, `core::ffi::c_int`). */
  ffi(name: string): string;
  /** The Rust name of a declared record or enum, if it has one here. */
  record(name: string): string | undefined;
  /** A pointer to a record with no Rust name is `*mut c_void` (for a fix); otherwise the type has no spelling. */
  unknownPointeeAsVoid?: boolean;
  /** A spelling a primitive keeps (a type read from Rust: `usize`, not `uintptr_t`'s). */
  primitive?(type: CType): string | undefined;
}

/** A C type in Rust: primitives by meaning, records by `namer`, function pointers as `Option<unsafe extern "C" fn>`. */
export function spellRust(type: CType, namer: RustNamer, depth = 0): string | undefined {
  if (depth > 16) return undefined;
  switch (type.kind) {
    case 'void':
      return '()';
    case 'int':
    case 'float':
    case 'bool': {
      const spelling = namer.primitive?.(type) ?? rustSpellingOfPrimitive(type);
      return spelling?.startsWith('c_') ? namer.ffi(spelling) : spelling;
    }
    case 'record':
      return namer.record(type.name);
    case 'array': {
      const element = spellRust(type.element, namer, depth + 1);
      return element && type.length !== undefined ? `[${element}; ${type.length}]` : undefined;
    }
    case 'pointer': {
      if (type.pointee.kind === 'function') {
        const fn = type.pointee;
        const params = fn.params.filter((p) => p.kind !== 'void').map((p) => spellRust(p, namer, depth + 1));
        const ret = spellRust(fn.returnType, namer, depth + 1);
        if (params.some((p) => p === undefined) || ret === undefined || fn.variadic) return undefined;
        return `Option<unsafe extern "C" fn(${params.join(', ')})${ret === '()' ? '' : ` -> ${ret}`}>`;
      }
      const pointee =
        type.pointee.kind === 'void'
          ? namer.ffi('c_void')
          : (spellRust(type.pointee, namer, depth + 1) ?? (type.pointee.kind === 'record' && namer.unknownPointeeAsVoid ? namer.ffi('c_void') : undefined));
      return pointee ? `*${type.constPointee ? 'const' : 'mut'} ${pointee}` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A value of the type that means "nothing happened" (`0`, `false`, a null pointer, `None`), for a missing
 * export's stub and for the early return of a function whose pointer parameter became `Option`. `type` is a
 * declared type (spelled in Rust by `rustSpelling`) or a Rust type's C meaning (spelled as written).
 */
export function neutralValue(type: CType): string | undefined {
  switch (type.kind) {
    case 'void':
      return '';
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'bool':
      return 'false';
    case 'pointer':
      // `&T`, `NonNull<T>`, `Box<T>`, `extern "C" fn` have no null value.
      if (!type.nullable) return undefined;
      // Function pointers are spelled `Option<fn>`, as are Rust's `Option<&T>`, `Option<Box<T>>`, ….
      if (type.pointee.kind === 'function' || /^\s*(?:(?:core|std)::option::)?Option\s*</.test(type.spelling)) return 'None';
      return type.constPointee ? 'core::ptr::null()' : 'core::ptr::null_mut()';
    default:
      return undefined;
  }
}
