// Which library a libloading lookup is made on: `lib.get(…)` where `lib` was opened by `Library::new("…")`,
// `Library::new(libloading::library_filename("plugin"))`, a path ending in `libplugin.so`, or a `let`/`const`
// holding one of those. A host loads several libraries (`libc.so.6`, other plugins): a lookup on another
// library is no requirement of this plugin. Unknown (a path from the command line) means "could be this one".

const LIBRARY_FILE = /\.(?:so(?:\.\d+)*|dylib|dll|bundle)$/i;

/**
 * The library's name as a crate names it: without folder, extension and the `lib` prefix a file name gets
 * (`./target/debug/libmy-plugin.so.1` → `my_plugin`); a bare name (`library_filename("x")`, a crate's lib
 * name) is kept as it is.
 */
export function libraryBaseName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const name = LIBRARY_FILE.test(base) ? base.replace(LIBRARY_FILE, '').replace(/^lib(?=.)/, '') : base;
  return name.replace(/-/g, '_').toLowerCase();
}

/** The text inside the parentheses that open at `open` (an index of `(`), or undefined when unbalanced. */
function parenthesized(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What an expression names as a library file: a literal, `library_filename("x")`, or a binding of one. */
function libraryOfPath(expression: string, scopeText: string, depth: number): string | undefined {
  const filename = /\blibrary_filename\s*\(\s*"([^"]+)"\s*\)/.exec(expression);
  if (filename) return libraryBaseName(filename[1]);
  if (/\b(?:format|concat|env|option_env)\s*!/.test(expression)) return undefined;
  const literals = [...expression.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
  const last = literals[literals.length - 1];
  if (last !== undefined) return LIBRARY_FILE.test(last) ? libraryBaseName(last) : undefined;
  const name = /^\s*&?\s*([A-Za-z_]\w*)\s*$/.exec(expression)?.[1];
  if (!name || depth > 2) return undefined;
  const binding = new RegExp(`\\b(?:let\\s+(?:mut\\s+)?|const\\s+|static\\s+)${escape(name)}\\b\\s*(?::[^=;]*)?=\\s*([^;]+);`).exec(scopeText);
  return binding ? libraryOfPath(binding[1], scopeText, depth + 1) : undefined;
}

/** The library the receiver of a `.get(…)` was opened on, or undefined when it cannot be told. */
export function libraryOfReceiver(receiver: string, functionText: string, fileText: string): string | undefined {
  const opened = (text: string): string | undefined => {
    const call = /\bLibrary\s*::\s*(?:new|open)\s*\(/.exec(text);
    if (!call) return undefined;
    const args = parenthesized(text, call.index + call[0].length - 1);
    // `os::unix::Library::open(Some(path), flags)`: the path is the first argument.
    const first = args?.replace(/^\s*Some\s*\(([\s\S]*)\)\s*,[\s\S]*$/, '$1');
    return first === undefined ? undefined : libraryOfPath(first, `${functionText}\n${fileText}`, 0);
  };
  if (/\bLibrary\s*::\s*(?:new|open)\s*\(/.test(receiver)) return opened(receiver);
  const name = /^\s*&?\s*(?:\*\s*)?([A-Za-z_]\w*)\s*$/.exec(receiver)?.[1];
  if (!name) return undefined;
  const binding = new RegExp(`\\blet\\s+(?:mut\\s+)?${escape(name)}\\b\\s*(?::[^=;]*)?=([^;]+);`).exec(functionText);
  return binding ? opened(binding[1]) : undefined;
}

/**
 * The library a raw `dlsym(handle, ..)` / `GetProcAddress(handle, ..)` looks in: `handle` bound to
 * `dlopen(c"libplugin.so".as_ptr(), ..)` / `LoadLibraryA(..)`, its path told as for libloading; else undefined.
 */
export function libraryOfDlopenHandle(handle: string, functionText: string, fileText: string): string | undefined {
  const name = /^\s*([A-Za-z_]\w*)\s*$/.exec(handle)?.[1];
  if (!name) return undefined;
  const binding = new RegExp(`\\blet\\s+(?:mut\\s+)?${escape(name)}\\b\\s*(?::[^=;]*)?=([^;]+);`).exec(functionText);
  const call = binding && /\b(?:dlopen|LoadLibrary[AW]?|LoadLibraryEx[AW]?)\s*\(/.exec(binding[1]);
  if (!binding || !call) return undefined;
  const args = parenthesized(binding[1], call.index + call[0].length - 1);
  const first = args?.split(',')[0];
  if (first === undefined) return undefined;
  // `c"libplugin.so".as_ptr()`, `path.as_ptr()`, `CString::new("..")?.as_ptr()`: the path expression.
  const path = first.replace(/\.\s*as_ptr\s*\(\s*\)[\s\S]*$/, '').replace(/^\s*c(?=")/, '');
  return libraryOfPath(path, `${functionText}\n${fileText}`, 0);
}
