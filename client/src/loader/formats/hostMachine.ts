import * as os from 'node:os';
import type { HostMachine, LibraryFormat, LibraryProblem } from './types';

export function currentHost(): HostMachine {
  return { platform: process.platform, arch: process.arch, endianness: os.endianness() };
}

const BITS_64 = new Set(['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'mips64']);
/** 32- and 64-bit members of one family: loading the other is a word-size mismatch, not another architecture. */
const FAMILY: Record<string, string> = { x64: 'x86', ia32: 'x86', arm64: 'arm', arm: 'arm', ppc64: 'ppc', ppc: 'ppc', riscv64: 'riscv', riscv32: 'riscv', mips64el: 'mips', mipsel: 'mips', mips64: 'mips', mips: 'mips' };

const FORMAT_OF_PLATFORM = (platform: NodeJS.Platform): LibraryFormat => (platform === 'darwin' ? 'mach-o' : platform === 'win32' ? 'pe' : 'elf');
const FORMAT_NAME: Record<LibraryFormat, string> = { elf: 'an ELF shared object (.so, Linux and other Unix systems)', 'mach-o': 'a Mach-O library (.dylib, macOS)', pe: 'a Windows DLL (PE)' };
const OS_NAME: Partial<Record<NodeJS.Platform, string>> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/** Why this machine's loader would refuse a library of this format, architecture and word size. */
export function hostProblems(format: LibraryFormat, arch: string, bits: 32 | 64, endianness: 'LE' | 'BE', host: HostMachine): LibraryProblem[] {
  const expected = FORMAT_OF_PLATFORM(host.platform);
  if (format !== expected) {
    const osName = OS_NAME[host.platform] ?? host.platform;
    return [{ kind: 'wrong-os', message: `this is ${FORMAT_NAME[format]}, but this machine runs ${osName}, which loads ${FORMAT_NAME[expected]}: build the plugin on (or cross-compile it for) ${osName}` }];
  }
  const hostBits = BITS_64.has(host.arch) ? 64 : 32;
  const family = FAMILY[arch];
  if (family !== undefined && family === FAMILY[host.arch] && bits !== hostBits) {
    return [{ kind: 'wrong-word-size', message: `this is a ${bits}-bit ${arch} library, but this process is ${hostBits}-bit ${host.arch}: a process can only load libraries of its own word size; build for the ${host.arch} target` }];
  }
  if (arch !== host.arch || endianness !== host.endianness) {
    const what = arch !== host.arch ? `${arch}` : `${endianness === 'LE' ? 'little' : 'big'}-endian`;
    return [{ kind: 'wrong-architecture', message: `this library is built for ${what}, but this machine is ${host.arch}: build it for this machine's target (rustc --print host-tuple shows it) or run it where it belongs` }];
  }
  return [];
}
