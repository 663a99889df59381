// The export readers against the machine's own tools (nm, llvm-objdump) on real files, and against Mach-O and PE
// files built byte by byte (test/support/machOBuilder.ts, peBuilder.ts).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LibraryFormatError, readLibraryBytes, readLibraryFile, type HostMachine } from '../../client/src/loader/formats';
import { tempDir } from '../support/engine';
import { builtFormatsFixture } from '../support/formatsFixture';
import { buildFat, buildMachO, CPU } from '../support/machOBuilder';
import { buildPe, MACHINE } from '../support/peBuilder';

const LINUX_X64: HostMachine = { platform: 'linux', arch: 'x64', endianness: 'LE' };
const MAC_ARM64: HostMachine = { platform: 'darwin', arch: 'arm64', endianness: 'LE' };
const MAC_X64: HostMachine = { platform: 'darwin', arch: 'x64', endianness: 'LE' };
const WIN_X64: HostMachine = { platform: 'win32', arch: 'x64', endianness: 'LE' };
const WIN_IA32: HostMachine = { platform: 'win32', arch: 'ia32', endianness: 'LE' };
const FIXTURE_EXPORTS = ['PLUGIN_FLAGS', 'plugin_abi_version', 'plugin_add', 'plugin_name'];
const repoRoot = path.resolve(__dirname, '../..');
const hasTool = (tool: string) => spawnSync(tool, ['--version']).status === 0;

/** `nm -D --defined-only`, names without their `@VERSION` suffix. */
function nmDynamic(file: string): string[] {
  const out = execFileSync('nm', ['-D', '--defined-only', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return [...new Set(out.split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/).pop()!.replace(/@.*$/, '')))].sort();
}

function copyWith(file: string, name: string, edit: (bytes: Buffer) => Buffer): string {
  const out = path.join(tempDir('rpg-elf-'), name);
  writeFileSync(out, edit(Buffer.from(readFileSync(file))));
  return out;
}

/** Zeroes e_shoff, e_shentsize, e_shnum and e_shstrndx (ELF64), so only PT_DYNAMIC describes the symbols. */
const withoutSections = (bytes: Buffer) => {
  bytes.fill(0, 40, 48);
  bytes.fill(0, 58, 64);
  return bytes;
};

async function rejects(file: string, kind: string, pattern: RegExp): Promise<void> {
  await assert.rejects(readLibraryFile(file, LINUX_X64), (error: unknown) => {
    assert.ok(error instanceof LibraryFormatError, `expected LibraryFormatError, got ${String(error)}`);
    assert.equal(error.kind, kind);
    assert.ok(error.message.includes(file), `message names the file: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('ELF', { skip: process.platform !== 'linux' && 'ELF files of this machine are compared with nm on Linux only' }, () => {
  const machineFiles = () => {
    const lib = '/usr/lib/x86_64-linux-gnu';
    return [
      `${lib}/libc.so.6`,
      `${lib}/libz.so.1`,
      `${lib}/libBrokenLocale.so.1`,
      path.join(repoRoot, 'node_modules/@koromix/koffi-linux-x64/linux_x64/koffi.node'),
      path.join(repoRoot, 'node_modules/tree-sitter-c/prebuilds/linux-x64/tree-sitter-c.node'),
      builtFormatsFixture().library,
    ].filter((f) => existsSync(f));
  };

  it('lists the same exports as `nm -D --defined-only` for shared objects on this machine', async () => {
    const files = machineFiles();
    assert.ok(files.length >= 3, `expected at least 3 ELF files to compare, found ${files.join(', ')}`);
    for (const file of files) {
      const info = await readLibraryFile(file, LINUX_X64);
      assert.deepEqual(info.exports, nmDynamic(file), file);
      assert.equal(info.format, 'elf');
      assert.deepEqual(info.problems, [], file);
    }
  });

  it('reads the fixture cdylib: exactly its #[no_mangle] / #[export_name] items, 64-bit little-endian x64', async () => {
    const info = await readLibraryFile(builtFormatsFixture().library, LINUX_X64);
    assert.deepEqual({ format: info.format, arch: info.arch, bits: info.bits, endianness: info.endianness, exports: info.exports }, { format: 'elf', arch: 'x64', bits: 64, endianness: 'LE', exports: FIXTURE_EXPORTS });
  });

  it('reads section-stripped copies through PT_DYNAMIC (DT_GNU_HASH for the cdylib, DT_HASH for glibc libraries)', async () => {
    const originals = [builtFormatsFixture().library, '/usr/lib/x86_64-linux-gnu/libBrokenLocale.so.1', '/usr/lib/x86_64-linux-gnu/libc.so.6'].filter((f) => existsSync(f));
    for (const original of originals) {
      const stripped = copyWith(original, `stripped-${path.basename(original)}`, withoutSections);
      // nm needs the section headers, so it sees nothing in the copy: the symbols come from the dynamic segment.
      assert.deepEqual(nmDynamic(stripped), []);
      const info = await readLibraryFile(stripped, LINUX_X64);
      assert.deepEqual(info.exports, nmDynamic(original), original);
    }
  });

  it('reports a truncated copy (dlopen would SIGBUS) without throwing', async () => {
    const library = builtFormatsFixture().library;
    const cut = copyWith(library, 'truncated.so', (b) => b.subarray(0, Math.floor(b.length / 2)));
    const info = await readLibraryFile(cut, LINUX_X64);
    assert.deepEqual(info.problems.map((p) => p.kind), ['truncated']);
    assert.match(info.problems[0].message, /truncated.*SIGBUS/);
  });

  it('reports an aarch64 library (crafted e_machine) as the wrong architecture, with its exports', async () => {
    const arm = copyWith(builtFormatsFixture().library, 'arm64.so', (b) => {
      b.writeUInt16LE(183, 18);
      return b;
    });
    const info = await readLibraryFile(arm, LINUX_X64);
    assert.equal(info.arch, 'arm64');
    assert.deepEqual(info.problems.map((p) => p.kind), ['wrong-architecture']);
    assert.match(info.problems[0].message, /built for arm64, but this machine is x64/);
    assert.deepEqual(info.exports, FIXTURE_EXPORTS);
    assert.deepEqual(readLibraryBytes(readFileSync(arm), { platform: 'linux', arch: 'arm64', endianness: 'LE' }).problems, []);
  });

  it('reports an executable (e_type ET_EXEC) as not a shared library', async () => {
    const exe = copyWith(builtFormatsFixture().library, 'exec.so', (b) => {
      b.writeUInt16LE(2, 16);
      return b;
    });
    assert.deepEqual((await readLibraryFile(exe, LINUX_X64)).problems.map((p) => p.kind), ['not-shared-library']);
  });
});

describe('ELF headers built byte by byte', () => {
  /** A 52-byte ELF32 header for i386 with no program or section headers. */
  const elf32 = (machine: number) => {
    const b = Buffer.alloc(52);
    b.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1], 0);
    b.writeUInt16LE(3, 16);
    b.writeUInt16LE(machine, 18);
    b.writeUInt16LE(52, 40);
    return b;
  };

  it('reports a 32-bit x86 library on a 64-bit x86 machine as the wrong word size', () => {
    const info = readLibraryBytes(elf32(3), LINUX_X64);
    assert.deepEqual({ arch: info.arch, bits: info.bits, exports: info.exports }, { arch: 'ia32', bits: 32, exports: [] });
    assert.deepEqual(info.problems.map((p) => p.kind), ['wrong-word-size']);
    assert.match(info.problems[0].message, /32-bit ia32 library, but this process is 64-bit x64/);
  });

  it('rejects an ELF file cut inside its header with the typed error', () => {
    assert.throws(() => readLibraryBytes(elf32(3).subarray(0, 20), LINUX_X64), (e: unknown) => e instanceof LibraryFormatError && e.kind === 'malformed');
  });
});

describe('Mach-O built byte by byte', () => {
  const names = ['_plugin_init', '_plugin_free', '_plugin', '_abc_version', '_zeta'];
  const expected = ['abc_version', 'plugin', 'plugin_free', 'plugin_init', 'zeta'];

  it('reads a thin 64-bit dylib from its LC_DYLD_INFO_ONLY export trie (not LC_SYMTAB) and strips the leading `_`', () => {
    const bytes = buildMachO({ cpu: CPU.arm64, trie: names, symbols: [{ name: '_only_in_symtab', type: 0x0f }] });
    const info = readLibraryBytes(bytes, MAC_ARM64);
    assert.deepEqual({ format: info.format, arch: info.arch, bits: info.bits, exports: info.exports, problems: info.problems }, { format: 'mach-o', arch: 'arm64', bits: 64, exports: expected, problems: [] });
  });

  it('reads an LC_DYLD_EXPORTS_TRIE (chained-fixups) dylib', () => {
    const info = readLibraryBytes(buildMachO({ cpu: CPU.x64, trie: names, trieCommand: 'exports-trie' }), MAC_X64);
    assert.deepEqual(info.exports, expected);
  });

  it('falls back to LC_SYMTAB: defined external symbols only', () => {
    const symbols = [
      { name: '_exported', type: 0x0f },
      { name: '_imported', type: 0x01 },
      { name: '_private_extern', type: 0x1f },
      { name: '_local', type: 0x0e },
      { name: '_debug_stab', type: 0x24 },
      { name: 'no_underscore', type: 0x0f },
    ];
    assert.deepEqual(readLibraryBytes(buildMachO({ cpu: CPU.x64, symbols }), MAC_X64).exports, ['exported', 'no_underscore']);
  });

  it('picks the slice of a universal file that matches the machine, and lists all slices', () => {
    const fat = buildFat([
      { cpu: CPU.x64, bytes: buildMachO({ cpu: CPU.x64, trie: ['_intel_only'] }) },
      { cpu: CPU.arm64, bytes: buildMachO({ cpu: CPU.arm64, trie: ['_arm_only'] }) },
    ]);
    const arm = readLibraryBytes(fat, MAC_ARM64);
    assert.deepEqual({ arch: arm.arch, exports: arm.exports, problems: arm.problems, slices: arm.slices }, { arch: 'arm64', exports: ['arm_only'], problems: [], slices: [{ arch: 'x64', bits: 64 }, { arch: 'arm64', bits: 64 }] });
    assert.deepEqual(readLibraryBytes(fat, MAC_X64).exports, ['intel_only']);
    const ppc = readLibraryBytes(fat, { platform: 'darwin', arch: 'ppc64', endianness: 'LE' });
    assert.deepEqual(ppc.problems.map((p) => p.kind), ['wrong-architecture']);
  });

  it('reports the other OS, an executable and a truncated file as problems', () => {
    assert.deepEqual(readLibraryBytes(buildMachO({ cpu: CPU.x64, trie: ['_a'] }), LINUX_X64).problems.map((p) => p.kind), ['wrong-os']);
    assert.deepEqual(readLibraryBytes(buildMachO({ cpu: CPU.x64, trie: ['_a'], fileType: 2 }), MAC_X64).problems.map((p) => p.kind), ['not-shared-library']);
    const whole = buildMachO({ cpu: CPU.x64, trie: names });
    const cut = readLibraryBytes(whole.subarray(0, whole.length - 4), MAC_X64);
    assert.deepEqual(cut.problems.map((p) => p.kind), ['truncated']);
  });

  it('rejects a cyclic export trie with the typed error instead of looping', () => {
    // Root: not terminal, one edge "_a" leading back to the root itself.
    const rawTrie = Uint8Array.from([0x00, 0x01, 0x5f, 0x61, 0x00, 0x00]);
    assert.throws(() => readLibraryBytes(buildMachO({ cpu: CPU.x64, rawTrie }), MAC_X64), (e: unknown) => e instanceof LibraryFormatError && /twice/.test(e.message));
  });

  it('builds files llvm-objdump reads the same way', { skip: !hasTool('llvm-objdump') && 'llvm-objdump is not installed' }, () => {
    const file = path.join(tempDir('rpg-macho-'), 'plugin.dylib');
    writeFileSync(file, buildMachO({ cpu: CPU.arm64, trie: names }));
    const out = execFileSync('llvm-objdump', ['--macho', '--exports-trie', file], { encoding: 'utf8' });
    const listed = [...out.matchAll(/^0x[0-9A-F]+\s+_(\S+)$/gm)].map((m) => m[1]).sort();
    assert.deepEqual(listed, expected);
  });
});

describe('PE built byte by byte', () => {
  const exports = [{ name: 'plugin_init' }, {}, { name: 'plugin_free', forwardTo: 'OTHER.free_it' }, { name: 'abc' }];

  it('reads a PE32+ DLL: names, an ordinal-only export and a forwarder', () => {
    const info = readLibraryBytes(buildPe({ bits: 64, machine: MACHINE.x64, ordinalBase: 5, exports }), WIN_X64);
    assert.deepEqual(info, { format: 'pe', arch: 'x64', bits: 64, endianness: 'LE', exports: ['abc', 'plugin_free', 'plugin_init'], ordinalOnly: [6], forwarded: [{ name: 'plugin_free', target: 'OTHER.free_it' }], problems: [] });
  });

  it('reads a PE32 DLL and reports it as the wrong word size for a 64-bit process', () => {
    const bytes = buildPe({ bits: 32, machine: MACHINE.ia32, exports: [{ name: 'plugin_init' }] });
    const info = readLibraryBytes(bytes, WIN_X64);
    assert.deepEqual({ arch: info.arch, bits: info.bits, exports: info.exports }, { arch: 'ia32', bits: 32, exports: ['plugin_init'] });
    assert.deepEqual(info.problems.map((p) => p.kind), ['wrong-word-size']);
    assert.deepEqual(readLibraryBytes(bytes, WIN_IA32).problems, []);
  });

  it('reports an .exe and a DLL on Linux as problems; an MZ file without a PE header is not a library', () => {
    assert.deepEqual(readLibraryBytes(buildPe({ bits: 64, machine: MACHINE.x64, dll: false, exports }), WIN_X64).problems.map((p) => p.kind), ['not-shared-library']);
    assert.deepEqual(readLibraryBytes(buildPe({ bits: 64, machine: MACHINE.x64, exports }), LINUX_X64).problems.map((p) => p.kind), ['wrong-os']);
    const dos = Buffer.alloc(128);
    dos.write('MZ');
    assert.throws(() => readLibraryBytes(dos, WIN_X64), (e: unknown) => e instanceof LibraryFormatError && e.kind === 'not-a-library' && /MS-DOS/.test(e.message));
  });

  it('builds files llvm-objdump reads the same way', { skip: !hasTool('llvm-objdump') && 'llvm-objdump is not installed' }, () => {
    const file = path.join(tempDir('rpg-pe-'), 'plugin.dll');
    writeFileSync(file, buildPe({ bits: 64, machine: MACHINE.x64, exports }));
    const out = execFileSync('llvm-objdump', ['-p', file], { encoding: 'utf8' });
    assert.match(out, /^\s+2\s+0x1000\s*$/m, 'ordinal 2 has no name');
    assert.match(out, /plugin_free \(forwarded to OTHER\.free_it\)/);
    assert.match(out, /\bplugin_init$/m);
  });
});

describe('real Mach-O and PE files from node_modules (tree-sitter-c prebuilds)', { skip: !hasTool('llvm-objdump') && 'llvm-objdump is not installed' }, () => {
  const prebuilds = path.join(repoRoot, 'node_modules/tree-sitter-c/prebuilds');
  it('lists the exports llvm-objdump lists', async () => {
    const macho = ['darwin-arm64', 'darwin-x64'].map((p) => path.join(prebuilds, p, 'tree-sitter-c.node')).filter(existsSync);
    const pe = ['win32-x64', 'win32-arm64'].map((p) => path.join(prebuilds, p, 'tree-sitter-c.node')).filter(existsSync);
    assert.ok(macho.length + pe.length > 0, `no prebuilds under ${prebuilds}`);
    for (const file of macho) {
      const out = execFileSync('llvm-objdump', ['--macho', '--exports-trie', file], { encoding: 'utf8' });
      const listed = [...out.matchAll(/^0x[0-9A-F]+\s+_(\S+)/gm)].map((m) => m[1]).sort();
      assert.ok(listed.length > 0, `llvm-objdump listed no exports for ${file}`);
      assert.deepEqual((await readLibraryFile(file, MAC_ARM64)).exports, listed, file);
    }
    for (const file of pe) {
      const out = execFileSync('llvm-objdump', ['-p', file], { encoding: 'utf8' });
      const table = out.slice(out.indexOf('Export Table'));
      const listed = [...table.matchAll(/^\s+\d+\s+0x[0-9a-f]+\s+(\S+)$/gm)].map((m) => m[1]).sort();
      assert.ok(listed.length > 0, `llvm-objdump listed no exports for ${file}`);
      assert.deepEqual((await readLibraryFile(file, WIN_X64)).exports, listed, file);
    }
  });
});

describe('files that are not libraries', () => {
  const dir = tempDir('rpg-notlib-');
  const file = (name: string, bytes: Uint8Array | string) => {
    const full = path.join(dir, name);
    writeFileSync(full, bytes);
    return full;
  };

  it('a text file, an empty file, a folder, a Java class file, a static archive, a missing file', async () => {
    await rejects(file('notes.txt', 'fn main() {}\n'), 'not-a-library', /text file/);
    await rejects(file('empty.so', ''), 'not-a-library', /empty/);
    const folder = path.join(dir, 'libfolder.so');
    mkdirSync(folder);
    await rejects(folder, 'not-a-library', /folder/);
    await rejects(file('Plugin.class', Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x41, 0x00, 0x10])), 'not-a-library', /Java class/);
    await rejects(file('libplugin.rlib', '!<arch>\n/               0           0     0     0       8         `\n'), 'not-a-library', /static archive/);
    await rejects(path.join(dir, 'does-not-exist.so'), 'unreadable', /does not exist/);
  });
});
