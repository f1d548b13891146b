// Parsers for the repeatable and structured flags of `driftless cluster add`,
// as Argo CD's CLI reads them. A bad value is a usage error (exit 2).
import { InvalidArgumentError } from 'commander';

/** For a repeatable flag: each occurrence appends. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--label k=v` / `--annotation k=v`, repeatable. */
export function keyValue(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected KEY=VALUE, got "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** `--exec-command-env A=1,B=2`, repeatable (pflag's stringToString). */
export function keyValueList(value: string, previous: Record<string, string> | undefined): Record<string, string> {
  let result = { ...previous };
  for (const pair of value.split(',')) if (pair !== '') result = keyValue(pair, result);
  return result;
}

/** `--shard N`: -1 (the default) leaves sharding to the controller. */
export function shard(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < -1) throw new InvalidArgumentError('expected a shard number (0, 1, …)');
  return parsed;
}

/** `--proxy-url URL`; an empty value clears a proxy the kubeconfig sets. */
export function proxyUrl(value: string): string {
  if (value === '') return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL (e.g. http://proxy.example.com:3128)`);
  }
  if (!['http:', 'https:', 'socks5:'].includes(url.protocol))
    throw new InvalidArgumentError(`proxy URL scheme ${url.protocol} is not one of http, https, socks5`);
  return value;
}
