// Hand-made tar.gz archives for the BI-TAR rows: each header written byte by
// byte, so the tests control exactly what the extractor sees.
import { PassThrough } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';

export interface TarItem {
  path: string;
  /** '0' file (default), '5' folder, '2' symlink, '1' hard link, '3' char device. */
  type?: string;
  data?: string | Buffer;
  linkTarget?: string;
  mode?: number;
  /** Overrides the size field (for lying headers). */
  size?: number;
}

export function tarHeader(item: TarItem): Buffer {
  const header = Buffer.alloc(512);
  const data = item.data === undefined ? Buffer.alloc(0) : Buffer.from(item.data);
  header.write(item.path.slice(0, 100), 0, 'utf8');
  header.write(`${(item.mode ?? 0o644).toString(8).padStart(7, '0')}\0`, 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${(item.size ?? data.length).toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write(item.type ?? '0', 156);
  if (item.linkTarget) header.write(item.linkTarget, 157);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

export function tarEntry(item: TarItem): Buffer {
  const data = item.data === undefined ? Buffer.alloc(0) : Buffer.from(item.data);
  const padding = Buffer.alloc((512 - (data.length % 512)) % 512);
  return Buffer.concat([tarHeader(item), data, padding]);
}

export function tarGz(items: TarItem[]): Buffer {
  return gzipSync(Buffer.concat([...items.map(tarEntry), Buffer.alloc(1024)]));
}

/** A pax extended header whose `path` record renames the next entry. */
export function paxPath(path: string): TarItem {
  const text = ` path=${path}\n`;
  let length = text.length + 1;
  while (`${length}${text}`.length !== length) length += 1;
  return { path: 'PaxHeader/entry', type: 'x', data: `${length}${text}` };
}

export const chartYaml = (name: string, version: string) => `apiVersion: v2\nname: ${name}\nversion: ${version}\n`;

/** One file entry whose content is `bytes` zeros: a gzip bomb (about 1000:1). */
export async function gzipBomb(bytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => output.on('end', resolve));
  gzip.pipe(output);
  gzip.write(tarHeader({ path: 'bomb/Chart.yaml', size: bytes }));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < bytes; written += zeros.length) {
    if (!gzip.write(zeros.subarray(0, Math.min(zeros.length, bytes - written)))) {
      await new Promise((resolve) => gzip.once('drain', resolve));
    }
  }
  gzip.end(Buffer.alloc(1024));
  await done;
  return Buffer.concat(chunks);
}

/** `count` empty files (one name, repeated: the count is what matters); 10⁶ inflate to 512 MB of headers. */
export async function manyFiles(count: number): Promise<Buffer> {
  const gzip = createGzip({ level: 1 });
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  gzip.write(tarEntry({ path: 'many/Chart.yaml', data: chartYaml('many', '1.0.0') }));
  const perBatch = 10_000;
  const batch = Buffer.concat(Array.from({ length: perBatch }, () => tarHeader({ path: 'many/empty' })));
  for (let written = 0; written < count; written += perBatch) {
    if (!gzip.write(batch)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end(Buffer.alloc(1024));
  await done;
  return Buffer.concat(chunks);
}
