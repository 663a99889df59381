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

export function rustSpelling(type: CType, context: SpellingContext, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  switch (type.kind) {
    case 'void':
      return '()';
    case 'int':
    case 'float':
    case 'bool': {
      const spelling = rustSpellingOfPrimitive(type);
      return spelling?.startsWith('c_') ? ffiName(context, spelling) : spelling;
    }
    case 'record':
      return rustNameOfRecord(context, type.name);
    case 'array': {
      const element = rustSpelling(type.element, context, depth + 1);
      return element && type.length !== undefined ? `[${element}; ${type.length}]` : undefined;
    }
    case 'pointer': {
      if (type.pointee.kind === 'function') {
        const fn = type.pointee;
        const params = fn.params.map((p) => rustSpelling(p, context, depth + 1));
        const ret = rustSpelling(fn.returnType, context, depth + 1);
        if (params.some((p) => p === undefined) || ret === undefined || fn.variadic) return undefined;
        return `Option<unsafe extern "C" fn(${params.join(', ')})${ret === '()' ? '' : ` -> ${ret}`}>`;
      }
      const pointee = type.pointee.kind === 'void' ? ffiName(context, 'c_void') : (rustSpelling(type.pointee, context, depth + 1) ?? (type.pointee.kind === 'record' ? ffiName(context, 'c_void') : undefined));
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
