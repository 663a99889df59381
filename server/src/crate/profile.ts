import { parse as parseToml } from 'smol-toml';
import type { CrateInfo } from './crateModel';

/**
 * The `[profile.*]` tables that build the crate with `panic = "abort"` (e.g. `["release"]`). Like cargo, they
 * come from the workspace root's manifest: a member's own `[profile]` tables are ignored (cargo warns
 * "profiles for the non root package will be ignored"). A custom profile that `inherits` an aborting one and
 * does not set `panic` itself aborts too. Unreadable TOML gives none: the manifest reader reports it already.
 */
export function panicAbortProfiles(crate: Pick<CrateInfo, 'manifest' | 'workspaceRoot'>): string[] {
  const text = (crate.workspaceRoot ?? crate.manifest)?.text;
  if (!text || !/\bpanic\b/.test(text)) return [];
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const profiles = isTable(toml.profile) ? toml.profile : {};
  const aborts = (name: string, depth: number): boolean => {
    const profile = profiles[name];
    if (!isTable(profile) || depth > 8) return false;
    if (profile.panic !== undefined) return profile.panic === 'abort';
    return typeof profile.inherits === 'string' && aborts(profile.inherits, depth + 1);
  };
  return Object.keys(profiles).filter((name) => aborts(name, 0));
}

function isTable(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
