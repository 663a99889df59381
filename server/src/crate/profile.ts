import { parse as parseToml } from 'smol-toml';

/**
 * The `[profile.*]` tables of a manifest that set `panic = "abort"` (e.g. `["release"]`). Unreadable TOML
 * gives none: the manifest reader reports it already.
 */
export function panicAbortProfiles(manifestText: string | undefined): string[] {
  if (!manifestText || !/\bpanic\b/.test(manifestText)) return [];
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(manifestText) as Record<string, unknown>;
  } catch {
    return [];
  }
  const profiles = toml.profile;
  if (profiles === null || typeof profiles !== 'object') return [];
  return Object.entries(profiles as Record<string, unknown>)
    .filter(([, value]) => value !== null && typeof value === 'object' && (value as Record<string, unknown>).panic === 'abort')
    .map(([name]) => name);
}
