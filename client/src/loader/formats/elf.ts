// ELF shared objects: the dynamic symbol table, read from the section headers (SHT_DYNSYM, as `nm -D` does) or,
// when a file has none, from PT_DYNAMIC (DT_SYMTAB/DT_STRTAB, counted through DT_HASH or DT_GNU_HASH) — which is
// all `dlopen` itself uses. Offsets: the System V gABI and ../shared/reference/loader.md §11.
import { BinaryReader } from './binaryReader';
import { hostProblems } from './hostMachine';
import { LibraryFormatError, type HostMachine, type LibraryInfo, type LibraryProblem } from './types';

const MACHINES: Record<number, string> = { 3: 'ia32', 8: 'mips', 20: 'ppc', 21: 'ppc64', 22: 's390x', 40: 'arm', 62: 'x64', 183: 'arm64', 243: 'riscv64', 258: 'loong64' };
const ET_DYN = 3;
const ET_NAMES: Record<number, string> = { 0: 'an ELF file of no type', 1: 'a relocatable object (.o)', 2: 'an executable', 4: 'a core dump' };
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const SHT_DYNSYM = 11;
const DT = { NULL: 0, HASH: 4, STRTAB: 5, SYMTAB: 6, STRSZ: 10, GNU_HASH: 0x6ffffef5 } as const;

export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

interface Layout {
  reader: BinaryReader;
  bits: 32 | 64;
  loads: { offset: number; vaddr: number; filesz: number }[];
  dynamic: { offset: number; filesz: number } | undefined;
}

export function readElf(bytes: Uint8Array, host: HostMachine): LibraryInfo {
  const elfClass = bytes[4];
  const data = bytes[5];
  if (elfClass !== 1 && elfClass !== 2) throw new LibraryFormatError('malformed', `ELF class byte is ${elfClass}, neither 1 (32-bit) nor 2 (64-bit)`);
  if (data !== 1 && data !== 2) throw new LibraryFormatError('malformed', `ELF data byte is ${data}, neither 1 (little-endian) nor 2 (big-endian)`);
  const bits = elfClass === 2 ? 64 : 32;
  const reader = new BinaryReader(bytes, data === 1);
  const w = bits === 64;
  const type = reader.u16(16, 'e_type');
  const machine = reader.u16(18, 'e_machine');
  const arch = MACHINES[machine] ?? `machine 0x${machine.toString(16)}`;
  const endianness = data === 1 ? 'LE' : 'BE';

  const phoff = reader.word(w ? 32 : 28, bits, 'e_phoff');
  const phentsize = reader.u16(w ? 54 : 42, 'e_phentsize');
  const phnum = reader.u16(w ? 56 : 44, 'e_phnum');
  const layout: Layout = { reader, bits, loads: [], dynamic: undefined };
  if (phnum > 0 && phentsize < (w ? 56 : 32)) throw new LibraryFormatError('malformed', `e_phentsize ${phentsize} is too small for a program header`);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    const pType = reader.u32(at, 'p_type');
    const offset = reader.word(at + (w ? 8 : 4), bits, 'p_offset');
    const vaddr = reader.word(at + (w ? 16 : 8), bits, 'p_vaddr');
    const filesz = reader.word(at + (w ? 32 : 16), bits, 'p_filesz');
    if (pType === PT_LOAD) layout.loads.push({ offset, vaddr, filesz });
    else if (pType === PT_DYNAMIC) layout.dynamic = { offset, filesz };
  }

  const problems: LibraryProblem[] = [];
  if (type !== ET_DYN) problems.push({ kind: 'not-shared-library', message: `this is ${ET_NAMES[type] ?? `an ELF file of type ${type}`}, not a shared library: build the crate with \`crate-type = ["cdylib"]\` and load the .so` });
  const mapped = Math.max(0, ...layout.loads.map((l) => l.offset + l.filesz));
  if (mapped > reader.size) {
    problems.push({ kind: 'truncated', message: `the file is truncated: its segments need ${mapped} bytes but it has ${reader.size}, so dlopen would crash the process (SIGBUS) when touching the missing pages; rebuild it or copy it again` });
  }
  problems.push(...hostProblems('elf', arch, bits, endianness, host));

  let exports: string[] = [];
  try {
    exports = dynamicSymbolsFromSections(layout) ?? dynamicSymbolsFromSegments(layout);
  } catch (error) {
    // A truncated file already has its problem; its symbols may simply be in the missing part.
    if (!(error instanceof LibraryFormatError && problems.some((p) => p.kind === 'truncated'))) throw error;
  }
  return { format: 'elf', arch, bits, endianness, exports, ordinalOnly: [], forwarded: [], problems };
}

/** SHT_DYNSYM and its linked string table; undefined when the file has no section headers or no such section. */
function dynamicSymbolsFromSections({ reader, bits }: Layout): string[] | undefined {
  const w = bits === 64;
  const shoff = reader.word(w ? 40 : 32, bits, 'e_shoff');
  const shentsize = reader.u16(w ? 58 : 46, 'e_shentsize');
  let shnum = reader.u16(w ? 60 : 48, 'e_shnum');
  if (shoff === 0) return undefined;
  if (shentsize < (w ? 64 : 40)) throw new LibraryFormatError('malformed', `e_shentsize ${shentsize} is too small for a section header`);
  // Extended numbering: e_shnum 0 with sections present puts the count in section 0's sh_size.
  if (shnum === 0) shnum = reader.word(shoff + (w ? 32 : 20), bits, 'section count');
  const section = (i: number) => {
    const at = shoff + i * shentsize;
    return {
      type: reader.u32(at + 4, 'sh_type'),
      offset: reader.word(at + (w ? 24 : 16), bits, 'sh_offset'),
      size: reader.word(at + (w ? 32 : 20), bits, 'sh_size'),
      link: reader.u32(at + (w ? 40 : 24), 'sh_link'),
      entsize: reader.word(at + (w ? 56 : 36), bits, 'sh_entsize'),
    };
  };
  for (let i = 0; i < shnum; i++) {
    const symtab = section(i);
    if (symtab.type !== SHT_DYNSYM) continue;
    if (symtab.link >= shnum) throw new LibraryFormatError('malformed', `.dynsym links to section ${symtab.link}, but there are ${shnum}`);
    const strtab = section(symtab.link);
    const entsize = symtab.entsize || (w ? 24 : 16);
    return readSymbols(reader, bits, symtab.offset, Math.floor(symtab.size / entsize), entsize, strtab.offset, strtab.size);
  }
  return undefined;
}

/** What the dynamic loader sees: PT_DYNAMIC's tables, addressed by virtual address and mapped through PT_LOAD. */
function dynamicSymbolsFromSegments(layout: Layout): string[] {
  const { reader, bits, dynamic } = layout;
  if (!dynamic) return [];
  const entry = bits === 64 ? 16 : 8;
  const tags = new Map<number, number>();
  for (let at = dynamic.offset; at + entry <= dynamic.offset + dynamic.filesz; at += entry) {
    const tag = reader.word(at, bits, 'd_tag');
    if (tag === DT.NULL) break;
    if (!tags.has(tag)) tags.set(tag, reader.word(at + entry / 2, bits, 'd_val'));
  }
  const symtab = tags.get(DT.SYMTAB);
  const strtab = tags.get(DT.STRTAB);
  if (symtab === undefined || strtab === undefined) return [];
  const fileOffset = (vaddr: number, what: string): number => {
    const load = layout.loads.find((l) => vaddr >= l.vaddr && vaddr < l.vaddr + l.filesz);
    if (!load) throw new LibraryFormatError('malformed', `${what} address 0x${vaddr.toString(16)} is in no loaded segment`);
    return vaddr - load.vaddr + load.offset;
  };
  const symOffset = fileOffset(symtab, 'DT_SYMTAB');
  const strOffset = fileOffset(strtab, 'DT_STRTAB');
  const strSize = tags.get(DT.STRSZ) ?? reader.size - strOffset;
  const hash = tags.get(DT.HASH);
  const gnuHash = tags.get(DT.GNU_HASH);
  let count: number;
  if (hash !== undefined) count = reader.u32(fileOffset(hash, 'DT_HASH') + 4, 'DT_HASH nchain');
  else if (gnuHash !== undefined) count = gnuHashSymbolCount(reader, bits, fileOffset(gnuHash, 'DT_GNU_HASH'));
  else return [];
  const entsize = bits === 64 ? 24 : 16;
  return readSymbols(reader, bits, symOffset, count, entsize, strOffset, strSize);
}

/** GNU hash tables do not store the symbol count: it is one past the last symbol of the highest bucket's chain. */
function gnuHashSymbolCount(reader: BinaryReader, bits: 32 | 64, at: number): number {
  const nbuckets = reader.u32(at, 'GNU hash nbuckets');
  const symoffset = reader.u32(at + 4, 'GNU hash symoffset');
  const bloomSize = reader.u32(at + 8, 'GNU hash bloom size');
  const buckets = at + 16 + bloomSize * (bits / 8);
  reader.check(buckets, nbuckets * 4, 'GNU hash buckets');
  let last = 0;
  for (let i = 0; i < nbuckets; i++) last = Math.max(last, reader.u32(buckets + i * 4));
  if (last < symoffset) return symoffset;
  const chains = buckets + nbuckets * 4;
  // Each step reads further into the file, so a chain without an end bit stops at the end of the file.
  while ((reader.u32(chains + (last - symoffset) * 4, 'GNU hash chain') & 1) === 0) last++;
  return last + 1;
}

function readSymbols(reader: BinaryReader, bits: 32 | 64, offset: number, count: number, entsize: number, strOffset: number, strSize: number): string[] {
  if (entsize < (bits === 64 ? 24 : 16)) throw new LibraryFormatError('malformed', `symbol entries of ${entsize} bytes are too small`);
  reader.check(offset, count * entsize, 'dynamic symbol table');
  reader.check(strOffset, strSize, 'dynamic string table');
  const names = new Set<string>();
  // Entry 0 is always the null symbol.
  for (let i = 1; i < count; i++) {
    const at = offset + i * entsize;
    const name = reader.u32(at, 'st_name');
    const info = reader.u8(at + (bits === 64 ? 4 : 12));
    const other = reader.u8(at + (bits === 64 ? 5 : 13));
    const shndx = reader.u16(at + (bits === 64 ? 6 : 14));
    const binding = info >> 4;
    const type = info & 0xf;
    const visibility = other & 3;
    // Defined, not local, not hidden/internal, not a section or file symbol: what dlsym can find.
    if (shndx === 0 || binding === 0 || visibility === 1 || visibility === 2 || type === 3 || type === 4) continue;
    if (name >= strSize) throw new LibraryFormatError('malformed', `symbol ${i} names string offset ${name}, past the string table (${strSize} bytes)`);
    const text = reader.cString(strOffset + name, 'symbol name', strOffset + strSize);
    if (text !== '') names.add(text);
  }
  return [...names].sort();
}
