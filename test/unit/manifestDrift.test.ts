// Rules, settings schema and docs must not drift apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/rules/registry';

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, { enum: string[]; markdownDescription: string }>; enum?: string[] }> } };
};
const properties = manifest.contributes.configuration.properties;

test('every rule has a severity setting in package.json', () => {
  const ruleSettings = properties['rustPluginGuard.rules'].properties ?? {};
  assert.deepEqual(Object.keys(ruleSettings).sort(), RULES.map((r) => r.id).sort());
  for (const setting of Object.values(ruleSettings)) assert.deepEqual(setting.enum, ['error', 'warning', 'information', 'hint', 'off']);
  for (const rule of RULES) assert.match(ruleSettings[rule.id].markdownDescription, new RegExp(`[(;] ?default: \`${rule.defaultSeverity}\``), `${rule.id}: default in package.json`);
  assert.deepEqual(properties['rustPluginGuard.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('every rule has a section in docs/rules.md', () => {
  const docs = readFileSync(path.join(root, 'docs', 'rules.md'), 'utf8');
  for (const rule of RULES) {
    assert.match(docs, new RegExp(`^## ${rule.id}$`, 'm'), `docs/rules.md lacks "## ${rule.id}"`);
    assert.match(docs, new RegExp(`\\*\\*Default severity:\\*\\* ${rule.defaultSeverity}\\.`), `${rule.id}: documented severity`);
    // The rule's own section, up to the next heading, states its default.
    const section = docs.slice(docs.indexOf(`\n## ${rule.id}\n`) + 1).split(/\n## /)[0];
    assert.match(section, new RegExp(`\\*\\*Default severity:\\*\\* ${rule.defaultSeverity}[.( ]`), `${rule.id}: severity in its own section`);
  }
});

test("the README's rule table lists every rule with its default severity", () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| `([a-z-]+)` \| (error|warning)\b/gm)].map((m) => [m[1], m[2]]));
  assert.deepEqual([...rows.keys()].sort(), RULES.map((r) => r.id).sort());
  for (const rule of RULES) assert.equal(rows.get(rule.id), rule.defaultSeverity, `README: ${rule.id}`);
});
