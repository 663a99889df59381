// Shared by the extension (client) and the language server, like vscode-eslint's `$shared` modules.

export const EXTENSION_ID = 'rustPluginGuard';
export const DIAGNOSTIC_SOURCE = 'rust-plugin-guard';
/** Where `codeDescription.href` of a diagnostic points: the rule's section of docs/rules.md. */
export const RULES_DOC_URL = 'https://github.com/rust-plugin-guard/rust-plugin-guard/blob/main/docs/rules.md';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface ServerSettings {
  /** Rule id → severity override. */
  rules: Record<string, SeveritySetting>;
}

export const DEFAULT_SETTINGS: ServerSettings = { rules: {} };

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);

/** Accepts whatever the client sent and keeps only well-formed entries. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const rules: Record<string, SeveritySetting> = {};
  const rawRules = raw !== null && typeof raw === 'object' ? (raw as { rules?: unknown }).rules : undefined;
  if (rawRules !== null && typeof rawRules === 'object') {
    for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value as SeveritySetting)) rules[id] = value as SeveritySetting;
    }
  }
  return { rules };
}

export function ruleDocUrl(ruleId: string): string {
  return `${RULES_DOC_URL}#${ruleId}`;
}
