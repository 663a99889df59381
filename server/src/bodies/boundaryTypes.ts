/**
 * Type text as the ownership analysis compares it: the pointee a host sees (`*mut Config` → `Config`) and the
 * single type argument of a turbofish or annotation. Text only; nothing here resolves paths.
 */

/** `*mut Config` → `Config`, `*const std::ffi::c_char` → `c_char`, `*mut *mut T` (out-parameter) → `*mut T`; undefined if not a raw pointer. */
export function pointeeOf(typeText: string | undefined): string | undefined {
  const match = typeText ? /^\*\s*(?:const|mut)\s+([\s\S]+)$/.exec(typeText.trim()) : null;
  if (!match) return undefined;
  return normaliseType(match[1]);
}

/** Whitespace collapsed, leading path dropped (`std::ffi::c_char` → `c_char`); pointers compared as `*mut`. */
export function normaliseType(text: string): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  if (compact.startsWith('*') || compact.startsWith('[')) return compact.replace(/\bconst\b/, 'mut');
  return compact.replace(/^(?:[A-Za-z_]\w*::)+/, '');
}

/** `<Config>` → `Config`; only a single plain argument counts. */
export function typeArgument(turbofish: string | undefined): string | undefined {
  const match = turbofish ? /^<\s*([^,<>]+(?:<[^<>]*>)?)\s*>$/.exec(turbofish) : null;
  return match ? normaliseType(match[1]) : undefined;
}

/** `Box<Handle>` / `Option<Box<Handle>>` (any path prefix) → `Handle`; undefined for anything else. */
export function ownedBoxType(typeText: string): string | undefined {
  let text = typeText.replace(/\s+/g, '');
  const option = /^(?:(?:std|core)::option::)?Option<([\s\S]+)>$/.exec(text);
  if (option) text = option[1];
  const boxed = /^(?:(?:std|alloc)::boxed::)?Box<([\s\S]+)>$/.exec(text);
  return boxed ? normaliseType(boxed[1]) : undefined;
}

/** Two type names the same after dropping paths; an unknown type (undefined) matches any. */
export function sameType(a: string | undefined, b: string | undefined): boolean {
  const last = (t: string) => t.replace(/\s+/g, '').split('::').pop();
  return a === undefined || b === undefined || last(a) === last(b);
}
