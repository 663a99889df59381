// A C type by meaning → its C spelling around a declarator (`int (*cb)(int)`, `const char *const *names`),
// with the names cbindgen uses (`c_int` → `int`, `i32` → `int32_t`, `usize` → `uintptr_t`).
import type { CType } from '../interface/model';
import type { HeaderLanguage, HeaderStyle } from './config';
import type { TypeName } from './model';

const C_NAMES: Record<string, string> = {
  c_char: 'char', c_schar: 'signed char', c_uchar: 'unsigned char', c_short: 'short', c_ushort: 'unsigned short',
  c_int: 'int', c_uint: 'unsigned int', c_long: 'long', c_ulong: 'unsigned long', c_longlong: 'long long',
  c_ulonglong: 'unsigned long long', size_t: 'size_t', ssize_t: 'ssize_t', c_float: 'float', c_double: 'double',
  usize: 'uintptr_t', isize: 'intptr_t', uintptr_t: 'uintptr_t', intptr_t: 'intptr_t',
};

export interface SpellingContext {
  types: ReadonlyMap<string, TypeName>;
  style: HeaderStyle;
  language: HeaderLanguage;
  /** `usize_is_size_t`. */
  usizeIsSizeT?: boolean;
  /** The C name of a Rust type the header does not define (excluded, or from elsewhere). */
  nameOf(rustName: string): string;
  /** `[export.rename] "RGBA8" = "unsigned char"`: the C primitive a Rust type name is written as. */
  primitiveOf(rustName: string): string | undefined;
}

/** A type no C declaration can spell (`&str`, a generic): the caller refuses with the item's name. */
export class Unspellable extends Error {
  constructor(readonly spelling: string) {
    super(`\`${spelling}\` has no C spelling`);
  }
}

function lastSegment(spelling: string): string {
  return spelling.replace(/<.*$/s, '').split('::').pop()!.trim();
}

function baseName(type: CType, context: SpellingContext): string {
  switch (type.kind) {
    case 'void':
      return 'void';
    case 'bool':
      return 'bool';
    case 'int': {
      const segment = lastSegment(type.spelling);
      if (context.usizeIsSizeT && (segment === 'usize' || segment === 'isize')) return segment === 'usize' ? 'size_t' : 'ptrdiff_t';
      const known = C_NAMES[segment];
      if (known) return known;
      if (type.bits === 8 && type.signed === undefined) return 'char';
      if (type.bits > 64) throw new Unspellable(type.spelling);
      return `${type.signed === false ? 'u' : ''}int${type.bits}_t`;
    }
    case 'float':
      return C_NAMES[lastSegment(type.spelling)] ?? (type.bits === 32 ? 'float' : 'double');
    case 'record': {
      const primitive = context.types.has(type.name) ? undefined : context.primitiveOf(type.name);
      if (primitive !== undefined) return primitive;
      const named = context.types.get(type.name);
      const cName = named?.cName ?? context.nameOf(type.name);
      if (context.language === 'C++' || context.style === 'type') return cName;
      const form = named?.form ?? (type.tag === 'enum' ? 'enum-c' : type.tag);
      if (form === 'enum-int') return cName;
      return `${form === 'enum-c' ? 'enum' : form === 'opaque' ? 'struct' : form} ${cName}`;
    }
    default: {
      const renamed = context.primitiveOf(lastSegment(type.spelling));
      if (renamed !== undefined) return renamed;
      throw new Unspellable(type.spelling);
    }
  }
}

/** `type` declaring `declarator` (a name, or '' for a bare type); `isConst`: the outermost type is const. */
export function spellDeclaration(type: CType, declarator: string, context: SpellingContext, isConst = false): string {
  switch (type.kind) {
    case 'pointer': {
      const inner = `*${isConst ? 'const ' : ''}${declarator}`;
      const pointee = type.pointee;
      if (pointee.kind === 'function' || pointee.kind === 'array') return spellDeclaration(pointee, `(${inner})`, context, false);
      return spellDeclaration(pointee, inner, context, type.constPointee && pointee.kind !== 'void' ? true : type.constPointee);
    }
    case 'array':
      return spellDeclaration(type.element, `${declarator}[${type.length ?? ''}]`, context, isConst);
    case 'function': {
      const params = type.params.map((p) => spellDeclaration(p, '', context));
      if (type.variadic) params.push('...');
      return spellDeclaration(type.returnType, `${declarator}(${params.length > 0 ? params.join(', ') : 'void'})`, context, false);
    }
    default: {
      const base = `${isConst ? 'const ' : ''}${baseName(type, context)}`;
      return declarator === '' ? base : `${base} ${declarator}`;
    }
  }
}
