// The hand-written half of the guest rules: a guest that writes its canonical-ABI exports itself
// (`#[export_name = "ns:pkg/iface@1.0.0#fn"]`, `cabi_realloc`, `cabi_post_*`) against the one world of its `wit/`.
// wit-missing-implementation: a world function with no export of its name (wit-component cannot make the
// component). wit-unknown-export: an export named for an interface the world does not export, for a function the
// interface does not have, or a `cabi_post_*` of no export. Judged only when the crate evidently writes this
// world's exports (one of them by its name, or any `…#…` name); resource functions (`#[method]…`) are not.
import { crateExports, type CrateExport } from '../boundary/crateExports';
import type { CrateModel } from '../crate/crateModel';
import type { Finding, RelatedInformation } from '../engine/types';
import { LineIndex } from '../parsing/lineIndex';
import { canonicalWorld, type CanonicalFunction, type CanonicalWorld } from '../wit/canonicalExports';

const POST = 'cabi_post_';

interface Judged {
  world: CanonicalWorld;
  exports: CrateExport[];
  required: Map<string, CanonicalFunction>;
}

function judged(crate: CrateModel): Judged | undefined {
  const world = canonicalWorld(crate);
  if (!world) return undefined;
  const exports = crateExports(crate).filter((e) => e.kind === 'function');
  const required = new Map([...world.functions, ...world.interfaces.flatMap((i) => i.functions)].map((f) => [f.name, f]));
  const writesThisWorld = exports.some((e) => required.has(e.symbol) || e.symbol.includes('#'));
  return writesThisWorld ? { world, exports, required } : undefined;
}

export function canonicalMissing(crate: CrateModel, rule: string): Finding[] {
  const found = judged(crate);
  if (!found) return [];
  const have = new Set(found.exports.map((e) => e.symbol));
  const anchor = found.exports.find((e) => e.symbol.includes('#')) ?? found.exports[0];
  if (!anchor) return [];
  const worldName = found.world.world.name;
  const findings: Finding[] = [];
  for (const [name, fn] of found.required) {
    if (have.has(name)) continue;
    const iface = name.includes('#') ? name.slice(0, name.indexOf('#')) : undefined;
    // Next to an export of the same interface, where the missing one would go.
    const near = (iface && found.exports.find((e) => e.symbol.startsWith(`${iface}#`))) || anchor;
    findings.push({
      rule,
      severity: 'error',
      file: near.file,
      range: near.range,
      message: `${iface ? `The interface \`${iface}\`` : `The world \`${worldName}\``} exports \`${fn.func.name.text}\`, but no function is exported as \`${name}\`: wit-component cannot make the component from this module.`,
      help: `export it: \`#[export_name = "${name}"] pub unsafe extern "C" fn …\` with the core signature of \`${fn.func.name.text}\``,
      related: [declaration(fn)],
      fixes: [],
    });
  }
  return findings;
}

export function canonicalUnknown(crate: CrateModel, rule: string): Finding[] {
  const found = judged(crate);
  if (!found) return [];
  const { world } = found;
  const exportNames = new Set(found.exports.map((e) => e.symbol));
  const findings: Finding[] = [];
  for (const exported of found.exports) {
    const isPost = exported.symbol.startsWith(POST);
    const base = isPost ? exported.symbol.slice(POST.length) : exported.symbol;
    const message = unknownName(world, base, found.required);
    if (isPost && !message && !exportNames.has(base)) {
      findings.push(finding(rule, exported, `\`${exported.symbol}\` is the post-return of \`${base}\`, which the crate does not export: nothing calls it.`));
      continue;
    }
    if (message) findings.push(finding(rule, exported, isPost ? `\`${exported.symbol}\` is the post-return of \`${base}\`, and ${message}` : `\`${exported.symbol}\`: ${message}`));
  }
  return findings;

  function finding(id: string, exported: CrateExport, message: string): Finding {
    return { rule: id, severity: 'warning', file: exported.file, range: exported.range, message, help: `name a function the world \`${world.world.name}\` exports (${[...found!.required.keys()].map((n) => `\`${n}\``).join(', ')}), or declare it in the WIT`, related: [], fixes: [] };
  }
}

/** Why `name` (a core export of the crate) names nothing the world exports; undefined when it does, or is not judged. */
function unknownName(world: CanonicalWorld, name: string, required: ReadonlyMap<string, CanonicalFunction>): string | undefined {
  if (required.has(name)) return undefined;
  const hash = name.indexOf('#');
  // A plain symbol is any core export (`_initialize`, a helper): only `…#…` names are the world's.
  if (hash < 0) return undefined;
  const ifaceName = name.slice(0, hash);
  const fn = name.slice(hash + 1);
  if (fn.startsWith('[')) return undefined; // resource functions: not judged
  const iface = world.interfaces.find((i) => i.name === ifaceName);
  if (!iface) return `the world \`${world.world.name}\` exports no interface \`${ifaceName}\`${world.interfaces.length > 0 ? ` (it exports ${world.interfaces.map((i) => `\`${i.name}\``).join(', ')})` : ''}.`;
  if (iface.gatedOut.has(fn)) return undefined;
  return `the interface \`${ifaceName}\` has no function \`${fn}\` (it has ${iface.functions.map((f) => `\`${f.func.name.text}\``).join(', ') || 'none'}).`;
}

function declaration(fn: CanonicalFunction): RelatedInformation {
  const lines = new LineIndex(fn.doc.text);
  const span = fn.func.name.span;
  return { location: { file: fn.doc.file, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } }, message: `declared here: \`${fn.doc.text.slice(fn.func.span.start, fn.func.span.end).replace(/\s+/g, ' ')}\`` };
}
