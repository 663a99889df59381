// What a wasm trap says in the report: the trap, the guest function it happened in (the innermost frame that
// is not Rust's panic or abort machinery) and, for a Rust panic, which panic (`core::panicking::panic_bounds_check`).
// V8 names wasm frames from the module's name section, `at name (wasm://wasm/…)`, legacy-mangled for Rust.

const RUNTIME = /^(__rust_|rust_panic|rust_begin_unwind|_ZN(3std|4core|5alloc)|abort$|__wasm_)/;

/** `_ZN4core9panicking18panic_bounds_check17h85ba…E` → `core::panicking::panic_bounds_check`; other names as they are. */
export function demangle(name: string): string {
  if (!name.startsWith('_ZN') || !name.endsWith('E')) return name;
  const parts: string[] = [];
  let i = 3;
  while (i < name.length - 1) {
    const digits = /^\d+/.exec(name.slice(i))?.[0];
    if (!digits) return name;
    i += digits.length;
    parts.push(name.slice(i, i + Number(digits)));
    i += Number(digits);
  }
  if (parts.length > 1 && /^h[0-9a-f]{16}$/.test(parts[parts.length - 1])) parts.pop();
  return parts.join('::').replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\.\./g, '::');
}

/**
 * jco's message when a guest calls an import where the component model forbids it (in a post-return function
 * or in cabi_realloc). wasm-ld links a wasm32-wasi cdylib without `_initialize` as a command: every export,
 * post-return ones too, runs the C constructors first, and they read the environment through an import.
 */
const CANNOT_LEAVE = /cannot leave component instance/;

export function trapText(error: Error, capped: string): string {
  const frames = (error.stack ?? '').split('\n').flatMap((line) => {
    const m = /^\s*at (\S+) \(wasm:\/\//.exec(line);
    return m ? [m[1]] : [];
  });
  const own = frames.find((f) => !RUNTIME.test(f));
  const panicking = frames.some((f) => /panicking|rust_panic/.test(f));
  const panic = panicking ? frames.filter((f) => f.startsWith('_ZN4core9panicking') || f.startsWith('_ZN3std9panicking')).map(demangle).filter((f) => !/::(panic_fmt|begin_panic_handler|rust_panic_with_hook)/.test(f)).pop() : undefined;
  const why = panicking
    ? `: a Rust panic${panic ? ` (${panic})` : ''}, a trap in a guest built with panic=abort`
    : CANNOT_LEAVE.test(error.message)
      ? ': the guest called an import where the component model forbids it (in a post-return function or cabi_realloc); a wasm32-wasi cdylib linked as a command (no `_initialize` export) runs the C constructors, which read the environment, at the start of every export: link it as a reactor (crt1-reactor.o, which exports `_initialize`)'
      : '';
  return `trapped: ${error.message.replace(/^wasm trap: /, '')}${own ? ` in \`${demangle(own)}\`` : ''}${why}${capped}`;
}
