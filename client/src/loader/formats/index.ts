// Reads a shared library's headers and exported symbols without loading it (nothing in it runs).
// Written by hand: no maintained npm package reads ELF, Mach-O and PE exports together, and the ones for a single
// format miss what a plugin check needs — section-less ELF, Mach-O export tries and fat files, PE forwarders and
// ordinal-only exports (../shared/reference/loader.md §12 lists the packages evaluated).
import { readFile, stat } from 'node:fs/promises';
import { readElf, isElf } from './elf';
import { currentHost } from './hostMachine';
import { machOKind, readMachO } from './machO';
import { isMz, readPe } from './pe';
import { LibraryFormatError, type HostMachine, type LibraryInfo } from './types';

export * from './types';
export { currentHost } from './hostMachine';

/**
 * The library's format, architecture and exports, plus what would stop this machine from loading it.
 * Throws only `LibraryFormatError`, for bytes that are not a shared library at all.
 */
export function readLibraryBytes(bytes: Uint8Array, host: HostMachine = currentHost()): LibraryInfo {
  try {
    return dispatch(bytes, host);
  } catch (error) {
    if (error instanceof LibraryFormatError) throw error;
    // The readers check every offset; anything else is a reader bug, still reported as this file's problem.
    throw new LibraryFormatError('malformed', `could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `readLibraryBytes` for a file; every error names the file. `bytes`: the file read already (libraryFileBytes). */
export async function readLibraryFile(file: string, host: HostMachine = currentHost(), bytes: Promise<Uint8Array> = libraryFileBytes(file)): Promise<LibraryInfo> {
  const read = await bytes;
  try {
    return readLibraryBytes(read, host);
  } catch (error) {
    throw (error as LibraryFormatError).withFile(file);
  }
}

/** The whole file, for readLibraryFile; rejects with a LibraryFormatError that names the file and what to do. */
export async function libraryFileBytes(file: string): Promise<Uint8Array> {
  try {
    if ((await stat(file)).isDirectory()) throw new LibraryFormatError('not-a-library', 'is a folder, not a library file: pick the built library inside it (under target/debug or target/release)');
    return await readFile(file);
  } catch (error) {
    if (error instanceof LibraryFormatError) throw error.withFile(file);
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist (build the crate first?)' : code === 'EACCES' ? 'cannot be read: permission denied' : `cannot be read (${code ?? String(error)})`;
    throw new LibraryFormatError('unreadable', `${file} ${reason}`, file);
  }
}

function dispatch(bytes: Uint8Array, host: HostMachine): LibraryInfo {
  if (bytes.length === 0) throw new LibraryFormatError('not-a-library', 'is empty (0 bytes): not a library; was the build interrupted?');
  if (isElf(bytes)) {
    if (bytes.length < 64 && !(bytes[4] === 1 && bytes.length >= 52)) throw new LibraryFormatError('malformed', `is an ELF file cut short inside its header (${bytes.length} bytes)`);
    return readElf(bytes, host);
  }
  const machO = machOKind(bytes);
  if (machO === 'java-class') throw new LibraryFormatError('not-a-library', 'is a Java class file (it starts with 0xCAFEBABE like a universal Mach-O file, but its next word is a class-file version), not a native library');
  if (machO) return readMachO(bytes, host);
  if (isMz(bytes)) return readPe(bytes, host);
  throw new LibraryFormatError('not-a-library', `is not a shared library: ${describe(bytes)}; expected an ELF (.so), Mach-O (.dylib) or PE (.dll) file`);
}

/** A hint at what the file is instead, for the message. */
function describe(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 512);
  if (head[0] === 0x21 && head[1] === 0x3c) return 'it is a static archive (`!<arch>`, e.g. a .rlib or .a), which cannot be loaded';
  const text = head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80);
  if (text) return 'it looks like a text file';
  return `its first bytes are ${[...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}
