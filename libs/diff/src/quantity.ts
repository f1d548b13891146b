// Kubernetes resource.Quantity equality: `1000m` = `1`, `1Gi` = `1024Mi`, `0.5` = `500m`, `1e3` = `1k`.
// Values are kept exact as a BigInt numerator over a power of ten, so no float rounding can make
// two different quantities compare equal.
interface ExactValue {
  numerator: bigint;
  decimalScale: number;
}

const BINARY: Record<string, bigint> = {
  Ki: 2n ** 10n,
  Mi: 2n ** 20n,
  Gi: 2n ** 30n,
  Ti: 2n ** 40n,
  Pi: 2n ** 50n,
  Ei: 2n ** 60n,
};
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

export function parseQuantity(input: string | number): ExactValue | undefined {
  const match = QUANTITY.exec(typeof input === 'number' ? String(input) : input.trim());
  if (!match) return undefined;
  const [, sign = '', number = '', suffix = '', exponent] = match;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0') * (sign === '-' ? -1n : 1n);
  let decimalScale = fraction.length;
  const binary = BINARY[suffix];
  if (binary !== undefined) numerator *= binary;
  else decimalScale -= exponent !== undefined ? Number(exponent) : (DECIMAL[suffix] ?? 0);
  if (decimalScale < 0) {
    numerator *= 10n ** BigInt(-decimalScale);
    decimalScale = 0;
  }
  return { numerator, decimalScale };
}

export function quantitiesEqual(left: string | number, right: string | number): boolean {
  const a = parseQuantity(left);
  const b = parseQuantity(right);
  if (!a || !b) return false;
  const scale = Math.max(a.decimalScale, b.decimalScale);
  return a.numerator * 10n ** BigInt(scale - a.decimalScale) === b.numerator * 10n ** BigInt(scale - b.decimalScale);
}
