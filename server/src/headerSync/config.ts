// What `cbindgen.toml` says about how the header is written (the naming part is read by
// interface/cbindgenConfig.ts and reused here): language, include guard, style, includes, the text around the
// declarations, `[defines]` for `#[cfg]` items, `[enum] prefix_with_name`. Facts from cbindgen's documented
// options; options we do not read are ignored, as cbindgen ignores what it does not know.
import { parse } from 'smol-toml';
import { DEFAULT_CBINDGEN_CONFIG, parseCbindgenConfig } from '../interface/cbindgenConfig';
import type { NameMapping } from '../interface/model';
import { renameRule, type RenameRule } from './variantNames';

export type HeaderLanguage = 'C' | 'C++';
/** cbindgen's `style`: `both` writes `typedef struct X {…} X;` and refers to `struct X`; `type` and `tag` one of the two. */
export type HeaderStyle = 'both' | 'type' | 'tag';

export interface HeaderConfig {
  language: HeaderLanguage;
  style: HeaderStyle;
  includeGuard: string | undefined;
  pragmaOnce: boolean;
  /** Text written verbatim before / after everything else (`header`, `trailer`, `autogen_warning`). */
  header: string | undefined;
  trailer: string | undefined;
  autogenWarning: string | undefined;
  noIncludes: boolean;
  sysIncludes: string[];
  includes: string[];
  afterIncludes: string | undefined;
  /** C: wrap the declarations in `extern "C"` for C++ compilers (`cpp_compat`). */
  cppCompat: boolean;
  names: NameMapping;
  /** `[export] prefix`: constants are prefixed too. */
  prefix: string;
  exclude: Set<string>;
  /** `[export.rename]` as written (`"RGBA8" = "unsigned char"`). */
  renames: Map<string, string>;
  prefixVariantsWithName: boolean;
  /** `[enum] rename_variants`. */
  renameVariants: RenameRule | undefined;
  /** `[export] include`: types declared even when no export reaches them. */
  include: string[];
  /** `usize_is_size_t`: `usize`/`isize` are written `size_t`/`ptrdiff_t`. */
  usizeIsSizeT: boolean;
  /** `documentation` (default true) and `documentation_style`: how `///` comments are written. */
  documentation: boolean;
  documentationStyle: 'c' | 'c99' | 'cxx';
  /** `[defines]`: a Rust cfg predicate (`feature = "extra"`, `windows`) → the C macro that stands for it. */
  defines: Map<string, string>;
  /** A one-line problem naming the file (invalid TOML, an unknown language). */
  error?: string;
}

function table(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export const DEFAULT_HEADER_CONFIG: HeaderConfig = {
  language: 'C',
  style: 'both',
  includeGuard: undefined,
  pragmaOnce: false,
  header: undefined,
  trailer: undefined,
  autogenWarning: undefined,
  noIncludes: false,
  sysIncludes: [],
  includes: [],
  afterIncludes: undefined,
  cppCompat: false,
  names: DEFAULT_CBINDGEN_CONFIG.names,
  prefix: '',
  exclude: new Set(),
  renames: new Map(),
  prefixVariantsWithName: false,
  renameVariants: undefined,
  include: [],
  usizeIsSizeT: false,
  documentation: true,
  documentationStyle: 'c',
  defines: new Map(),
};

/** `[defines]` keys as cbindgen writes them: `feature = x` (no quotes, one space around `=`). */
export function normalizeCfg(predicate: string): string {
  return predicate.trim().replace(/"/g, '').replace(/\s*=\s*/g, ' = ').replace(/\s+/g, ' ');
}

export function parseHeaderConfig(file: string, source: string | undefined): HeaderConfig {
  if (source === undefined) return DEFAULT_HEADER_CONFIG;
  const naming = parseCbindgenConfig(file, source);
  if (naming.error) return { ...DEFAULT_HEADER_CONFIG, error: naming.error };
  const root = table(parse(source));
  const language = text(root.language);
  let error: string | undefined;
  let lang: HeaderLanguage = 'C';
  if (language === 'C++' || language === 'Cxx' || language === 'c++') lang = 'C++';
  else if (language !== undefined && language !== 'C' && language !== 'c') error = `${file}: \`language = "${language}"\` is not written by this tool (C or C++); writing C`;
  const style = text(root.style);
  const exportSection = table(root.export);
  const defines = new Map<string, string>();
  for (const [cfg, macro] of Object.entries(table(root.defines))) if (typeof macro === 'string') defines.set(normalizeCfg(cfg), macro);
  return {
    language: lang,
    style: style === 'type' || style === 'Type' ? 'type' : style === 'tag' || style === 'Tag' ? 'tag' : 'both',
    includeGuard: text(root.include_guard),
    pragmaOnce: root.pragma_once === true,
    header: text(root.header),
    trailer: text(root.trailer),
    autogenWarning: text(root.autogen_warning),
    noIncludes: root.no_includes === true,
    sysIncludes: strings(root.sys_includes),
    includes: strings(root.includes),
    afterIncludes: text(root.after_includes),
    cppCompat: root.cpp_compat === true,
    names: naming.names,
    prefix: text(exportSection.prefix) ?? '',
    exclude: new Set(strings(exportSection.exclude)),
    renames: new Map(Object.entries(table(exportSection.rename)).filter((e): e is [string, string] => typeof e[1] === 'string')),
    prefixVariantsWithName: naming.prefixVariantsWithName,
    renameVariants: renameRule(table(root.enum).rename_variants),
    include: strings(exportSection.include),
    usizeIsSizeT: root.usize_is_size_t === true,
    documentation: root.documentation !== false,
    documentationStyle: root.documentation_style === 'c99' ? 'c99' : root.documentation_style === 'cxx' ? 'cxx' : 'c',
    defines,
    ...(error ? { error } : {}),
  };
}
