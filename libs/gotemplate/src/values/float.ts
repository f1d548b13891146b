// strconv.FormatFloat for float64 in the formats fmt uses: 'e', 'E', 'f', 'g', 'G'
// with a precision or -1 (the shortest representation that round-trips).

interface Digits {
  /** Decimal digits without leading zeros ("0" for zero). */
  digits: string;
  /** Position of the decimal point relative to the digits (Go's decimal.dp). */
  point: number;
}

function shortestDigits(value: number): Digits {
  if (value === 0) return { digits: '0', point: 1 };
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e');
  return { digits: mantissa.replace('.', ''), point: Number(exponent) + 1 };
}

/** Digits rounded to `count` significant digits (count >= 1). */
function precisionDigits(value: number, count: number): Digits {
  if (value === 0) return { digits: '0'.repeat(count), point: 1 };
  const [mantissa = '0', exponent = '0'] = Math.abs(value)
    .toExponential(Math.min(count - 1, 100))
    .split('e');
  let digits = mantissa.replace('.', '');
  if (count - 1 > 100) digits = digits.padEnd(count, '0');
  return { digits, point: Number(exponent) + 1 };
}

/** Digits rounded to `decimals` places after the point. */
function fixedDigits(value: number, decimals: number): string {
  const absolute = Math.abs(value);
  if (absolute < 1e21 && decimals <= 100) return absolute.toFixed(decimals);
  // Very large numbers: toFixed switches to exponent form, so go through BigInt.
  const whole = BigInt(Math.trunc(absolute)).toString();
  return decimals > 0 ? `${whole}.${'0'.repeat(decimals)}` : whole;
}

function exponentSuffix(exponent: number, letter: string): string {
  const sign = exponent < 0 ? '-' : '+';
  return `${letter}${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function formatE(negative: boolean, { digits, point }: Digits, decimals: number, letter: string): string {
  const first = digits[0] ?? '0';
  let rest = digits.slice(1);
  if (decimals >= 0) rest = rest.padEnd(decimals, '0').slice(0, decimals);
  const exponent = digits === '0' || /^0+$/.test(digits) ? 0 : point - 1;
  const body = rest.length > 0 ? `${first}.${rest}` : first;
  return `${negative ? '-' : ''}${body}${exponentSuffix(exponent, letter)}`;
}

function formatF(negative: boolean, { digits, point }: Digits, decimals: number): string {
  let whole: string;
  if (point <= 0) whole = '0';
  else whole = digits.slice(0, point).padEnd(point, '0');
  let fraction = '';
  for (let i = 0; i < decimals; i++) {
    const index = point + i;
    fraction += index >= 0 && index < digits.length ? digits[index] : '0';
  }
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}

export function formatFloat(value: number, format: 'e' | 'E' | 'f' | 'g' | 'G', precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const shortest = precision < 0;
  switch (format) {
    case 'e':
    case 'E': {
      const digits = shortest ? shortestDigits(value) : precisionDigits(value, precision + 1);
      return formatE(negative, digits, shortest ? digits.digits.length - 1 : precision, format);
    }
    case 'f': {
      if (shortest) {
        const digits = shortestDigits(value);
        return formatF(negative, digits, Math.max(digits.digits.length - digits.point, 0));
      }
      const text = fixedDigits(value, precision);
      return `${negative ? '-' : ''}${text}`;
    }
    case 'g':
    case 'G': {
      let eprec = precision;
      let digits: Digits;
      if (shortest) {
        digits = shortestDigits(value);
        eprec = 6;
      } else {
        if (eprec === 0) eprec = 1;
        digits = precisionDigits(value, eprec);
        digits = { ...digits, digits: digits.digits.replace(/0+$/, '') || '0' };
        if (eprec > digits.digits.length && digits.digits.length >= digits.point) eprec = digits.digits.length;
      }
      const exponent = digits.point - 1;
      const letter = format === 'g' ? 'e' : 'E';
      if (value !== 0 && (exponent < -4 || exponent >= eprec)) {
        return formatE(negative, digits, digits.digits.length - 1, letter);
      }
      if (value === 0) return `${negative ? '-' : ''}0`;
      return formatF(negative, digits, Math.max(digits.digits.length - digits.point, 0));
    }
  }
}
