/** A Secret's values as strings: `stringData` wins over base64 `data`, as the API server merges them. */
export function secretValues(secret: {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {}))
    values[key] = Buffer.from(value, 'base64').toString('utf8');
  return { ...values, ...secret.stringData };
}
