// DSA key generation as Go's crypto/dsa does it for Sprig's genPrivateKey
// "dsa": L2048N256 parameters (a 256-bit prime q, a 2048-bit prime p with q
// dividing p-1, a generator g of the order-q subgroup), then x in [1, q) and
// y = g^x mod p. Candidates for p are screened by trial division before the
// Miller-Rabin rounds, which keeps a generation to a second or two.
import { bytesToBigint } from './der';
import { bitLength, millerRabin, modPow, randomBytes, SMALL_PRIMES, type PrivateKey } from './keys';

const L = 2048;
const N = 256;
const ROUNDS = 20;

function randomOddTopBit(bits: number): bigint {
  const bytes = randomBytes(bits / 8);
  bytes[0]! |= 0x80;
  bytes[bytes.length - 1]! |= 1;
  return bytesToBigint(bytes);
}

function passesTrialDivision(n: bigint): boolean {
  return SMALL_PRIMES.every((p) => n % BigInt(p) !== 0n);
}

export function generateDsaKey(): PrivateKey {
  for (;;) {
    const q = randomOddTopBit(N);
    if (!passesTrialDivision(q) || !millerRabin(q, ROUNDS)) continue;
    for (let i = 0; i < 4 * L; i++) {
      let p = randomOddTopBit(L);
      p -= (p % q) - 1n;
      if (bitLength(p) < L || !passesTrialDivision(p) || !millerRabin(p, ROUNDS)) continue;
      let g = 1n;
      for (let h = 2n; g === 1n; h++) g = modPow(h, (p - 1n) / q, p);
      let x = 0n;
      while (x === 0n || x >= q) x = bytesToBigint(randomBytes(N / 8));
      return { kind: 'dsa', p, q, g, y: modPow(g, x, p), x };
    }
  }
}
