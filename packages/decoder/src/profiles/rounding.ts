const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp splitting of a double into two 26-bit halves

/**
 * Rounds exactly like `Number(x.toFixed(decimals))` (the rule of eep-profiles.md 1.2: round the
 * binary value, so 0.08499999999999996 -> 0.08 and an exact tie goes away from zero), and turns -0
 * into 0. toFixed + Number costs ~300 ns, too much for every field of every telegram, so the
 * decision is made on the exact product |x| * 10^decimals, carried as a rounded product plus its
 * exact error (Dekker's two-product). Equivalence with toFixed is property-tested.
 */
export function roundTo(x: number, decimals: number): number {
  const factor = POW10[decimals];
  const magnitude = Math.abs(x);
  const product = magnitude * (factor ?? 0);
  if (factor === undefined || !(product < 2 ** 52)) return exactRound(x, decimals);
  const whole = Math.floor(product);
  // product - whole is exact; so is its distance to the tie at .5 (both are multiples of the
  // product's last bit), which is therefore either 0 or larger than the product's error.
  const fromTie = product - whole - 0.5;
  const up = fromTie > 0 || (fromTie === 0 && productError(magnitude, factor, product) >= 0);
  const rounded = (up ? whole + 1 : whole) / factor;
  return rounded === 0 ? 0 : x < 0 ? -rounded : rounded;
}

/** a * b - p exactly, where p is the rounded product of a and b (Dekker / Veltkamp). */
function productError(a: number, b: number, p: number): number {
  const ca = SPLITTER * a;
  const aHigh = ca - (ca - a);
  const aLow = a - aHigh;
  const cb = SPLITTER * b;
  const bHigh = cb - (cb - b);
  const bLow = b - bHigh;
  return aHigh * bHigh - p + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

function exactRound(x: number, decimals: number): number {
  const result = Number(x.toFixed(decimals));
  return result === 0 ? 0 : result;
}
