// The Plugins view's nodes for a WebAssembly component guest: its kind and its world (what it exports to the
// host and imports from it, the WIT files read). Pure, like pluginsTree.ts, so it is unit-tested without VS Code.
import type { PluginView, SourceLink } from '../../../server/src/protocol/plugins';
import { OPEN_DECLARATION_COMMAND } from '../../../server/src/protocol/interface';
import type { TreeNode } from './pluginsTree';

export function kindLeaf(id: string, plugin: PluginView): TreeNode {
  return plugin.kind === 'wasm-component'
    ? node(`${id}:kind`, 'kind', 'WASM component', 'symbol-module', 'A WebAssembly component guest: its boundary is a WIT world, not C symbols; a host instantiates it in a runtime (wasmtime, jco), not with dlopen.')
    : node(`${id}:kind`, 'kind', 'native cdylib', 'symbol-namespace', 'A native library loaded with dlopen/LoadLibrary: only its C symbols (`#[no_mangle] extern "C"`) and `#[repr(C)]` types cross to the host.');
}

export function worldNode(parent: string, plugin: PluginView): TreeNode | undefined {
  const world = plugin.world;
  if (!world) return undefined;
  const id = `${parent}:world`;
  const children: TreeNode[] = [
    ...world.exports.map((e) => node(`${id}:export:${e}`, `exports ${e}`, '', 'arrow-right', `The world exports \`${e}\`: the guest implements it (\`impl Guest\` / the interface's \`Guest\` trait) and the host calls it.`)),
    ...world.imports.map((i) => node(`${id}:import:${i}`, `imports ${i}`, '', 'arrow-left', `The world imports \`${i}\`: the host must provide it when it instantiates the component.`)),
    ...world.sources.map((s) => node(`${id}:source:${s.uri}`, s.label, 'WIT', 'file-code', `${s.label}: read for the world \`${world.name}\`. Click to open it.`, s)),
    ...world.errors.map((e, i) => node(`${id}:error:${i}`, 'problem', e, 'warning', `${e}. Until it is fixed the world shown may be incomplete.`)),
  ];
  const counts = `${world.exports.length} exported, ${world.imports.length} imported`;
  return {
    id,
    label: `world ${world.name}`,
    description: world.errors.length > 0 ? `${counts}, ${world.errors.length} problem(s)` : counts,
    tooltip: world.at ? `The WIT world \`${world.name}\` (${world.at.label}) the guest is generated from: its imports and exports are the component's interface.` : `The world \`${world.name}\` was not found in the crate's WIT: ${world.errors.join('; ')}`,
    icon: world.errors.length > 0 ? 'warning' : 'globe',
    ...(world.at ? { command: open(world.at) } : {}),
    children,
  };
}

function node(id: string, label: string, description: string, icon: string, tooltip: string, target?: SourceLink): TreeNode {
  return { id, label, description, icon, tooltip, ...(target ? { command: open(target) } : {}), children: [] };
}

function open(link: SourceLink): NonNullable<TreeNode['command']> {
  return { command: OPEN_DECLARATION_COMMAND, title: `Open ${link.label}`, arguments: [link.uri, link.range] };
}
