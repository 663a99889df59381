// Mach-O libraries, thin or universal (fat): exports from the dyld export trie (LC_DYLD_INFO[_ONLY] or
// LC_DYLD_EXPORTS_TRIE), else from LC_SYMTAB's external defined symbols. Offsets: Apple's <mach-o/loader.h>,
// <mach-o/fat.h>, <mach-o/nlist.h> and ../shared/reference/loader.md §11.
import { BinaryReader } from './binaryReader';
import { hostProblems } from './hostMachine';
import { LibraryFormatError, type FatSlice, type HostMachine, type LibraryInfo, type LibraryProblem } from './types';

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const MH_CIGAM = 0xcefaedfe;
const MH_CIGAM_64 = 0xcffaedfe;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
/** Java class files share 0xCAFEBABE; their next word is the class-file version (major ≥ 45), never a slice count that high. */
const MAX_FAT_SLICES = 44;
const CPU_ABI64 = 0x01000000;
const CPU_ABI64_32 = 0x02000000;
const CPUS: Record<number, string> = { 7: 'ia32', [7 | CPU_ABI64]: 'x64', 12: 'arm', [12 | CPU_ABI64]: 'arm64', [12 | CPU_ABI64_32]: 'arm64_32', 18: 'ppc', [18 | CPU_ABI64]: 'ppc64' };
const MH_DYLIB = 6;
const MH_BUNDLE = 8;
const FILE_TYPES: Record<number, string> = { 1: 'an object file (.o)', 2: 'an executable', 4: 'a core dump' };
const LC = { SEGMENT: 0x1, SYMTAB: 0x2, SEGMENT_64: 0x19, DYLD_INFO: 0x22, DYLD_INFO_ONLY: 0x80000022, DYLD_EXPORTS_TRIE: 0x80000033 } as const;

export type MachOKind = 'thin' | 'fat' | 'java-class' | undefined;

export function machOKind(bytes: Uint8Array): MachOKind {
  if (bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const le = view.getUint32(0, true);
  if (le === MH_MAGIC || le === MH_MAGIC_64 || le === MH_CIGAM || le === MH_CIGAM_64) return 'thin';
  const be = view.getUint32(0, false);
  if (be !== FAT_MAGIC && be !== FAT_MAGIC_64) return undefined;
  return view.getUint32(4, false) > MAX_FAT_SLICES ? 'java-class' : 'fat';
}

export function readMachO(bytes: Uint8Array, host: HostMachine): LibraryInfo {
  const file = new BinaryReader(bytes, false);
  if (machOKind(bytes) === 'thin') return readThin(file, host);
  const wide = file.u32(0) === FAT_MAGIC_64;
  const count = file.u32(4, 'nfat_arch');
  const entry = wide ? 32 : 20;
  const slices: (FatSlice & { offset: number; size: number })[] = [];
  for (let i = 0; i < count; i++) {
    const at = 8 + i * entry;
    const cpu = file.u32(at, 'cputype');
    slices.push({
      arch: archName(cpu),
      bits: cpu & CPU_ABI64 ? 64 : 32,
      offset: wide ? file.u64(at + 8, 'slice offset') : file.u32(at + 8, 'slice offset'),
      size: wide ? file.u64(at + 16, 'slice size') : file.u32(at + 12, 'slice size'),
    });
  }
  if (slices.length === 0) throw new LibraryFormatError('malformed', 'universal Mach-O file with no architecture slices');
  const chosen = slices.find((s) => s.arch === host.arch) ?? slices[0];
  const problems: LibraryProblem[] = [];
  if (!file.has(chosen.offset, chosen.size)) {
    problems.push(truncated(chosen.offset + chosen.size, file.size));
    return { format: 'mach-o', arch: chosen.arch, bits: chosen.bits, endianness: 'LE', exports: [], ordinalOnly: [], forwarded: [], slices: publicSlices(slices), problems: [...problems, ...hostProblems('mach-o', chosen.arch, chosen.bits, 'LE', host)] };
  }
  const thin = file.slice(chosen.offset, chosen.size);
  if (machOKind(thin.bytes) !== 'thin') throw new LibraryFormatError('malformed', `the ${chosen.arch} slice of this universal file is not a Mach-O image`);
  return { ...readThin(thin, host), slices: publicSlices(slices) };
}

function publicSlices(slices: FatSlice[]): FatSlice[] {
  return slices.map(({ arch, bits }) => ({ arch, bits }));
}

function archName(cpu: number): string {
  return CPUS[cpu] ?? `cputype 0x${cpu.toString(16)}`;
}

function truncated(needed: number, size: number): LibraryProblem {
  return { kind: 'truncated', message: `the file is truncated: it needs ${needed} bytes but has ${size}, so dyld would refuse or crash on it; rebuild it or copy it again` };
}

function readThin(raw: BinaryReader, host: HostMachine): LibraryInfo {
  const le = raw.u32(0) === MH_CIGAM || raw.u32(0) === MH_CIGAM_64; // read big-endian: a CIGAM value means little-endian
  const reader = new BinaryReader(raw.bytes, le);
  const bits = reader.u32(0) === MH_MAGIC_64 ? 64 : 32;
  const arch = archName(reader.u32(4, 'cputype'));
  const fileType = reader.u32(12, 'filetype');
  const ncmds = reader.u32(16, 'ncmds');
  const endianness = le ? 'LE' : 'BE';
  const problems: LibraryProblem[] = [];
  if (fileType !== MH_DYLIB && fileType !== MH_BUNDLE) {
    problems.push({ kind: 'not-shared-library', message: `this is ${FILE_TYPES[fileType] ?? `a Mach-O file of type ${fileType}`}, not a dynamic library: build the crate with \`crate-type = ["cdylib"]\` and load the .dylib` });
  }
  let trie: { offset: number; size: number } | undefined;
  let symtab: { symoff: number; nsyms: number; stroff: number; strsize: number } | undefined;
  let mapped = 0;
  let at = bits === 64 ? 32 : 28;
  for (let i = 0; i < ncmds; i++) {
    const cmd = reader.u32(at, 'load command');
    const size = reader.u32(at + 4, 'cmdsize');
    if (size < 8) throw new LibraryFormatError('malformed', `load command ${i} has size ${size}`);
    reader.check(at, size, `load command ${i}`);
    if (cmd === LC.SEGMENT_64) mapped = Math.max(mapped, reader.u64(at + 40) + reader.u64(at + 48));
    else if (cmd === LC.SEGMENT) mapped = Math.max(mapped, reader.u32(at + 32) + reader.u32(at + 36));
    else if (cmd === LC.DYLD_INFO || cmd === LC.DYLD_INFO_ONLY) trie = { offset: reader.u32(at + 40), size: reader.u32(at + 44) };
    else if (cmd === LC.DYLD_EXPORTS_TRIE) trie = { offset: reader.u32(at + 8), size: reader.u32(at + 12) };
    else if (cmd === LC.SYMTAB) symtab = { symoff: reader.u32(at + 8), nsyms: reader.u32(at + 12), stroff: reader.u32(at + 16), strsize: reader.u32(at + 20) };
    at += size;
  }
  if (mapped > reader.size) problems.push(truncated(mapped, reader.size));
  problems.push(...hostProblems('mach-o', arch, bits, endianness, host));
  let names: string[] = [];
  try {
    if (trie && trie.size > 0) names = trieExports(reader, trie.offset, trie.size);
    else if (symtab) names = symtabExports(reader, bits, symtab);
  } catch (error) {
    if (!(error instanceof LibraryFormatError && problems.some((p) => p.kind === 'truncated'))) throw error;
  }
  const exports = [...new Set(names.map((n) => (n.startsWith('_') ? n.slice(1) : n)))].sort();
  return { format: 'mach-o', arch, bits, endianness, exports, ordinalOnly: [], forwarded: [], problems };
}

/** Walks the trie depth-first; each node is visited once, so a cyclic or shared child offset cannot loop. */
function trieExports(reader: BinaryReader, start: number, size: number): string[] {
  const trie = reader.slice(start, size);
  const names: string[] = [];
  const visited = new Set<number>();
  const stack: { node: number; prefix: string }[] = [{ node: 0, prefix: '' }];
  while (stack.length > 0) {
    const { node, prefix } = stack.pop()!;
    if (visited.has(node)) throw new LibraryFormatError('malformed', `the export trie reaches node ${node} twice (a cycle or shared node)`);
    visited.add(node);
    const terminal = trie.uleb128(node, 'export trie terminal size');
    if (terminal.value > 0) names.push(prefix);
    let at = terminal.next + terminal.value;
    const children = trie.u8(at, 'export trie child count');
    at++;
    for (let i = 0; i < children; i++) {
      const label = trie.cStringAndNext(at, 'export trie edge label');
      at = label.next;
      const child = trie.uleb128(at, 'export trie child offset');
      at = child.next;
      if (child.value >= size) throw new LibraryFormatError('malformed', `export trie child offset ${child.value} is outside the trie (${size} bytes)`);
      stack.push({ node: child.value, prefix: prefix + label.text });
    }
  }
  return names;
}

const N_STAB = 0xe0;
const N_PEXT = 0x10;
const N_TYPE = 0x0e;
const N_SECT = 0x0e;
const N_EXT = 0x01;

/** External symbols defined in a section, not private-extern, not debugging entries. */
function symtabExports(reader: BinaryReader, bits: 32 | 64, symtab: { symoff: number; nsyms: number; stroff: number; strsize: number }): string[] {
  const entry = bits === 64 ? 16 : 12;
  reader.check(symtab.symoff, symtab.nsyms * entry, 'symbol table');
  reader.check(symtab.stroff, symtab.strsize, 'string table');
  const names: string[] = [];
  for (let i = 0; i < symtab.nsyms; i++) {
    const at = symtab.symoff + i * entry;
    const strx = reader.u32(at);
    const type = reader.u8(at + 4);
    if ((type & N_STAB) !== 0 || (type & N_EXT) === 0 || (type & N_PEXT) !== 0 || (type & N_TYPE) !== N_SECT) continue;
    if (strx >= symtab.strsize) throw new LibraryFormatError('malformed', `symbol ${i} names string offset ${strx}, past the string table`);
    const name = reader.cString(symtab.stroff + strx, 'symbol name', symtab.stroff + symtab.strsize);
    if (name !== '') names.push(name);
  }
  return names;
}
