// Builds small Windows DLLs byte by byte (no Windows toolchain here): DOS stub header, PE signature, COFF and
// optional headers (PE32 or PE32+), a `.text` and an `.edata` section holding the export directory.
import { ByteWriter } from './byteWriter';

export const MACHINE = { ia32: 0x14c, x64: 0x8664, arm64: 0xaa64 } as const;

export interface PeExport {
  /** Omitted: exported by ordinal only. */
  name?: string;
  /** `OTHER.Function`: a forwarder instead of code. */
  forwardTo?: string;
}

export interface PeSpec {
  bits: 32 | 64;
  machine: number;
  /** IMAGE_FILE_DLL; false builds an .exe. */
  dll?: boolean;
  ordinalBase?: number;
  /** In ordinal order (ordinal = base + index). */
  exports: PeExport[];
}

const FILE_ALIGN = 0x200;
const TEXT_RVA = 0x1000;
const EDATA_RVA = 0x2000;

export function buildPe(spec: PeSpec): Uint8Array {
  const edata = exportSection(spec);
  const optionalSize = spec.bits === 64 ? 240 : 224;
  const headersEnd = 0x40 + 4 + 20 + optionalSize + 2 * 40;
  const textRaw = Math.ceil(headersEnd / FILE_ALIGN) * FILE_ALIGN;
  const edataRaw = textRaw + FILE_ALIGN;
  const edataRawSize = Math.ceil(edata.length / FILE_ALIGN) * FILE_ALIGN;

  const w = new ByteWriter();
  w.u16(0x5a4d);
  while (w.length < 0x3c) w.u8(0);
  w.u32(0x40).u32(0x00004550);
  // COFF: Machine, NumberOfSections, TimeDateStamp, PointerToSymbolTable, NumberOfSymbols, SizeOfOptionalHeader, Characteristics
  w.u16(spec.machine).u16(2).u32(0).u32(0).u32(0).u16(optionalSize).u16(0x0002 | (spec.dll === false ? 0 : 0x2000) | (spec.bits === 32 ? 0x0100 : 0));
  const optional = w.length;
  w.u16(spec.bits === 64 ? 0x20b : 0x10b).u8(14).u8(0).u32(FILE_ALIGN).u32(edataRawSize).u32(0).u32(0).u32(TEXT_RVA);
  if (spec.bits === 32) w.u32(EDATA_RVA).u32(0x10000000);
  else w.u64(0x180000000);
  // SectionAlignment, FileAlignment, OS/image/subsystem versions, Win32VersionValue, SizeOfImage, SizeOfHeaders, CheckSum, Subsystem, DllCharacteristics
  w.u32(0x1000).u32(FILE_ALIGN).u16(6).u16(0).u16(0).u16(0).u16(6).u16(0).u32(0).u32(EDATA_RVA + 0x1000).u32(textRaw).u32(0).u16(2).u16(0x160);
  // Stack and heap reserve/commit: pointer-sized.
  for (let i = 0; i < 4; i++) {
    if (spec.bits === 64) w.u64(0x100000);
    else w.u32(0x100000);
  }
  w.u32(0).u32(16);
  w.u32(EDATA_RVA).u32(edata.length);
  for (let i = 1; i < 16; i++) w.u32(0).u32(0);
  if (w.length - optional !== optionalSize) throw new Error(`optional header is ${w.length - optional} bytes, expected ${optionalSize}`);
  // Sections: Name, VirtualSize, VirtualAddress, SizeOfRawData, PointerToRawData, relocations/line numbers, Characteristics
  w.padded('.text', 8).u32(0x10).u32(TEXT_RVA).u32(FILE_ALIGN).u32(textRaw).u32(0).u32(0).u16(0).u16(0).u32(0x60000020);
  w.padded('.edata', 8).u32(edata.length).u32(EDATA_RVA).u32(edataRawSize).u32(edataRaw).u32(0).u32(0).u16(0).u16(0).u32(0x40000040);
  while (w.length < textRaw) w.u8(0);
  w.raw(Uint8Array.from([0xc3])); // ret
  while (w.length < edataRaw) w.u8(0);
  w.raw(edata);
  w.align(FILE_ALIGN);
  return w.done();
}

/** The export directory and its tables, laid out from EDATA_RVA. */
function exportSection(spec: PeSpec): Uint8Array {
  const named = spec.exports.map((e, index) => ({ ...e, index })).filter((e) => e.name !== undefined);
  // The name table is sorted, so the loader can binary-search it.
  named.sort((a, b) => (a.name! < b.name! ? -1 : 1));
  const functions = EDATA_RVA + 40;
  const names = functions + spec.exports.length * 4;
  const ordinals = names + named.length * 4;
  let cursor = ordinals + named.length * 2;
  const strings = new ByteWriter();
  const place = (text: string) => {
    const rva = cursor + strings.length;
    strings.cString(text);
    return rva;
  };
  const dllName = place('plugin.dll');
  const nameRvas = named.map((e) => place(e.name!));
  const forwarders = spec.exports.map((e) => (e.forwardTo ? place(e.forwardTo) : undefined));
  cursor += strings.length;
  const w = new ByteWriter();
  w.u32(0).u32(0).u16(0).u16(0).u32(dllName).u32(spec.ordinalBase ?? 1).u32(spec.exports.length).u32(named.length).u32(functions).u32(names).u32(ordinals);
  spec.exports.forEach((_, i) => w.u32(forwarders[i] ?? TEXT_RVA));
  nameRvas.forEach((rva) => w.u32(rva));
  named.forEach((e) => w.u16(e.index));
  w.raw(strings.done());
  if (EDATA_RVA + w.length !== cursor) throw new Error('export section layout is inconsistent');
  return w.done();
}
