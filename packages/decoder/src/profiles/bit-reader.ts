/** Reads the unsigned integer formed by `size` bits from bit `offset` (MSB-first across bytes). */
export type BitReader = (data: Uint8Array) => number;

/**
 * Compiles a reader for one bit field, specialised for the common shapes (inside one byte, one
 * aligned byte, two aligned bytes) so that profile decoding does no per-bit work. Sizes up to 45 bits
 * stay exact in a double.
 */
export function compileBitReader(offset: number, size: number): BitReader {
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(size) || size < 1 || size > 45) {
    throw new RangeError(`bit field offset ${offset} size ${size} is not readable`);
  }
  const first = offset >> 3;
  const last = (offset + size - 1) >> 3;
  const trailing = 7 - ((offset + size - 1) & 7);
  if (first === last) {
    const mask = (1 << size) - 1;
    if (size === 8) return (d) => d[first]!;
    if (trailing === 0) return (d) => d[first]! & mask;
    return (d) => (d[first]! >> trailing) & mask;
  }
  if (last === first + 1 && size <= 16) {
    const mask = size === 16 ? 0xffff : (1 << size) - 1;
    return (d) => (((d[first]! << 8) | d[last]!) >> trailing) & mask;
  }
  // Drop the bits before `offset` from the first byte so that at most size + 7 <= 52 bits are
  // accumulated: exact in a double.
  const firstMask = 0xff >> (offset & 7);
  const divisor = 2 ** trailing;
  return (d) => {
    let value = d[first]! & firstMask;
    for (let i = first + 1; i <= last; i++) value = value * 256 + d[i]!;
    return Math.floor(value / divisor);
  };
}

/** Reference implementation (bit by bit), used by tests to check the compiled readers. */
export function readBitsSlowly(data: Uint8Array, offset: number, size: number): number {
  let value = 0;
  for (let bit = offset; bit < offset + size; bit++) {
    value = value * 2 + ((data[bit >> 3]! >> (7 - (bit & 7))) & 1);
  }
  return value;
}
