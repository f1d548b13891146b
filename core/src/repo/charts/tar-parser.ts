// A push parser for tar streams (ustar, pax and GNU long names): chunks in,
// events out, so callers can stop at any point and never hold more than one
// header plus one chunk. Pure.
import { UnsafeEntryError } from './tar-entry';

const block = 512;
/** pax and GNU long-name records larger than this are not from a chart. */
const maxMetaBytes = 64 * 1024;

export interface TarHeader {
  path: string;
  /** The type flag: '0' file, '5' folder, '2' symlink, 'x' pax, … */
  flag: string;
  size: number;
}

export type TarEvent =
  { kind: 'entry'; header: TarHeader } | { kind: 'data'; chunk: Buffer } | { kind: 'entryEnd' } | { kind: 'end' };

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

function numeric(header: Buffer, start: number, length: number): number {
  // Base-256 (high bit set) only appears for sizes beyond 8 GiB: far past any cap.
  if ((header[start] ?? 0) & 0x80) return Number.MAX_SAFE_INTEGER;
  const value = text(header, start, length).trim();
  if (!/^[0-7]*$/.test(value)) throw new UnsafeEntryError('the archive has a malformed tar header');
  return value === '' ? 0 : parseInt(value, 8);
}

function checksumMatches(header: Buffer): boolean {
  const stored = numeric(header, 148, 8);
  let sum = 0;
  for (let index = 0; index < block; index += 1) sum += index >= 148 && index < 156 ? 32 : (header[index] ?? 0);
  return stored === sum;
}

function paxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(data.subarray(offset, space).toString('utf8'), 10);
    if (!Number.isFinite(length) || length <= 0 || offset + length > data.length) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}

export class TarParser {
  private pending: Buffer = Buffer.alloc(0);
  private state: 'header' | 'data' | 'meta' | 'end' = 'header';
  private remaining = 0;
  private padding = 0;
  private metaFlag = '';
  private metaChunks: Buffer[] = [];
  private overridePath: string | undefined;
  private overrideSize: number | undefined;
  private dataSize = 0;

  get ended(): boolean {
    return this.state === 'end';
  }

  push(chunk: Buffer): TarEvent[] {
    const events: TarEvent[] = [];
    let input = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (input.length > 0 && this.state !== 'end') {
      if (this.padding > 0) {
        const skip = Math.min(this.padding, input.length);
        this.padding -= skip;
        input = input.subarray(skip);
        continue;
      }
      if (this.state === 'header') {
        if (input.length < block) {
          this.pending = Buffer.from(input);
          return events;
        }
        const header = input.subarray(0, block);
        input = input.subarray(block);
        this.readHeader(header, events);
        continue;
      }
      const take = Math.min(this.remaining, input.length);
      const part = input.subarray(0, take);
      input = input.subarray(take);
      this.remaining -= take;
      if (this.state === 'data') {
        if (part.length > 0) events.push({ kind: 'data', chunk: part });
      } else {
        this.metaChunks.push(Buffer.from(part));
      }
      if (this.remaining === 0) this.finishEntry(events);
    }
    return events;
  }

  /** Throws when the stream stopped inside an entry. */
  finish(): void {
    if (this.state === 'data' || this.state === 'meta' || this.pending.length > 0) {
      throw new UnsafeEntryError('the archive is truncated');
    }
  }

  private readHeader(header: Buffer, events: TarEvent[]): void {
    if (header.every((byte) => byte === 0)) {
      this.state = 'end';
      events.push({ kind: 'end' });
      return;
    }
    if (!checksumMatches(header)) throw new UnsafeEntryError('the archive is not a tar file (bad header checksum)');
    const flag = String.fromCharCode(header[156] ?? 0);
    let size = numeric(header, 124, 12);
    const prefix = text(header, 345, 155);
    const name = text(header, 0, 100);
    const usesPrefix = text(header, 257, 5) === 'ustar' && prefix !== '';
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > maxMetaBytes) throw new UnsafeEntryError('the archive has an oversized pax or long-name record');
      this.state = 'meta';
      this.metaFlag = flag;
      this.metaChunks = [];
      this.dataSize = size;
      this.remaining = size;
      if (size === 0) this.finishEntry(events);
      return;
    }
    const path = this.overridePath ?? (usesPrefix ? `${prefix}/${name}` : name);
    if (this.overrideSize !== undefined) size = this.overrideSize;
    this.overridePath = undefined;
    this.overrideSize = undefined;
    events.push({ kind: 'entry', header: { path, flag, size } });
    // Only files carry data; links and folders have none whatever the header claims.
    this.dataSize = flag === '0' || flag === '\0' || flag === '7' ? size : 0;
    this.remaining = this.dataSize;
    this.state = 'data';
    if (this.remaining === 0) this.finishEntry(events);
  }

  private finishEntry(events: TarEvent[]): void {
    if (this.state === 'meta') {
      const data = Buffer.concat(this.metaChunks);
      this.metaChunks = [];
      if (this.metaFlag === 'x') {
        const records = paxRecords(data);
        if (records.path !== undefined) this.overridePath = records.path;
        if (records.size !== undefined) {
          const size = Number(records.size);
          if (!Number.isSafeInteger(size) || size < 0)
            throw new UnsafeEntryError('the archive has a malformed pax size');
          this.overrideSize = size;
        }
      } else if (this.metaFlag === 'L') {
        this.overridePath = text(data, 0, data.length);
      } else if (this.metaFlag === 'K') {
        throw new UnsafeEntryError('the archive holds a link; charts may hold only files and folders');
      }
    } else {
      events.push({ kind: 'entryEnd' });
    }
    this.padding = (block - (this.dataSize % block)) % block;
    this.state = 'header';
  }
}
