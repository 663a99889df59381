// cbindgen can rename a Rust type to a C primitive (`[export.rename] "ARGB8" = "unsigned char"`): the header
// then says `unsigned char` wherever Rust says `ARGB8`, so the Rust side is compared as that primitive.
import type { CType, NameMapping } from './model';

/** `type` with every record the mapping renames to a primitive replaced by that primitive (depth-limited). */
export function renamedToPrimitive(type: CType, names: NameMapping, depth = 0): CType {
  if (!names.primitiveOf || depth > 8) return type;
  switch (type.kind) {
    case 'record': {
      const primitive = names.primitiveOf(type.name);
      return primitive ? { ...primitive, spelling: type.spelling } : type;
    }
    case 'pointer':
      return { ...type, pointee: renamedToPrimitive(type.pointee, names, depth + 1) };
    case 'array':
      return { ...type, element: renamedToPrimitive(type.element, names, depth + 1) };
    case 'function':
      return { ...type, params: type.params.map((p) => renamedToPrimitive(p, names, depth + 1)), returnType: renamedToPrimitive(type.returnType, names, depth + 1) };
    default:
      return type;
  }
}
