/** ERP1 status byte: bit 7 hash type, bit 5 T21 and bit 4 NU (RPS only), bits 3..0 repeater count. */
export function repeaterCount(status: number): number {
  return status & 0x0f;
}

export function t21(status: number): number {
  return (status >> 5) & 1;
}

export function nu(status: number): number {
  return (status >> 4) & 1;
}
