// Builds small Mach-O dylibs byte by byte (no macOS toolchain here): a header, a __LINKEDIT segment, the export
// trie (LC_DYLD_INFO_ONLY or LC_DYLD_EXPORTS_TRIE) and/or LC_SYMTAB, and universal (fat) wrappers.
import { ByteWriter, ulebLength } from './byteWriter';

export const CPU = { x64: 0x01000007, arm64: 0x0100000c, ia32: 7 } as const;

export interface NlistEntry {
  name: string;
  /** n_type: 0x0f defined external, 0x01 undefined, 0x1f private extern, 0x0e local, 0x24 a stab. */
  type: number;
}

export interface MachOSpec {
  cpu: number;
  /** 6 = MH_DYLIB, 8 = MH_BUNDLE, 2 = MH_EXECUTE. */
  fileType?: number;
  /** Raw names (with their leading `_`) written to the trie; omitted = no trie. */
  trie?: string[];
  trieCommand?: 'dyld-info-only' | 'exports-trie';
  /** Trie bytes used as they are instead of `trie` (a malformed trie). */
  rawTrie?: Uint8Array;
  symbols?: NlistEntry[];
}

interface TrieNode {
  terminal: boolean;
  edges: { label: string; node: TrieNode }[];
}

/** A compressed prefix tree, as ld64 writes it: each edge carries the longest prefix its names share. */
function trieOf(names: string[]): TrieNode {
  const node: TrieNode = { terminal: names.includes(''), edges: [] };
  const rest = names.filter((n) => n !== '');
  const groups = new Map<string, string[]>();
  for (const name of rest) groups.set(name[0], [...(groups.get(name[0]) ?? []), name]);
  for (const group of groups.values()) {
    let prefix = group[0];
    for (const name of group) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
    node.edges.push({ label: prefix, node: trieOf(group.map((n) => n.slice(prefix.length))) });
  }
  return node;
}

/** Serializes the trie; node offsets are ULEB128, so sizes are recomputed until the layout stops moving. */
export function exportTrie(names: string[]): Uint8Array {
  const nodes: TrieNode[] = [];
  const visit = (n: TrieNode) => {
    nodes.push(n);
    n.edges.forEach((e) => visit(e.node));
  };
  visit(trieOf(names));
  const address = (i: number) => 0x1000 + i * 16;
  const offsets = new Map<TrieNode, number>(nodes.map((n) => [n, 0]));
  const write = (n: TrieNode, i: number, w: ByteWriter) => {
    if (n.terminal) w.uleb128(1 + ulebLength(address(i))).uleb128(0).uleb128(address(i));
    else w.uleb128(0);
    w.u8(n.edges.length);
    for (const e of n.edges) w.cString(e.label).uleb128(offsets.get(e.node)!);
  };
  for (let changed = true; changed; ) {
    changed = false;
    let at = 0;
    nodes.forEach((n, i) => {
      if (offsets.get(n) !== at) changed = true;
      offsets.set(n, at);
      const w = new ByteWriter();
      write(n, i, w);
      at += w.length;
    });
  }
  const out = new ByteWriter();
  nodes.forEach((n, i) => write(n, i, out));
  return out.done();
}

/** A thin 64-bit little-endian Mach-O file. */
export function buildMachO(spec: MachOSpec): Uint8Array {
  const trie = spec.rawTrie ?? (spec.trie ? exportTrie(spec.trie) : undefined);
  const symbols = spec.symbols ?? [];
  const commands: { size: number; write: (w: ByteWriter, data: Layout) => void }[] = [];
  commands.push({ size: 72, write: (w, d) => w.u32(0x19).u32(72).padded('__LINKEDIT', 16).u64(0x4000).u64(0x4000).u64(d.dataStart).u64(d.dataEnd - d.dataStart).u32(1).u32(1).u32(0).u32(0) });
  // dyld (and llvm-objdump) require a dylib to name itself.
  if ((spec.fileType ?? 6) === 6) commands.push({ size: 40, write: (w) => w.u32(0xd).u32(40).u32(24).u32(0).u32(0x10000).u32(0x10000).padded('plugin.dylib', 16) });
  if (trie && spec.trieCommand === 'exports-trie') commands.push({ size: 16, write: (w, d) => w.u32(0x80000033).u32(16).u32(d.trie).u32(trie.length) });
  else if (trie) commands.push({ size: 48, write: (w, d) => w.u32(0x80000022).u32(48).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(0).u32(d.trie).u32(trie.length) });
  if (spec.symbols) commands.push({ size: 24, write: (w, d) => w.u32(0x2).u32(24).u32(d.symbols).u32(symbols.length).u32(d.strings).u32(d.stringsSize) });

  const strings = new ByteWriter().u8(0); // offset 0 is the empty name
  const strx = symbols.map((s) => {
    const at = strings.length;
    strings.cString(s.name);
    return at;
  });
  const sizeofcmds = commands.reduce((sum, c) => sum + c.size, 0);
  const dataStart = 32 + sizeofcmds;
  const layout: Layout = { dataStart, trie: dataStart, symbols: 0, strings: 0, stringsSize: strings.length, dataEnd: 0 };
  layout.symbols = Math.ceil((dataStart + (trie?.length ?? 0)) / 8) * 8;
  layout.strings = layout.symbols + symbols.length * 16;
  layout.dataEnd = layout.strings + strings.length;

  const w = new ByteWriter().u32(0xfeedfacf).u32(spec.cpu).u32(0).u32(spec.fileType ?? 6).u32(commands.length).u32(sizeofcmds).u32(0).u32(0);
  for (const c of commands) c.write(w, layout);
  if (trie) w.raw(trie);
  w.align(8);
  symbols.forEach((s, i) => w.u32(strx[i]).u8(s.type).u8(s.type & 0x0e ? 1 : 0).u16(0).u64(s.type & 0x0e ? 0x1000 + i : 0));
  w.raw(strings.done());
  return w.done();
}

interface Layout {
  dataStart: number;
  trie: number;
  symbols: number;
  strings: number;
  stringsSize: number;
  dataEnd: number;
}

/** A universal file (big-endian `fat_header`, 32-bit `fat_arch` entries) holding the given slices. */
export function buildFat(slices: { cpu: number; bytes: Uint8Array }[]): Uint8Array {
  const w = new ByteWriter(false).u32(0xcafebabe).u32(slices.length);
  let offset = 0x1000;
  const placed = slices.map((s) => {
    const at = offset;
    offset = Math.ceil((offset + s.bytes.length) / 0x1000) * 0x1000;
    return at;
  });
  slices.forEach((s, i) => w.u32(s.cpu).u32(0).u32(placed[i]).u32(s.bytes.length).u32(12));
  slices.forEach((s, i) => {
    while (w.length < placed[i]) w.u8(0);
    w.raw(s.bytes);
  });
  return w.done();
}
