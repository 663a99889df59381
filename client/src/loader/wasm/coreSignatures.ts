// Compares a core module with what its world requires. `componentEmbed({ dummy: true })` makes a module with
// exactly the core imports and exports the canonical ABI gives the world; it names them the new way
// (`cm32p2||f`, `cm32p2|ns:pkg/iface@v|f`, `…_post`), while wit-bindgen and hand-written guests use the legacy
// names (`f`, `ns:pkg/iface@v#f`, `cabi_post_…`), which componentNew accepts too: both are mapped to one key.
// The new names shorten a version to what semver keeps compatible (`@0.1.0` → `@0.1`, `@2.3.4` → `@2`), so
// names are compared with versions shortened, and reported with the full ones the WIT gives (`fullNames`).
import { sameSignature, signatureText, type CoreModuleShape, type CoreSignature } from './coreModule';

export interface SignatureProblem {
  /** The core export or import name the guest has or should have. */
  name: string;
  message: string;
}

export interface SignatureCheck {
  missing: SignatureProblem[];
  wrong: SignatureProblem[];
  /** Imports of the module that the world does not have (componentNew rejects them). */
  unknownImports: SignatureProblem[];
}

const NEW_PREFIX = 'cm32p2';

/** The legacy name of a dummy module's export: `iface#f` / `f`, `cabi_post_…`; undefined for memory, realloc, initialize. */
function legacyExport(name: string): { name: string; post: boolean } | undefined {
  const parts = name.split('|');
  if (parts.length !== 3 || parts[0] !== NEW_PREFIX) return undefined;
  const [, iface, fn] = parts;
  const post = fn.endsWith('_post');
  const base = post ? fn.slice(0, -'_post'.length) : fn;
  const legacy = iface === '' ? base : `${iface}#${base}`;
  return { name: post ? `cabi_post_${legacy}` : legacy, post };
}

/** The legacy import module of a dummy import: `$root` or the interface name. */
function legacyImportModule(module: string): string | undefined {
  if (module === NEW_PREFIX) return '$root';
  return module.startsWith(`${NEW_PREFIX}|`) ? module.slice(NEW_PREFIX.length + 1) : undefined;
}

/** `ns:pkg/iface@0.1.0` → `ns:pkg/iface@0.1`, `@2.3.4` → `@2`, `@0.0.3` stays: the new names' form. */
export function shortVersion(name: string): string {
  return name.replace(/@(\d+)\.(\d+)\.(\d+)([^/#|]*)/g, (whole, major: string, minor: string, _patch: string, rest: string) => {
    if (rest !== '') return whole;
    if (major !== '0') return `@${major}`;
    return minor !== '0' ? `@0.${minor}` : whole;
  });
}

/**
 * Missing and mistyped exports, and imports the world lacks or types differently; `world` names it in messages,
 * `fullNames` (the world's export and import names with full versions) name what the module lacks.
 */
export function compareWithWorld(module: CoreModuleShape, dummy: CoreModuleShape, world: string, fullNames: readonly string[] = []): SignatureCheck {
  const check: SignatureCheck = { missing: [], wrong: [], unknownImports: [] };
  const full = new Map(fullNames.map((n) => [shortVersion(n), n] as const));
  const fullName = (name: string) => {
    const post = name.startsWith('cabi_post_');
    const base = post ? name.slice('cabi_post_'.length) : name;
    const named = full.get(base) ?? base;
    return post ? `cabi_post_${named}` : named;
  };
  // A module written with the new names is compared by them.
  const newNames = module.exports.some((e) => e.name.startsWith(`${NEW_PREFIX}|`));
  const exports = new Map(module.exports.map((e) => [newNames ? e.name : shortVersion(e.name), e] as const));
  for (const required of dummy.exports) {
    const legacy = legacyExport(required.name);
    if (!legacy) continue;
    const key = newNames ? required.name : legacy.name;
    const found = exports.get(key);
    const has = found?.signature;
    const name = found?.name ?? (newNames ? key : fullName(key));
    if (!found) {
      // A post-return function is optional: without one the host frees nothing (the leak check shows what that costs).
      if (!legacy.post) check.missing.push({ name, message: `world \`${world}\` exports \`${name}\` ${signatureText(required.signature)}, the module does not export it: a host cannot call it (and componentNew refuses the module)` });
      continue;
    }
    if (!sameSignature(has, required.signature)) check.wrong.push({ name, message: mismatch('exports', name, has, required.signature, world) });
  }
  const wanted = new Map<string, CoreSignature | undefined>();
  for (const i of dummy.imports) {
    const module = newNames ? i.module : legacyImportModule(i.module);
    if (module !== undefined) wanted.set(`${module}\u0000${i.name}`, i.signature);
  }
  for (const i of module.imports) {
    // WASI preview 1 imports are the adapter's (componentNew with the preview1 adapter), not the world's.
    if (i.module === 'wasi_snapshot_preview1' || i.module.startsWith('[export]') || i.name.startsWith('[resource-')) continue;
    const key = `${newNames ? i.module : shortVersion(i.module)}\u0000${i.name}`;
    if (!wanted.has(key)) {
      check.unknownImports.push({ name: `${i.module}#${i.name}`, message: `the module imports \`${i.name}\` from \`${i.module}\`, which world \`${world}\` does not import: no host of this world provides it` });
      continue;
    }
    const required = wanted.get(key);
    if (!sameSignature(i.signature, required)) check.wrong.push({ name: `${i.module}#${i.name}`, message: mismatch('imports', `${i.name}\` from \`${i.module}`, i.signature, required, world) });
  }
  return check;
}

function mismatch(what: string, name: string, has: CoreSignature | undefined, required: CoreSignature | undefined, world: string): string {
  return `the module ${what} \`${name}\` as ${signatureText(has)}, world \`${world}\` requires ${signatureText(required)} (the canonical ABI of its WIT signature): the host would pass or read the wrong values`;
}
