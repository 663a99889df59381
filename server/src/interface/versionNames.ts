// Which declared constants and exported symbols carry an interface version (`rustPluginGuard.versionNames`).
// A name matches when it contains one of the configured words, case-insensitively, with or without the
// underscore (`PLUGIN_ABI_VERSION`, `plugin_abi_version`, `pluginAbiVersion`).
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
