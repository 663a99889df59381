import type { Edition } from '../crate/manifest';
import type { Fix } from '../engine/types';
import type { LineIndex } from '../parsing/lineIndex';
import type { FunctionItem } from '../syntax/items';
import type { AllocationKind } from '../bodies/ownership';

/** `config_new` → `config_free`; other names get `_free` appended. */
export function destructorName(constructor: string): string {
  const base = constructor.replace(/_(new|create|alloc|make|open|init|build|clone|dup|copy)$/, '');
  return `${base}_free`;
}

/**
 * "Generate `config_free`": an exported destructor that checks for null and takes the allocation back the
 * way it was handed out, inserted after the constructor. Undefined for allocations that need more than the
 * pointer to free (a `Vec` needs its length and capacity) or whose type the source does not tell.
 */
export function generateFreeFix(
  constructor: FunctionItem,
  kind: AllocationKind,
  type: string | undefined,
  name: string,
  edition: Edition,
  file: string,
  lines: LineIndex,
): Fix | undefined {
  const reclaim = reclaimFor(kind, type);
  if (!reclaim) return undefined;
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^\s*/.exec(lines.lineText(constructor.range.start.line))?.[0] ?? '';
  const attribute = edition === '2024' ? '#[unsafe(no_mangle)]' : '#[no_mangle]';
  const body = [
    '',
    '',
    `/// Frees what \`${constructor.name}\` returned. Null is allowed and does nothing.`,
    '///',
    '/// # Safety',
    `/// \`ptr\` must be null or come from \`${constructor.name}\`, and must not be used after this call.`,
    attribute,
    `pub unsafe extern "C" fn ${name}(ptr: ${reclaim.pointer}) {`,
    '    if ptr.is_null() {',
    '        return;',
    '    }',
    `    drop(unsafe { ${reclaim.call}(ptr) });`,
    '}',
  ];
  const newText = body.map((line, i) => (i < 2 || line === '' ? line : indent + line)).join(eol);
  return { title: `Generate \`${name}\``, isPreferred: true, edits: [{ file, range: { start: constructor.range.end, end: constructor.range.end }, newText }] };
}

function reclaimFor(kind: AllocationKind, type: string | undefined): { pointer: string; call: string } | undefined {
  switch (kind) {
    case 'cstring':
      return { pointer: '*mut std::ffi::c_char', call: 'std::ffi::CString::from_raw' };
    case 'box':
      return type ? { pointer: `*mut ${type}`, call: 'Box::from_raw' } : undefined;
    case 'arc':
      return type ? { pointer: `*const ${type}`, call: 'std::sync::Arc::from_raw' } : undefined;
    case 'rc':
      return type ? { pointer: `*const ${type}`, call: 'std::rc::Rc::from_raw' } : undefined;
    default:
      return undefined;
  }
}
