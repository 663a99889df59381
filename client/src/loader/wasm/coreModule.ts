// Reads what a WebAssembly binary is (its preamble) and, for a core module, its function imports and exports
// with their core signatures. Node's WebAssembly.Module lists names but not types (type reflection is behind a
// flag), and the signature check (coreSignatures.ts) needs the types. Bounds-checked: a malformed file throws
// WasmFormatError, never reads past the end.

export type WasmKind = 'core' | 'component';

export class WasmFormatError extends Error {}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** `core` (version 1), `component` (a component-layer preamble), or undefined when the bytes are not wasm. */
export function wasmKind(bytes: Uint8Array): WasmKind | undefined {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) return undefined;
  const version = bytes[4] | (bytes[5] << 8);
  const layer = bytes[6] | (bytes[7] << 8);
  if (layer === 0 && version === 1) return 'core';
  if (layer === 1) return 'component';
  return undefined;
}

export interface CoreSignature {
  params: string[];
  results: string[];
}

export interface CoreFunction {
  name: string;
  signature?: CoreSignature;
}

export interface CoreImport extends CoreFunction {
  module: string;
}

export interface CoreModuleShape {
  /** Function imports (other kinds are left out). */
  imports: CoreImport[];
  /** Function exports. */
  exports: CoreFunction[];
  /** Every export name, of any kind (memory, globals too). */
  exportNames: string[];
  /** The declared minimum of the first memory (pages), when it is defined or imported. */
  memoryPages?: number;
}

const VALUE_TYPES: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };

class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array, private readonly end = bytes.length) {}

  get done(): boolean {
    return this.offset >= this.end;
  }

  byte(): number {
    if (this.offset >= this.end) throw new WasmFormatError(`unexpected end of the module at byte ${this.offset}`);
    return this.bytes[this.offset++];
  }

  u32(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new WasmFormatError(`a LEB128 number longer than 32 bits at byte ${this.offset}`);
  }

  /** Skips a LEB128 number of up to 64 bits (memory64 limits). */
  skipLeb(): void {
    for (let i = 0; i < 10; i++) if ((this.byte() & 0x80) === 0) return;
    throw new WasmFormatError(`a LEB128 number longer than 64 bits at byte ${this.offset}`);
  }

  name(): string {
    const length = this.u32();
    if (this.offset + length > this.end) throw new WasmFormatError(`a name at byte ${this.offset} runs past the end of its section`);
    const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.offset, length).toString('utf8');
    this.offset += length;
    return text;
  }

  /** Memory or table limits; the minimum as a number of pages/elements. */
  limits(): number {
    const flags = this.byte();
    const min = this.u32Or64(flags);
    if (flags & 1) this.u32Or64(flags);
    return min;
  }

  private u32Or64(flags: number): number {
    if (flags & 4) {
      const start = this.offset;
      this.skipLeb();
      return this.bytes[start] & 0x7f;
    }
    return this.u32();
  }

  sub(length: number): Reader {
    if (this.offset + length > this.end) throw new WasmFormatError(`a section at byte ${this.offset} runs past the end of the module`);
    const reader = new Reader(this.bytes, this.offset + length);
    reader.offset = this.offset;
    this.offset += length;
    return reader;
  }
}

/** The function imports and exports of a core module, with their signatures. */
export function readCoreModule(bytes: Uint8Array): CoreModuleShape {
  if (wasmKind(bytes) !== 'core') throw new WasmFormatError('not a core WebAssembly module (version 1 preamble)');
  const reader = new Reader(bytes);
  reader.offset = 8;
  const types: (CoreSignature | undefined)[] = [];
  const functionTypes: number[] = [];
  const shape: CoreModuleShape = { imports: [], exports: [], exportNames: [] };
  const exports: { name: string; kind: number; index: number }[] = [];
  while (!reader.done) {
    const id = reader.byte();
    const section = reader.sub(reader.u32());
    if (id === 1) readTypes(section, types);
    else if (id === 2) {
      for (let n = section.u32(); n > 0; n--) {
        const module = section.name();
        const name = section.name();
        const kind = section.byte();
        if (kind === 0) {
          const type = section.u32();
          functionTypes.push(type);
          shape.imports.push({ module, name, signature: types[type] });
        } else if (kind === 1) {
          section.byte();
          section.limits();
        } else if (kind === 2) {
          const pages = section.limits();
          shape.memoryPages ??= pages;
        } else if (kind === 3) {
          section.byte();
          section.byte();
        } else if (kind === 4) {
          section.byte();
          section.u32();
        } else throw new WasmFormatError(`unknown import kind ${kind}`);
      }
    } else if (id === 3) {
      for (let n = section.u32(); n > 0; n--) functionTypes.push(section.u32());
    } else if (id === 5) {
      if (section.u32() > 0) shape.memoryPages ??= section.limits();
    } else if (id === 7) {
      for (let n = section.u32(); n > 0; n--) exports.push({ name: section.name(), kind: section.byte(), index: section.u32() });
    }
  }
  for (const e of exports) {
    shape.exportNames.push(e.name);
    if (e.kind === 0) shape.exports.push({ name: e.name, signature: types[functionTypes[e.index]] });
  }
  return shape;
}

function readTypes(section: Reader, types: (CoreSignature | undefined)[]): void {
  for (let n = section.u32(); n > 0; n--) {
    const form = section.byte();
    if (form !== 0x60) {
      // A GC proposal type (rec group, struct, array): not a canonical-ABI signature; its index stays unknown.
      types.push(undefined);
      return;
    }
    const params = valueTypes(section);
    const results = valueTypes(section);
    types.push(params && results ? { params, results } : undefined);
  }
}

function valueTypes(section: Reader): string[] | undefined {
  const out: string[] = [];
  for (let n = section.u32(); n > 0; n--) {
    const type = VALUE_TYPES[section.byte()];
    if (!type) return undefined;
    out.push(type);
  }
  return out;
}

/** `(i32, i32) -> i64`. */
export function signatureText(signature: CoreSignature | undefined): string {
  if (!signature) return '(unknown type)';
  const results = signature.results.length === 0 ? '()' : signature.results.length === 1 ? signature.results[0] : `(${signature.results.join(', ')})`;
  return `(${signature.params.join(', ')}) -> ${results}`;
}

export function sameSignature(a: CoreSignature | undefined, b: CoreSignature | undefined): boolean {
  return !!a && !!b && a.params.join() === b.params.join() && a.results.join() === b.results.join();
}
