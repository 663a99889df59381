/** Appends little- or big-endian fields to a growing buffer; for building binary files byte by byte in tests. */
export class ByteWriter {
  private bytes: number[] = [];

  constructor(private readonly littleEndian = true) {}

  get length(): number {
    return this.bytes.length;
  }

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.fixed(value, 2);
  }

  u32(value: number): this {
    return this.fixed(value, 4);
  }

  u64(value: number): this {
    return this.fixed(value, 8);
  }

  uleb128(value: number): this {
    do {
      let byte = value % 128;
      value = Math.floor(value / 128);
      if (value > 0) byte |= 0x80;
      this.bytes.push(byte);
    } while (value > 0);
    return this;
  }

  /** NUL-terminated. */
  cString(text: string): this {
    return this.raw(Buffer.from(`${text}\0`, 'utf8'));
  }

  /** Exactly `width` bytes: the text, then NUL padding (Mach-O segment and PE section names). */
  padded(text: string, width: number): this {
    const bytes = Buffer.alloc(width);
    bytes.write(text, 'latin1');
    return this.raw(bytes);
  }

  raw(bytes: Uint8Array): this {
    for (const b of bytes) this.bytes.push(b);
    return this;
  }

  /** Zero bytes up to the next multiple of `alignment`. */
  align(alignment: number): this {
    while (this.bytes.length % alignment !== 0) this.bytes.push(0);
    return this;
  }

  /** Overwrites a 32-bit field written earlier (an offset known only later). */
  patchU32(at: number, value: number): this {
    const patch = new ByteWriter(this.littleEndian).u32(value).done();
    patch.forEach((b, i) => (this.bytes[at + i] = b));
    return this;
  }

  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private fixed(value: number, width: number): this {
    let big = BigInt(value);
    const out: number[] = [];
    for (let i = 0; i < width; i++) {
      out.push(Number(big & 0xffn));
      big >>= 8n;
    }
    this.bytes.push(...(this.littleEndian ? out : out.reverse()));
    return this;
  }
}

/** Length of `value` as ULEB128. */
export function ulebLength(value: number): number {
  let length = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
}
