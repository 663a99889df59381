import { LibraryFormatError } from './types';

/** Longest NUL-terminated name accepted; real symbol names (even mangled Rust ones) are far shorter. */
const MAX_NAME = 64 * 1024;

/**
 * Bounds-checked little/big-endian reads over the file's bytes. Every read that falls outside the file throws
 * `LibraryFormatError('malformed')`, so a reader never indexes past the end or returns garbage from `undefined`.
 */
export class BinaryReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get size(): number {
    return this.bytes.byteLength;
  }

  /** A reader over `[offset, offset + length)` (a fat Mach-O slice), offsets relative to its start. */
  slice(offset: number, length: number, littleEndian = this.littleEndian): BinaryReader {
    this.check(offset, length, 'slice');
    return new BinaryReader(this.bytes.subarray(offset, offset + length), littleEndian);
  }

  /** Whether `[offset, offset + length)` lies inside the file. */
  has(offset: number, length: number): boolean {
    return Number.isSafeInteger(offset) && Number.isSafeInteger(length) && offset >= 0 && length >= 0 && offset + length <= this.size;
  }

  check(offset: number, length: number, what: string): void {
    if (!this.has(offset, length)) {
      throw new LibraryFormatError('malformed', `${what} at offset ${offset} (${length} bytes) lies outside the file (${this.size} bytes)`);
    }
  }

  u8(offset: number, what = 'byte'): number {
    this.check(offset, 1, what);
    return this.view.getUint8(offset);
  }

  u16(offset: number, what = 'u16'): number {
    this.check(offset, 2, what);
    return this.view.getUint16(offset, this.littleEndian);
  }

  u32(offset: number, what = 'u32'): number {
    this.check(offset, 4, what);
    return this.view.getUint32(offset, this.littleEndian);
  }

  /** A 64-bit value as a number; values above 2^53 are not exact, but they fail every later bounds check anyway. */
  u64(offset: number, what = 'u64'): number {
    this.check(offset, 8, what);
    return Number(this.view.getBigUint64(offset, this.littleEndian));
  }

  /** A 32- or 64-bit word, as ELF's class decides. */
  word(offset: number, bits: 32 | 64, what = 'word'): number {
    return bits === 64 ? this.u64(offset, what) : this.u32(offset, what);
  }

  /** A NUL-terminated string starting at `offset`, ending before `limit` (default: end of file). */
  cString(offset: number, what = 'name', limit = this.size): string {
    return this.cStringAndNext(offset, what, limit).text;
  }

  /** The string and the offset just past its NUL (byte-exact even when the bytes are not valid UTF-8). */
  cStringAndNext(offset: number, what = 'name', limit = this.size): { text: string; next: number } {
    this.check(offset, 0, what);
    const end = Math.min(limit, this.size, offset + MAX_NAME);
    for (let i = offset; i < end; i++) {
      if (this.bytes[i] === 0) return { text: Buffer.from(this.bytes.buffer, this.bytes.byteOffset + offset, i - offset).toString('utf8'), next: i + 1 };
    }
    throw new LibraryFormatError('malformed', `${what} at offset ${offset} has no terminating NUL`);
  }

  /** An unsigned LEB128 number and the offset after it (Mach-O export tries). */
  uleb128(offset: number, what = 'ULEB128'): { value: number; next: number } {
    let value = 0;
    let scale = 1;
    for (let i = offset; ; i++) {
      const byte = this.u8(i, what);
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return { value, next: i + 1 };
      scale *= 128;
      if (scale > 2 ** 63) throw new LibraryFormatError('malformed', `${what} at offset ${offset} is longer than 64 bits`);
    }
  }
}
