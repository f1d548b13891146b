// Lua 5.1 as embedded by Argo CD (gopher-lua) has one number type, a float64,
// and prints it the way Go does: integral values without a decimal point
// ("3", not Lua 5.3's "3.0"), others as Go's fmt.Sprint(float64) would.
// Messages such as "3 of 5 replicas ready" depend on this, so every
// number-to-string conversion in the VM goes through here.

const INT64_LIMIT = 2 ** 63;

export function formatLuaNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < INT64_LIMIT) {
    return Math.abs(value) <= Number.MAX_SAFE_INTEGER ? String(value) : BigInt(value).toString();
  }
  return formatGoFloat(value);
}

/** Go's `%v` for a float64: shortest digits; exponent form when the decimal exponent is < -4 or >= 6. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}
