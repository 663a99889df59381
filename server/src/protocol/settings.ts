// Shared by the extension (client) and the language server, like vscode-eslint's `$shared` modules.

export const EXTENSION_ID = 'rustPluginGuard';
export const DIAGNOSTIC_SOURCE = 'rust-plugin-guard';
/** Where `codeDescription.href` of a diagnostic points: the rule's section of docs/rules.md. */
export const RULES_DOC_URL = 'https://github.com/rust-plugin-guard/rust-plugin-guard/blob/main/docs/rules.md';

export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** `rustPluginGuard.diagnostics.scope`: every crate of the workspace, or only crates with an open file. */
export type DiagnosticsScope = 'workspace' | 'openFiles';

export interface ServerSettings {
  /** Rule id → severity override. */
  rules: Record<string, SeveritySetting>;
  /** `rustPluginGuard.interfaces`: package name (or `*`) → globs of declared-interface files. */
  interfaces: Record<string, string[]>;
  /** `rustPluginGuard.versionNames`: words that name an interface version constant or export. */
  versionNames: string[];
  diagnosticsScope: DiagnosticsScope;
  /** `rustPluginGuard.target`: the target triple checked; undefined for the host. */
  target?: string;
  /** `rustPluginGuard.features`: Cargo features the build has besides the defaults; `"*"` for all. */
  features?: string[];
}

export const DEFAULT_VERSION_NAMES = ['ABI_VERSION', 'API_VERSION', 'INTERFACE_VERSION'];

export const DEFAULT_SETTINGS: ServerSettings = { rules: {}, interfaces: {}, versionNames: DEFAULT_VERSION_NAMES, diagnosticsScope: 'workspace' };

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
  const interfaces: Record<string, string[]> = {};
  const rawInterfaces = raw !== null && typeof raw === 'object' ? (raw as { interfaces?: unknown }).interfaces : undefined;
  if (rawInterfaces !== null && typeof rawInterfaces === 'object' && !Array.isArray(rawInterfaces)) {
    for (const [crate, globs] of Object.entries(rawInterfaces as Record<string, unknown>)) {
      if (Array.isArray(globs)) interfaces[crate] = globs.filter((g): g is string => typeof g === 'string');
    }
  }
  const rawNames = raw !== null && typeof raw === 'object' ? (raw as { versionNames?: unknown }).versionNames : undefined;
  // Identifier characters only: each word becomes part of a pattern.
  const versionNames = Array.isArray(rawNames) ? rawNames.filter((n): n is string => typeof n === 'string' && /^\w+$/.test(n)) : DEFAULT_VERSION_NAMES;
  const rawScope = raw !== null && typeof raw === 'object' ? (raw as { diagnostics?: { scope?: unknown } }).diagnostics?.scope : undefined;
  const diagnosticsScope: DiagnosticsScope = rawScope === 'openFiles' ? 'openFiles' : 'workspace';
  const rawTarget = raw !== null && typeof raw === 'object' ? (raw as { target?: unknown }).target : undefined;
  const target = typeof rawTarget === 'string' && /^[A-Za-z0-9_.-]+$/.test(rawTarget.trim()) ? rawTarget.trim() : undefined;
  const rawFeatures = raw !== null && typeof raw === 'object' ? (raw as { features?: unknown }).features : undefined;
  const features = Array.isArray(rawFeatures) ? rawFeatures.filter((f): f is string => typeof f === 'string' && /^(\*|[\w.+/-]+)$/.test(f)) : [];
  return { rules, interfaces, versionNames, diagnosticsScope, ...(target ? { target } : {}), ...(features.length > 0 ? { features } : {}) };
}

/** The engine's feature selection for `rustPluginGuard.features` (undefined: the defaults only). */
export function featureSelection(settings: Pick<ServerSettings, 'features'>): { features: string[]; all: boolean } | undefined {
  const list = settings.features ?? [];
  return list.length > 0 ? { features: list.filter((f) => f !== '*'), all: list.includes('*') } : undefined;
}

export function ruleDocUrl(ruleId: string): string {
  return `${RULES_DOC_URL}#${ruleId}`;
}
