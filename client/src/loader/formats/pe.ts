// Windows DLLs (PE32 and PE32+): the export directory, with its ordinal-only entries and forwarders.
// Offsets: Microsoft's "PE Format" specification and ../shared/reference/loader.md §11.
import { BinaryReader } from './binaryReader';
import { hostProblems } from './hostMachine';
import { LibraryFormatError, type HostMachine, type LibraryInfo, type LibraryProblem } from './types';

const MACHINES: Record<number, string> = { 0x14c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64', 0x1c4: 'arm' };
const PE32 = 0x10b;
const PE32_PLUS = 0x20b;
const IMAGE_FILE_DLL = 0x2000;

export function isMz(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x4d && bytes[1] === 0x5a;
}

interface Section {
  virtualAddress: number;
  virtualSize: number;
  rawSize: number;
  rawOffset: number;
}

export function readPe(bytes: Uint8Array, host: HostMachine): LibraryInfo {
  const reader = new BinaryReader(bytes, true);
  const pe = reader.has(0x3c, 4) ? reader.u32(0x3c) : -1;
  if (!reader.has(pe, 4) || reader.u32(pe) !== 0x00004550) {
    throw new LibraryFormatError('not-a-library', 'starts with `MZ` but has no PE signature: an MS-DOS program, not a Windows DLL');
  }
  const coff = pe + 4;
  const machine = reader.u16(coff, 'Machine');
  const sectionCount = reader.u16(coff + 2, 'NumberOfSections');
  const optionalSize = reader.u16(coff + 16, 'SizeOfOptionalHeader');
  const characteristics = reader.u16(coff + 18, 'Characteristics');
  const optional = coff + 20;
  const magic = reader.u16(optional, 'optional header magic');
  if (magic !== PE32 && magic !== PE32_PLUS) throw new LibraryFormatError('malformed', `optional header magic 0x${magic.toString(16)} is neither PE32 (0x10b) nor PE32+ (0x20b)`);
  const bits = magic === PE32_PLUS ? 64 : 32;
  const arch = MACHINES[machine] ?? `machine 0x${machine.toString(16)}`;

  const sections: Section[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const at = optional + optionalSize + i * 40;
    sections.push({ virtualSize: reader.u32(at + 8, 'VirtualSize'), virtualAddress: reader.u32(at + 12, 'VirtualAddress'), rawSize: reader.u32(at + 16, 'SizeOfRawData'), rawOffset: reader.u32(at + 20, 'PointerToRawData') });
  }
  const problems: LibraryProblem[] = [];
  if ((characteristics & IMAGE_FILE_DLL) === 0) problems.push({ kind: 'not-shared-library', message: 'this is a Windows executable, not a DLL: build the crate with `crate-type = ["cdylib"]` and load the .dll' });
  const needed = Math.max(0, ...sections.map((s) => s.rawOffset + s.rawSize));
  if (needed > reader.size) problems.push({ kind: 'truncated', message: `the file is truncated: its sections need ${needed} bytes but it has ${reader.size}, so Windows would refuse to load it; rebuild it or copy it again` });
  problems.push(...hostProblems('pe', arch, bits, 'LE', host));

  const info: LibraryInfo = { format: 'pe', arch, bits, endianness: 'LE', exports: [], ordinalOnly: [], forwarded: [], problems };
  const directoryCount = reader.u32(optional + (bits === 64 ? 108 : 92), 'NumberOfRvaAndSizes');
  if (directoryCount === 0) return info;
  const exportRva = reader.u32(optional + (bits === 64 ? 112 : 96), 'export table RVA');
  const exportSize = reader.u32(optional + (bits === 64 ? 116 : 100), 'export table size');
  if (exportRva === 0) return info;
  try {
    readExports(reader, sections, exportRva, exportSize, info);
  } catch (error) {
    if (!(error instanceof LibraryFormatError && problems.some((p) => p.kind === 'truncated'))) throw error;
  }
  return info;
}

function readExports(reader: BinaryReader, sections: Section[], exportRva: number, exportSize: number, info: LibraryInfo): void {
  const offsetOf = (rva: number, what: string): number => {
    // Only the part of a section that is in the file: past SizeOfRawData the loader fills zeros.
    const section = sections.find((s) => rva >= s.virtualAddress && rva - s.virtualAddress < (s.virtualSize > 0 ? Math.min(s.virtualSize, s.rawSize) : s.rawSize));
    if (!section) throw new LibraryFormatError('malformed', `${what} (RVA 0x${rva.toString(16)}) is in no section of the file`);
    return rva - section.virtualAddress + section.rawOffset;
  };
  const directory = offsetOf(exportRva, 'export directory');
  const base = reader.u32(directory + 16, 'OrdinalBase');
  const functionCount = reader.u32(directory + 20, 'NumberOfFunctions');
  const nameCount = reader.u32(directory + 24, 'NumberOfNames');
  const functions = functionCount > 0 ? offsetOf(reader.u32(directory + 28, 'AddressOfFunctions'), 'export address table') : 0;
  const names = nameCount > 0 ? offsetOf(reader.u32(directory + 32, 'AddressOfNames'), 'export name table') : 0;
  const ordinals = nameCount > 0 ? offsetOf(reader.u32(directory + 36, 'AddressOfNameOrdinals'), 'export ordinal table') : 0;
  reader.check(functions, functionCount * 4, 'export address table');
  reader.check(names, nameCount * 4, 'export name table');
  reader.check(ordinals, nameCount * 2, 'export ordinal table');

  const named = new Set<number>();
  const exported = new Set<string>();
  for (let i = 0; i < nameCount; i++) {
    const name = reader.cString(offsetOf(reader.u32(names + i * 4), 'export name'), 'export name');
    const index = reader.u16(ordinals + i * 2);
    if (index >= functionCount) throw new LibraryFormatError('malformed', `export \`${name}\` points at function ${index}, but there are ${functionCount}`);
    named.add(index);
    exported.add(name);
    const rva = reader.u32(functions + index * 4);
    // An address inside the export directory is not code but a forwarder string, `OTHER.Function`.
    if (rva >= exportRva && rva < exportRva + exportSize) info.forwarded.push({ name, target: reader.cString(offsetOf(rva, 'forwarder'), 'forwarder') });
  }
  for (let index = 0; index < functionCount; index++) {
    if (!named.has(index) && reader.u32(functions + index * 4) !== 0) info.ordinalOnly.push(base + index);
  }
  info.exports = [...exported].sort();
  info.forwarded.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
