// What the declared interfaces (C headers, host-side Rust) add to the probe plan: the symbols they require,
// the C return type they declare for an export (a `*const u8` declared `const char *` is a C string), and the
// version constant a version function's result must equal (paired as the `abi-version-mismatch` rule does).
import type { CrateModel } from '../crate/crateModel';
import { declaredSymbols, matchExports } from '../interface/exportMatches';
import { shortLocation, type CType } from '../interface/model';
import { DEFAULT_VERSION_NAMES, versionFor, versionNamePattern } from '../interface/versionNames';
import type { DeclaredValue, RequiredSymbol } from '../protocol/loader';

export interface InterfaceFacts {
  required: RequiredSymbol[];
  /** Symbol → the return type a declared function gives it (first declaration wins). */
  returns: ReadonlyMap<string, CType>;
  /** The version constant a zero-argument export named like a version must return. */
  expectedFor(symbol: string): DeclaredValue | undefined;
}

export function interfaceFacts(crate: CrateModel): InterfaceFacts {
  const required: RequiredSymbol[] = [];
  const returns = new Map<string, CType>();
  const seen = new Set<string>();
  for (const declared of matchExports(crate).applicable) {
    for (const declaration of declaredSymbols(declared)) {
      if (declaration.kind === 'function' && !returns.has(declaration.name)) returns.set(declaration.name, declaration.returnType);
      if (declaration.optional || seen.has(declaration.name)) continue;
      seen.add(declaration.name);
      required.push({ symbol: declaration.name, kind: declaration.kind, declaredAt: shortLocation(declaration.origin) });
    }
  }
  const pattern = versionNamePattern((crate.interfaces ?? []).find((i) => i.versionNames)?.versionNames ?? DEFAULT_VERSION_NAMES);
  const versions = pattern ? (crate.interfaces ?? []).flatMap((i) => i.constants).filter((c) => pattern.test(c.name)) : [];
  const expectedFor = (symbol: string): DeclaredValue | undefined => {
    if (!pattern || versions.length === 0 || !pattern.test(symbol)) return undefined;
    // Paired as the `abi-version-mismatch` rule pairs them (`plugin_abi_version` ↔ `PLUGIN_ABI_VERSION`).
    const version = versionFor(symbol, versions, pattern);
    return version && { constant: version.name, value: version.value.toString(), declaredAt: shortLocation(version.origin) };
  };
  return { required, returns, expectedFor };
}

/** `const char *` (or `const uint8_t *`): a declared, borrowed C string. */
export function isDeclaredCString(type: CType | undefined): boolean {
  return type?.kind === 'pointer' && type.constPointee && type.pointee.kind === 'int' && type.pointee.bits === 8;
}
