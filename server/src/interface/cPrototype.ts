// A declared symbol as one line of C, for the `rustPluginGuard/interface` request. Header declarations keep
// their C spellings (`int`, `size_t`, typedef names); host-side Rust ones (`c_int`, `()`, `u32`) are spelled
// in C by their meaning (`int32_t`, `void`, `uint32_t`), so the loader reads one language.
import type { CType, InterfaceSourceKind } from './model';
import type { DeclaredSymbol } from './exportMatches';

export function cPrototype(declaration: DeclaredSymbol, source: InterfaceSourceKind): string {
  const spell = (type: CType) => cTypeText(type, source === 'c-header');
  if (declaration.kind === 'static') return `extern ${spell(declaration.type)} ${declaration.name}`;
  const params = declaration.params.map((p) => `${spell(p.type)}${p.name ? ` ${p.name}` : ''}`);
  if (declaration.variadic) params.push('...');
  return `${spell(declaration.returnType)} ${declaration.name}(${params.length > 0 ? params.join(', ') : 'void'})`;
}

function cTypeText(type: CType, keepSpelling: boolean): string {
  switch (type.kind) {
    case 'void':
      return 'void';
    case 'int':
      if (keepSpelling) return type.spelling;
      return type.bits === 8 && type.signed === undefined ? 'char' : `${type.signed === false ? 'u' : ''}int${type.bits}_t`;
    case 'float':
      return keepSpelling ? type.spelling : type.bits === 32 ? 'float' : 'double';
    case 'bool':
      return keepSpelling ? type.spelling : 'bool';
    case 'pointer':
      if (type.pointee.kind === 'function') return functionPointer(type.pointee, keepSpelling);
      return `${type.constPointee ? 'const ' : ''}${cTypeText(type.pointee, keepSpelling)} *`;
    case 'array':
      return `${cTypeText(type.element, keepSpelling)}[${type.length ?? ''}]`;
    case 'record':
      return type.name;
    case 'function':
      return functionPointer(type, keepSpelling);
    case 'unknown':
      return type.spelling;
  }
}

function functionPointer(fn: Extract<CType, { kind: 'function' }>, keepSpelling: boolean): string {
  const params = fn.params.map((p) => cTypeText(p, keepSpelling));
  if (fn.variadic) params.push('...');
  return `${cTypeText(fn.returnType, keepSpelling)} (*)(${params.join(', ') || 'void'})`;
}
