// What the export readers return. Plain data: the preflight report and the CLI's JSON embed it as is.

export type LibraryFormat = 'elf' | 'mach-o' | 'pe';

/** Why `dlopen`/`LoadLibrary` would refuse (or crash on) a file that is still readable as a library. */
export type LibraryProblemKind = 'truncated' | 'wrong-architecture' | 'wrong-word-size' | 'wrong-os' | 'not-shared-library';

export interface LibraryProblem {
  kind: LibraryProblemKind;
  /** What is wrong, why it matters and what to do, in the words shown to the user. */
  message: string;
}

/** One architecture slice of a universal (fat) Mach-O file. */
export interface FatSlice {
  arch: string;
  bits: 32 | 64;
}

export interface LibraryInfo {
  format: LibraryFormat;
  /** Node's names (`process.arch`) where one exists: x64, ia32, arm64, arm, riscv64, …; else e.g. `machine 0x28`. */
  arch: string;
  bits: 32 | 64;
  endianness: 'LE' | 'BE';
  /** Symbol names a host can look up with `dlsym`/`GetProcAddress`/koffi (Mach-O's leading `_` removed), sorted, unique. */
  exports: string[];
  /** PE only: exports reachable by ordinal alone, which no name lookup finds. */
  ordinalOnly: number[];
  /** PE only: named exports that forward to another DLL (`name` → `OTHER.dll.Function`). */
  forwarded: { name: string; target: string }[];
  /** Mach-O universal files: every slice; `arch`/`exports` describe the one chosen for this machine. */
  slices?: FatSlice[];
  /** Empty when this machine could load the file. */
  problems: LibraryProblem[];
}

/** The machine the library is checked against; defaults to the running process. */
export interface HostMachine {
  platform: NodeJS.Platform;
  arch: string;
  endianness: 'LE' | 'BE';
}

export type LibraryErrorKind = 'not-a-library' | 'malformed' | 'unreadable';

/** The only error the readers throw: the file cannot be read as a shared library at all. */
export class LibraryFormatError extends Error {
  constructor(
    readonly kind: LibraryErrorKind,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'LibraryFormatError';
  }

  /** The same error with the file named in the message (readers only see bytes). */
  withFile(file: string): LibraryFormatError {
    return this.file ? this : new LibraryFormatError(this.kind, `${file}: ${this.message}`, file);
  }
}
