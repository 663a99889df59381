// Rules, settings schema and docs must not drift apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/rules/registry';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, { enum: string[] }>; enum?: string[] }> } };
};
const properties = manifest.contributes.configuration.properties;

test('every rule has a severity setting in package.json', () => {
  const ruleSettings = properties['rustPluginGuard.rules'].properties ?? {};
  assert.deepEqual(Object.keys(ruleSettings).sort(), RULES.map((r) => r.id).sort());
  for (const setting of Object.values(ruleSettings)) assert.deepEqual(setting.enum, ['error', 'warning', 'information', 'hint', 'off']);
  assert.deepEqual(properties['rustPluginGuard.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('every rule has a section in docs/rules.md', () => {
  const docs = readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8');
  for (const rule of RULES) {
    assert.match(docs, new RegExp(`^## ${rule.id}$`, 'm'), `docs/rules.md lacks "## ${rule.id}"`);
    assert.match(docs, new RegExp(`\\*\\*Default severity:\\*\\* ${rule.defaultSeverity}\\.`), `${rule.id}: documented severity`);
  }
});
