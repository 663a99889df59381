// Which declared constants and exported symbols carry an interface version (`rustPluginGuard.versionNames`).
// A name matches when it contains one of the configured words, case-insensitively, with or without the
// underscore (`PLUGIN_ABI_VERSION`, `plugin_abi_version`, `pluginAbiVersion`).
import type { DeclaredConstant } from './model';

export { DEFAULT_VERSION_NAMES } from '../protocol/settings';

export function versionNamePattern(names: readonly string[]): RegExp | undefined {
  const words = names.map((n) => n.trim()).filter((n) => n.length > 0);
  if (words.length === 0) return undefined;
  return new RegExp(`(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '_?')).join('|')})`, 'i');
}

/** The configured word inside `name` (`PLUGIN_ABI_VERSION` → `ABI_VERSION`), upper-cased, to pair a symbol with its constant. */
export function versionWord(name: string, pattern: RegExp): string | undefined {
  return pattern.exec(name)?.[0].toUpperCase().replace(/_/g, '');
}

/** The declared version an exported `symbol` is compared with: the same name, else the same version word, else the first. */
export function versionFor(symbol: string, versions: readonly DeclaredConstant[], pattern: RegExp): DeclaredConstant | undefined {
  const wanted = symbol.toUpperCase();
  return versions.find((v) => v.name.toUpperCase() === wanted) ?? versions.find((v) => versionWord(v.name, pattern) === versionWord(wanted, pattern)) ?? versions[0];
}
