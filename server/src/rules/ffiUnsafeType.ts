import type { UnsafeReason, UnsafeType } from '../boundary/ffiSafety';
import { sitesWithFacts, unsafeTypeAt } from '../boundary/siteFacts';
import type { BoundarySite } from '../boundary/sites';
import { rangeContains, type Finding, type Fix } from '../engine/types';
import type { Rule } from './rule';
import { exportedSymbol } from '../boundary/exportedSymbols';
import { fileSuppressionParts, itemOutput } from './itemOutputs';
import { isSuppressed } from './suppression';
import type { CrateModel } from '../crate/crateModel';
import { onlyRustHostsUse } from '../interface/rustHostContract';

export const FFI_UNSAFE_TYPE = 'ffi-unsafe-type';

/** Why (rustc's reason, reworded) and what to do, per reason. */
const TEXT: Record<UnsafeReason, { why: string; help: string }> = {
  char: { why: '`char` has no C equivalent', help: 'use `u32` (a Unicode scalar value) or `libc::wchar_t`' },
  str: { why: 'a string slice has no C equivalent: it is a pointer and a length in one value', help: 'pass `*const c_char` (NUL-terminated), or `*const u8` and a length' },
  slice: { why: 'a slice has no C equivalent: it is a pointer and a length in one value', help: 'pass a raw pointer and a length' },
  dyn: { why: 'a trait object has no C equivalent: it is a data pointer and a vtable pointer', help: 'pass an opaque pointer, or a `#[repr(C)]` struct of `extern "C" fn` pointers' },
  tuple: { why: 'tuples have unspecified layout', help: 'use a `#[repr(C)]` struct instead' },
  array: { why: 'a raw array passed by value is not FFI-safe (C passes arrays as pointers)', help: 'pass a pointer to the array, or wrap it in a `#[repr(C)]` struct' },
  'rust-fn': { why: 'this function pointer has the Rust calling convention, which C cannot call', help: 'use an `extern "C" fn(...)` pointer' },
  opaque: { why: '`impl Trait` has no C equivalent', help: 'return a concrete `#[repr(C)]` type or an opaque pointer' },
  phantom: { why: 'a type made only of `PhantomData` has no C equivalent', help: 'pass a real value, or leave the marker out of the signature' },
  cstr: { why: '`CStr` / `CString` have no guaranteed layout', help: 'pass `*const c_char` (`CStr::as_ptr()`, or `CString::into_raw()` to hand ownership over)' },
  'std-type': { why: 'this std type has no C layout', help: 'pass it behind a pointer as an opaque handle, or pass its data as a pointer and a length' },
  option: { why: '`Option<T>` is FFI-safe only around a non-null pointer (`&T`, `Box<T>`, `NonNull<T>`, `extern "C" fn`)', help: 'pass a pointer (null for `None`), or a `#[repr(C)]` struct with a flag' },
  box: { why: '`Box<T>` in an `extern` block has no C layout guarantee', help: 'declare the parameter as `*mut T`' },
  'unsized-box': { why: 'a `Box` of an unsized type is a fat pointer', help: 'box a sized type, or pass a pointer and a length' },
  'no-fields': { why: 'a `#[repr(C)]` struct without fields has size 0 in Rust but not in C++', help: 'add a field, or pass the type behind a pointer' },
};

export const ffiUnsafeType: Rule = {
  id: FFI_UNSAFE_TYPE,
  defaultSeverity: 'warning',
  summary: 'A type with no C equivalent in an extern signature: `&str`, slices, `String`, tuples, `char`, Rust fn pointers, ….',
  // Read from items alone (itemOutputs.ts), but for which exported statics only Rust hosts read.
  check: (crate) => [...itemOutput(crate, FFI_UNSAFE_TYPE, [...fileSuppressionParts(crate), ...rustHostStatics(crate)], () => findingsOf(crate))],
};

function findingsOf(crate: CrateModel): Finding[] {
  const findings: Finding[] = [];
  for (const entry of sitesWithFacts(crate)) {
    const found = unsafeTypeAt(entry);
    const site = entry.site;
    if (!found) continue;
    if (readByRustHostsOnly(crate, site)) continue;
    if (isSuppressed(crate, FFI_UNSAFE_TYPE, [site.lint], { items: site.owners, module: site.module, file: site.module.file })) continue;
    findings.push(toFinding(site, found));
  }
  return findings;
}

/** Each exported static's symbol and whether only the crate's Rust hosts read it (the interfaces are not items). */
function rustHostStatics(crate: CrateModel): unknown[] {
  const parts: unknown[] = [];
  for (const module of crate.modules) {
    for (const item of module.syntax.items) {
      const symbol = item.kind === 'static' ? exportedSymbol(item)?.name : undefined;
      if (symbol !== undefined) parts.push(symbol, onlyRustHostsUse(crate, symbol, 'static'));
    }
  }
  return parts;
}

/** An exported static that only the crate's Rust hosts read (`Ref<&'static str>`): Rust layout on both sides. */
function readByRustHostsOnly(crate: CrateModel, site: BoundarySite): boolean {
  return site.exportedStatic !== undefined && onlyRustHostsUse(crate, site.exportedStatic, 'static');
}

function toFinding(site: BoundarySite, found: UnsafeType): Finding {
  const { why, help } = TEXT[found.reason];
  const named = found.name ? why.replace('this std type', `\`${found.name}\``) : why;
  return {
    rule: FFI_UNSAFE_TYPE,
    severity: 'warning',
    file: site.module.file,
    range: site.type.range,
    message: `\`${site.type.text}\` crosses the C boundary ${site.where}, but ${named}.`,
    help,
    related: rangeContains(site.type.range, found.type.range) && found.type !== site.type ? [{ location: { file: site.module.file, range: found.type.range }, message: `\`${found.type.text}\` is the part without a C equivalent` }] : [],
    fixes: fixesFor(site, found),
  };
}

function fixesFor(site: BoundarySite, found: UnsafeType): Fix[] {
  if (!rangeContains(site.type.range, found.type.range)) return [];
  const file = site.module.file;
  if (found.reason === 'char' && found.type.text === 'char') {
    return [{ title: 'Change `char` to `u32`', isPreferred: true, edits: [{ file, range: found.type.range, newText: 'u32' }] }];
  }
  if (found.reason === 'rust-fn' && found.type.kind === 'fnPointer' && /^(unsafe\s+)?fn\b/.test(found.type.text)) {
    const unsafePrefix = /^unsafe\s+/.exec(found.type.text)?.[0] ?? '';
    const at = { line: found.type.range.start.line, character: found.type.range.start.character + unsafePrefix.length };
    if (found.type.range.start.line !== found.type.range.end.line && unsafePrefix.includes('\n')) return [];
    return [{ title: 'Make it an `extern "C" fn` pointer', isPreferred: true, edits: [{ file, range: { start: at, end: at }, newText: 'extern "C" ' }] }];
  }
  return [];
}
