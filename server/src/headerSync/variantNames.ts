// Enum variant names as cbindgen writes them: `[enum] prefix_with_name` puts `Enum_` in front, then
// `rename_variants` recases the whole name (so `rustls_result_Ok` becomes `RUSTLS_RESULT_OK`);
// `QualifiedScreamingSnakeCase` is `ENUM_NAME_VARIANT` by itself.
import { snakeCase } from './dataEnum';

export type RenameRule = 'None' | 'LowerCase' | 'UpperCase' | 'PascalCase' | 'CamelCase' | 'SnakeCase' | 'ScreamingSnakeCase' | 'QualifiedScreamingSnakeCase';

const RULES = new Set<string>(['None', 'LowerCase', 'UpperCase', 'PascalCase', 'CamelCase', 'SnakeCase', 'ScreamingSnakeCase', 'QualifiedScreamingSnakeCase']);

export function renameRule(value: unknown): RenameRule | undefined {
  return typeof value === 'string' && RULES.has(value) ? (value as RenameRule) : undefined;
}

function pascal(name: string): string {
  return snakeCase(name).split('_').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function apply(rule: RenameRule, name: string): string {
  switch (rule) {
    case 'LowerCase':
      return name.toLowerCase();
    case 'UpperCase':
      return name.toUpperCase();
    case 'PascalCase':
      return pascal(name);
    case 'CamelCase': {
      const p = pascal(name);
      return p ? p[0].toLowerCase() + p.slice(1) : p;
    }
    case 'SnakeCase':
      return snakeCase(name);
    case 'ScreamingSnakeCase':
    case 'QualifiedScreamingSnakeCase':
      return snakeCase(name).toUpperCase();
    default:
      return name;
  }
}

export function variantName(enumName: string, variant: string, prefixWithName: boolean, rule: RenameRule | undefined): string {
  if (rule === 'QualifiedScreamingSnakeCase') return `${apply(rule, enumName)}_${apply(rule, variant)}`;
  const prefixed = prefixWithName ? `${enumName}_${variant}` : variant;
  return rule ? apply(rule, prefixed) : prefixed;
}
