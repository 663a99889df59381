// A small C preprocessor pass: picks the `#if` branches a build on this platform takes, records `#define`s, and
// blanks out everything tree-sitter should not see (inactive branches, directives, export/attribute macros) with
// spaces, so every position in the result is the same as in the header. Hand-written: no maintained npm package
// evaluates C conditionals on text while keeping positions.
import type { Range } from '../../engine/types';
import { cfgValue, type TargetCfg } from '../../crate/targetCfg';
import { evaluateIntegerExpression } from '../constExpr';
import { positionIn } from '../../syntax/nodes';

export interface MacroDefinition {
  name: string;
  /** The replacement text (continuation lines joined, comments removed). */
  body: string;
  functionLike: boolean;
  /** The directive line(s). */
  range: Range;
  text: string;
}

export interface PreprocessedHeader {
  /** The header with inactive and preprocessor-only text replaced by spaces (same length, same lines). */
  text: string;
  /** Object-like and function-like macros defined in the branches taken, in order. */
  defines: MacroDefinition[];
  /** Macros in effect at the end of the header (the platform's plus the header's). */
  defined: ReadonlyMap<string, string>;
}

/** What the compiler predefines on the platform the user builds on (only what headers test for). */
export function platformMacros(platform: string = process.platform, arch: string = process.arch): Map<string, string> {
  const macros = new Map<string, string>([['__STDC__', '1'], ['__STDC_VERSION__', '201710L'], ['__SIZEOF_POINTER__', arch === 'ia32' || arch === 'arm' ? '4' : '8']]);
  if (platform === 'win32') {
    for (const name of ['_WIN32', '_MSC_VER']) macros.set(name, '1');
    if (arch === 'x64' || arch === 'arm64') macros.set('_WIN64', '1');
  } else {
    for (const name of ['__GNUC__', '__unix__', '__unix']) macros.set(name, name === '__GNUC__' ? '4' : '1');
    if (arch === 'x64' || arch === 'arm64') macros.set('__LP64__', '1');
    if (platform === 'darwin') for (const name of ['__APPLE__', '__MACH__']) macros.set(name, '1');
    if (platform === 'linux') for (const name of ['__linux__', '__linux', 'linux']) macros.set(name, '1');
  }
  if (arch === 'x64') macros.set(platform === 'win32' ? '_M_X64' : '__x86_64__', '1');
  if (arch === 'arm64') macros.set(platform === 'win32' ? '_M_ARM64' : '__aarch64__', '1');
  return macros;
}

/** The Node.js platform and arch names of a Rust target, for `platformMacros` (undefined when it cannot tell). */
export function nodePlatformOf(target: TargetCfg): { platform: string; arch: string } | undefined {
  const os = cfgValue(target, 'target_os');
  const arch = cfgValue(target, 'target_arch');
  const platform = os === 'windows' ? 'win32' : os === 'macos' || os === 'ios' ? 'darwin' : os === 'linux' || os === 'android' ? 'linux' : os;
  const nodeArch = ({ x86_64: 'x64', aarch64: 'arm64', x86: 'ia32', arm: 'arm' } as Record<string, string>)[arch ?? ''];
  return platform && nodeArch ? { platform, arch: nodeArch } : undefined;
}

/** What the C compiler predefines for the Rust target being checked, so headers take the same `#if` branches. */
export function targetMacros(target: TargetCfg): Map<string, string> {
  const node = nodePlatformOf(target);
  const macros = node ? platformMacros(node.platform, node.arch) : platformMacros();
  if (cfgValue(target, 'target_os') === 'android') macros.set('__ANDROID__', '1');
  if (cfgValue(target, 'target_os') === 'ios') macros.set('TARGET_OS_IPHONE', '1');
  const unix = target.names.has('unix');
  if (unix && !macros.has('__unix__')) for (const name of ['__unix__', '__unix']) macros.set(name, '1');
  const os = cfgValue(target, 'target_os');
  const bsd = ({ freebsd: '__FreeBSD__', netbsd: '__NetBSD__', openbsd: '__OpenBSD__' } as Record<string, string>)[os ?? ''];
  if (bsd) macros.set(bsd, '1');
  return macros;
}

interface Frame {
  parentActive: boolean;
  taken: boolean;
  active: boolean;
}

/** Expansions that are only attributes, storage classes or calling conventions: `PLUGIN_API`, `EXPORT`. */
const DECORATION_PART = /^(?:__attribute__\s*\(\(.*\)\)|__declspec\s*\(.*\)|extern(?:\s*"C")?|static|inline|__stdcall|__cdecl|_Noreturn|__inline|"C"|_Nonnull|_Nullable|_Null_unspecified)$/;

/** Nullability qualifiers (clang's, and the name cbindgen's `[ptr] non_null_attribute` is usually given). */
const NULLABILITY_WORDS = ['_Nonnull', '_Nullable', '_Null_unspecified', '__nonnull', 'CBINDGEN_NONNULL'];

/** A nonnull attribute or qualifier in text: `__attribute__((nonnull))`, `nonnull(1, 3)`, `_Nonnull`. */
const NONNULL_TEXT = /\b(?:__)?nonnull(?:__)?\b|\b_Nonnull\b|\bCBINDGEN_NONNULL\b/;

/**
 * Macros that mean "not NULL": those whose expansion (followed through other macros) holds a nonnull
 * attribute or `_Nonnull` (`#define LIB_NONNULL __attribute__((nonnull))`), and cbindgen's `CBINDGEN_NONNULL`
 * even when its definition is elsewhere or empty on this compiler.
 */
export function nonnullMacroNames(defines: readonly MacroDefinition[]): Set<string> {
  const names = new Set<string>(['CBINDGEN_NONNULL']);
  for (let changed = true; changed; ) {
    changed = false;
    for (const define of defines) {
      if (names.has(define.name)) continue;
      if (NONNULL_TEXT.test(define.body) || [...define.body.matchAll(/\b[A-Za-z_]\w*\b/g)].some((m) => names.has(m[0]))) {
        names.add(define.name);
        changed = true;
      }
    }
  }
  return names;
}

export function preprocess(source: string, predefined: ReadonlyMap<string, string> = platformMacros()): PreprocessedHeader {
  const chars = source.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  const defined = new Map(predefined);
  const defines: MacroDefinition[] = [];
  const stack: Frame[] = [];
  const isActive = () => stack.length === 0 || stack[stack.length - 1].active;
  const condition = (expression: string) => {
    const lookup = (name: string): bigint | undefined => {
      const body = defined.get(name);
      return body === undefined ? undefined : evaluateIntegerExpression(body, () => undefined, { preprocessor: { isDefined: (n) => defined.has(n) } });
    };
    return (evaluateIntegerExpression(expression, lookup, { preprocessor: { isDefined: (n) => defined.has(n) } }) ?? 0n) !== 0n;
  };

  let offset = 0;
  while (offset < source.length) {
    // One logical line: physical lines joined by trailing backslashes.
    let end = offset;
    for (;;) {
      const newline = source.indexOf('\n', end);
      const lineEnd = newline < 0 ? source.length : newline;
      if (newline < 0 || !/\\\r?$/.test(source.slice(end, lineEnd))) {
        end = lineEnd;
        break;
      }
      end = newline + 1;
    }
    const logical = source.slice(offset, end);
    const directive = /^\s*#\s*(\w+)\s*([\s\S]*)$/.exec(logical);
    if (directive) {
      const [, name, rawRest] = directive;
      const rest = stripComments(rawRest.replace(/\\\r?\n/g, ' ')).trim();
      const parentActive = isActive();
      switch (name) {
        case 'if':
        case 'ifdef':
        case 'ifndef': {
          const word = rest.split(/\s+/)[0] ?? '';
          const value = !parentActive ? false : name === 'if' ? condition(rest) : (name === 'ifdef') === defined.has(word);
          stack.push({ parentActive, taken: value, active: value });
          break;
        }
        case 'elif':
        case 'elifdef':
        case 'elifndef':
        case 'else': {
          const frame = stack[stack.length - 1];
          if (!frame) break;
          const word = rest.split(/\s+/)[0] ?? '';
          const value = name === 'else' ? true : name === 'elif' ? condition(rest) : (name === 'elifdef') === defined.has(word);
          frame.active = frame.parentActive && !frame.taken && value;
          frame.taken ||= frame.active;
          break;
        }
        case 'endif':
          stack.pop();
          break;
        case 'define': {
          if (!parentActive) break;
          const macro = /^([A-Za-z_]\w*)(\()?/.exec(rest);
          if (!macro) break;
          const functionLike = macro[2] === '(';
          const body = functionLike ? rest.slice(rest.indexOf(')') + 1).trim() : rest.slice(macro[1].length).trim();
          defined.set(macro[1], body);
          defines.push({ name: macro[1], body, functionLike, range: { start: positionIn(source, offset), end: positionIn(source, source[end - 1] === '\r' ? end - 1 : end) }, text: logical.trimEnd() });
          break;
        }
        case 'undef':
          if (parentActive) defined.delete(rest.split(/\s+/)[0] ?? '');
          break;
        default:
          break;
      }
      blank(offset, end);
    } else if (!isActive()) {
      blank(offset, end);
    }
    offset = end + 1;
  }
  maskDecorations(chars, decorationMacros(defines));
  return { text: chars.join(''), defines, defined };
}

/** Object-like macros that expand to nothing, to attributes, or to another such macro. */
function decorationMacros(defines: readonly MacroDefinition[]): string[] {
  const names = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const define of defines) {
      if (define.functionLike || names.has(define.name)) continue;
      const parts = define.body.split(/\s+(?![^(]*\))/).filter((p) => p !== '');
      if (parts.every((part) => DECORATION_PART.test(part) || names.has(part))) {
        names.add(define.name);
        changed = true;
      }
    }
  }
  return [...names];
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
}

/**
 * Blanks `__attribute__((…))`, `__declspec(…)`, the header's own decoration macros, and an upper-case word that
 * starts a declaration before its real type (`PLUGIN_EXPORT int f(void);` where the macro comes from elsewhere).
 */
function maskDecorations(chars: string[], macroNames: readonly string[]): void {
  const text = chars.join('');
  const blankRange = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  for (const match of text.matchAll(/\b(?:__attribute__|__declspec)\s*\(/g)) {
    let depth = 0;
    let i = match.index + match[0].length - 1;
    for (; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) break;
    }
    blankRange(match.index, i + 1);
  }
  const names = new Set([...macroNames, ...NULLABILITY_WORDS, '__cdecl', '__stdcall', '_Noreturn', '__inline', '__restrict', 'restrict']);
  for (const match of text.matchAll(/\b[A-Za-z_]\w*\b/g)) {
    if (names.has(match[0])) blankRange(match.index, match.index + match[0].length);
  }
  const KEYWORDS = /^(?:const|volatile|struct|union|enum|unsigned|signed|extern|static|typedef|inline)$/;
  for (const match of text.matchAll(/^([ \t]*)([A-Z_][A-Z0-9_]*)(?=[ \t]+(?:[A-Za-z_]\w*[\s*]+){1,}[A-Za-z_]\w*\s*\()/gm)) {
    if (!KEYWORDS.test(match[2])) blankRange(match.index + match[1].length, match.index + match[0].length);
  }
}
