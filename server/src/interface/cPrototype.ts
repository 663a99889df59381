// A declared symbol as one line of C, for the `rustPluginGuard/interface` request. Header declarations keep
// their C spellings (`int`, `size_t`, typedef names); host-side Rust ones (`c_int`, `()`, `u32`) are spelled
// in C by their meaning (`int32_t`, `void`, `uint32_t`), so the loader reads one language.
import type { CType, InterfaceSourceKind } from './model';
import type { DeclaredSymbol } from './exportMatches';
import { describeCType } from './compareTypes';

export function cPrototype(declaration: DeclaredSymbol, source: InterfaceSourceKind): string {
  const spell = (type: CType) => (source === 'c-header' ? describeCType(type) : describeCType(type, meaning));
  if (declaration.kind === 'static') return `extern ${spell(declaration.type)} ${declaration.name}`;
  const params = declaration.params.map((p) => `${spell(p.type)}${p.name ? ` ${p.name}` : ''}`);
  if (declaration.variadic) params.push('...');
  return `${spell(declaration.returnType)} ${declaration.name}(${params.length > 0 ? params.join(', ') : 'void'})`;
}

/** A Rust-side scalar by its meaning: `c_int` and `i32` → `int32_t`, `()` → `void`. */
function meaning(type: CType): string {
  switch (type.kind) {
    case 'void':
      return 'void';
    case 'int':
      return type.bits === 8 && type.signed === undefined ? 'char' : `${type.signed === false ? 'u' : ''}int${type.bits}_t`;
    case 'float':
      return type.bits === 32 ? 'float' : 'double';
    case 'bool':
      return 'bool';
    default:
      return type.spelling;
  }
}
