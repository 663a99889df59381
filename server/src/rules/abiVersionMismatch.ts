import type { Finding } from '../engine/types';
import { shortLocation } from '../interface/model';
import { crateConstants, returnedConstant, rustExports } from '../interface/rustSide';
import { DEFAULT_VERSION_NAMES, versionFor, versionNamePattern } from '../interface/versionNames';
import type { Rule } from './rule';
import { isSuppressed } from './suppression';

export const ABI_VERSION_MISMATCH = 'abi-version-mismatch';

export const abiVersionMismatch: Rule = {
  id: ABI_VERSION_MISMATCH,
  defaultSeverity: 'error',
  summary: 'The plugin exports a version function or static whose value differs from the version the interface declares.',
  check(crate) {
    // `rustPluginGuard.versionNames`, carried by the interfaces discovery built.
    const VERSION_NAME = versionNamePattern((crate.interfaces ?? []).find((i) => i.versionNames)?.versionNames ?? DEFAULT_VERSION_NAMES);
    if (!VERSION_NAME) return [];
    const versions = (crate.interfaces ?? []).flatMap((i) => i.constants).filter((c) => VERSION_NAME.test(c.name));
    if (versions.length === 0) return [];
    const constants = crateConstants(crate);
    const findings: Finding[] = [];
    for (const exported of rustExports(crate).values()) {
      if (!VERSION_NAME.test(exported.symbol)) continue;
      const { item, module, owners } = exported;
      const found = item.kind === 'function' ? returnedConstant(crate, item, module, constants) : constants.has(item.name) ? { value: constants.get(item.name)!, range: item.nameRange } : undefined;
      if (!found) continue;
      // The constant whose name is closest to the symbol (`plugin_abi_version` ↔ `PLUGIN_ABI_VERSION`).
      const version = versionFor(exported.symbol, versions, VERSION_NAME);
      if (!version || version.value === found.value) continue;
      if (isSuppressed(crate, ABI_VERSION_MISMATCH, [], { items: owners, module, file: module.file })) continue;
      findings.push({
        rule: ABI_VERSION_MISMATCH,
        severity: 'error',
        file: module.file,
        range: found.range,
        message: `\`${exported.symbol}\` reports version ${found.value}, but \`${version.name}\` is ${version.value} at \`${shortLocation(version.origin)}\`: a host checking the version refuses the plugin, or one that does not check uses it with the wrong interface.`,
        help: `return ${version.value} (the value of \`${version.name}\`), or update the declaration`,
        related: [{ location: { file: version.origin.file, range: version.origin.range }, message: `\`${version.name}\` = ${version.value}` }],
        fixes: item.kind !== 'function' ? [] : [{ title: `Change to \`${version.value}\` to match \`${shortLocation(version.origin)}\``, isPreferred: true, edits: [{ file: module.file, range: found.range, newText: String(version.value) }] }],
      });
    }
    return findings;
  },
};
