// Reads an npm package tarball (.tgz) into memory, refusing anything that
// could escape or surprise the store: entries with `..`, absolute paths,
// links, devices, and archives larger than the caps. Pure: buffers in, files out.
import { gunzipSync } from 'node:zlib';
import { PluginError } from '@driftless/plugin-sdk';

export interface TarLimits {
  maxUnpackedBytes: number;
  maxEntries: number;
}

export const defaultTarLimits: TarLimits = { maxUnpackedBytes: 64 * 1024 * 1024, maxEntries: 2_000 };

const block = 512;

function unsafe(message: string): PluginError {
  return new PluginError('PLUGIN_UNSAFE_ARCHIVE', message);
}

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const value = text(header, start, length).trim();
  if (!/^[0-7]*$/.test(value)) throw unsafe('the archive has a malformed header');
  return value === '' ? 0 : parseInt(value, 8);
}

/** `package/dist/plugin.js` → `dist/plugin.js`, or throws for a path that is not plainly inside the package. */
export function packagePath(raw: string): string | undefined {
  if (raw.includes('\0') || raw.includes('\\') || raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) {
    throw unsafe(`the archive entry "${raw.slice(0, 200)}" has an absolute or malformed path`);
  }
  const segments = raw.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw unsafe(`the archive entry "${raw.slice(0, 200)}" has a ../ path segment`);
  // npm tarballs put everything under one top-level folder (usually package/).
  const inside = segments.slice(1);
  return inside.length === 0 ? undefined : inside.join('/');
}

export function readPackageTarball(tgz: Buffer, limits: TarLimits = defaultTarLimits): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = gunzipSync(tgz, { maxOutputLength: limits.maxUnpackedBytes + 1024 * block });
  } catch (error) {
    throw unsafe(
      `the archive is not a gzip file within ${limits.maxUnpackedBytes} bytes (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const files = new Map<string, Buffer>();
  let offset = 0;
  let entries = 0;
  let total = 0;
  let longName: string | undefined;
  while (offset + block <= tar.length) {
    const header = tar.subarray(offset, offset + block);
    if (header.every((byte) => byte === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + block;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length !== size) throw unsafe('the archive is truncated');
    offset = dataStart + Math.ceil(size / block) * block;
    entries += 1;
    if (entries > limits.maxEntries) throw unsafe(`the archive has more than ${limits.maxEntries} entries`);
    if (type === 'x') {
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1] ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if (type === '5') {
      packagePath(name);
      continue;
    }
    if (type !== '0' && type !== '\0' && type !== '7') {
      const kind =
        type === '2' ? 'a symbolic link' : type === '1' ? 'a hard link' : `an entry of type ${JSON.stringify(type)}`;
      throw unsafe(
        `the archive entry "${name.slice(0, 200)}" is ${kind}; plugin packages may hold only files and folders`,
      );
    }
    const path = packagePath(name);
    if (path === undefined) continue;
    total += size;
    if (total > limits.maxUnpackedBytes)
      throw unsafe(`the archive unpacks to more than ${limits.maxUnpackedBytes} bytes`);
    if (files.has(path)) throw unsafe(`the archive has "${path}" twice`);
    files.set(path, Buffer.from(data));
  }
  return files;
}
