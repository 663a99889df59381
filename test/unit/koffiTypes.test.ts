// The Rust → koffi table, checked against koffi itself: every mapped type exists and has the Rust type's size.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as koffi from 'koffi';
import { koffiPrototype, koffiTypeOf, SCALAR_TYPES } from '../../client/src/loader/koffiTypes';

/** Sizes rustc gives these types on 64-bit Linux/macOS (c_long is 8 there). */
const RUST_SIZES: Record<string, number> = {
  i8: 1, u8: 1, i16: 2, u16: 2, i32: 4, u32: 4, i64: 8, u64: 8, isize: 8, usize: 8, f32: 4, f64: 8, bool: 1,
  c_char: 1, c_schar: 1, c_uchar: 1, c_short: 2, c_ushort: 2, c_int: 4, c_uint: 4, c_long: 8, c_ulong: 8,
  c_longlong: 8, c_ulonglong: 8, c_float: 4, c_double: 8,
};

describe('koffi type table', () => {
  test('every mapped scalar is a koffi type of the same size as the Rust type', () => {
    for (const [rust, type] of Object.entries(SCALAR_TYPES)) {
      if (!type) continue;
      assert.equal(koffi.sizeof(type.name), RUST_SIZES[rust], `${rust} → ${type.name}`);
    }
    assert.deepEqual(Object.keys(RUST_SIZES).filter((r) => !SCALAR_TYPES[r]), []);
  });

  test('i128, u128 and char have no koffi type (koffi has no 128-bit integer)', () => {
    for (const rust of ['i128', 'u128', 'char']) assert.equal(koffiTypeOf({ kind: 'scalar', name: rust }), undefined);
    assert.throws(() => koffi.sizeof('int128_t'), /Unknown or invalid type name/);
  });

  test('C strings: borrowed is copied as a string, owned stays a pointer for the plugin to free', () => {
    assert.deepEqual(koffiTypeOf({ kind: 'pointer', mutable: false, pointee: 'c_char', crateType: false }), { name: 'const char *', value: 'string' });
    assert.deepEqual(koffiTypeOf({ kind: 'pointer', mutable: true, pointee: 'c_char', crateType: false }), { name: 'void *', value: 'pointer' });
    assert.deepEqual(koffiTypeOf({ kind: 'pointer', mutable: true, pointee: 'Config', crateType: true }), { name: 'void *', value: 'pointer' });
    assert.equal(koffiTypeOf({ kind: 'other', text: '(u8, u8)' }), undefined);
  });

  test('prototypes parse in koffi; unmappable ones are not produced', () => {
    const prototype = koffiPrototype('plugin_add', { kind: 'scalar', name: 'i32' }, [{ kind: 'scalar', name: 'i32' }, { kind: 'scalar', name: 'u64' }]);
    assert.equal(prototype, 'int32_t plugin_add(int32_t, uint64_t)');
    assert.equal(koffiPrototype('plugin_version', { kind: 'scalar', name: 'u32' }, []), 'uint32_t plugin_version(void)');
    assert.equal(koffiPrototype('config_free', { kind: 'unit' }, [{ kind: 'pointer', mutable: true, pointee: 'Config', crateType: true }]), 'void config_free(void *)');
    assert.equal(koffiPrototype('wide', { kind: 'scalar', name: 'u128' }, []), undefined);
    assert.equal(koffiPrototype('f', { kind: 'unit' }, [{ kind: 'unit' }]), undefined);
    // koffi.proto parses the same prototype syntax lib.func uses.
    assert.equal(koffi.proto(`${prototype!.replace('plugin_add', 'RpgAddProto')}`).name, 'RpgAddProto');
  });
});
