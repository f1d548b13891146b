// Kubernetes resource quantities (`10M`, `10Mi`, `1e7`, `500k`) as whole
// bytes, rounded up as resource.Quantity.Value() does: the form Argo CD reads
// `reposerver.max.combined.directory.manifests.size` in.
const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimal: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const quantityPattern = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** The quantity in bytes, or `undefined` when the text is not a quantity. */
export function parseQuantity(text: string): number | undefined {
  const match = quantityPattern.exec(text.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  let factor: number | undefined;
  if (/^[eE]/.test(suffix)) factor = 10 ** Number(suffix.slice(1));
  else factor = binary[suffix] ?? decimal[suffix];
  if (factor === undefined || !Number.isFinite(number * factor)) return undefined;
  return Math.ceil(number * factor);
}
