// Go's time.ParseDuration subset Argo CD settings use ("24h", "1h30m", "90s",
// "500ms", "0"), so `users.session.duration` reads as it does in Argo CD.
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or `undefined` when the text is not a Go duration. */
export function parseGoDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(value)) return undefined;
  let total = 0;
  for (const [, amount, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g))
    total += Number(amount) * (UNIT_MS[unit as string] ?? 0);
  return Math.round(total);
}
