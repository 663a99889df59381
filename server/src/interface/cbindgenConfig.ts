// `cbindgen.toml` beside a crate: how cbindgen renamed the crate's types in the header it wrote, so that
// declared names map back to Rust items. Facts from cbindgen's documented `[export]` and `[enum]` sections.
import { parse } from 'smol-toml';
import { primitiveCType } from './cHeader/cPrimitives';
import type { NameMapping } from './model';

export interface CbindgenConfig {
  names: NameMapping;
  /** `[enum] prefix_with_name`: variants are written `Enum_Variant`. */
  prefixVariantsWithName: boolean;
  /** A one-line problem naming the file, when the file is not valid TOML. */
  error?: string;
}

const IDENTITY: CbindgenConfig = { names: { declaredNameOf: (name) => name }, prefixVariantsWithName: false };

function table(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function parseCbindgenConfig(file: string, text: string): CbindgenConfig {
  let root: Record<string, unknown>;
  try {
    root = table(parse(text));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ...IDENTITY, error: `${file}: not valid TOML (${message}); type names are compared as they are` };
  }
  const exportSection = table(root.export);
  const prefix = typeof exportSection.prefix === 'string' ? exportSection.prefix : '';
  const renames = new Map<string, string>();
  // `"Inspector" = "struct blaze_inspector"` names the tag: the declared record is `blaze_inspector`.
  for (const [from, to] of Object.entries(table(exportSection.rename))) if (typeof to === 'string') renames.set(from, to.trim().replace(/^(?:struct|union|enum)\s+/, ''));
  // By default a prefix is added to renamed names too; `renaming_overrides_prefixing` turns that off.
  const renamingOverridesPrefixing = exportSection.renaming_overrides_prefixing === true;
  const enumSection = table(root.enum);
  return {
    names: {
      declaredNameOf(rustName) {
        const renamed = renames.get(rustName);
        if (renamed !== undefined) return renamingOverridesPrefixing ? renamed : prefix + renamed;
        return prefix + rustName;
      },
      primitiveOf(rustName) {
        const renamed = renames.get(rustName);
        return renamed === undefined ? undefined : primitiveCType(renamed);
      },
    },
    prefixVariantsWithName: enumSection.prefix_with_name === true,
  };
}

export const DEFAULT_CBINDGEN_CONFIG = IDENTITY;
