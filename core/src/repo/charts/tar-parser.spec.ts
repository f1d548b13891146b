import { TarParser, type TarEvent } from './tar-parser';

function header(path: string, size: number, flag = '0', prefix = ''): Buffer {
  const block = Buffer.alloc(512);
  block.write(path, 0);
  block.write('0000644\0', 100);
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  block.write('        ', 148);
  block.write(flag, 156);
  block.write('ustar\0', 257);
  block.write('00', 263);
  block.write(prefix, 345);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

function padded(data: string): Buffer {
  const bytes = Buffer.from(data);
  return Buffer.concat([bytes, Buffer.alloc((512 - (bytes.length % 512)) % 512)]);
}

function pax(records: Record<string, string>): Buffer {
  const body = Object.entries(records)
    .map(([key, value]) => {
      const text = ` ${key}=${value}\n`;
      let length = text.length + 1;
      while (`${length}${text}`.length !== length) length += 1;
      return `${length}${text}`;
    })
    .join('');
  return Buffer.concat([header('PaxHeader', Buffer.byteLength(body), 'x'), padded(body)]);
}

/** Feeds the archive in chunks of `size` bytes and returns the entries with their data. */
function parse(archive: Buffer, size: number): { path: string; flag: string; data: string }[] {
  const parser = new TarParser();
  const entries: { path: string; flag: string; data: string }[] = [];
  const events: TarEvent[] = [];
  for (let offset = 0; offset < archive.length; offset += size)
    events.push(...parser.push(archive.subarray(offset, offset + size)));
  parser.finish();
  for (const event of events) {
    if (event.kind === 'entry') entries.push({ path: event.header.path, flag: event.header.flag, data: '' });
    if (event.kind === 'data') entries[entries.length - 1]!.data += event.chunk.toString();
  }
  return entries;
}

describe('TarParser', () => {
  const longName = `chart/${'d'.repeat(120)}/values.yaml`;
  const archive = Buffer.concat([
    header('chart/', 0, '5'),
    header('chart/Chart.yaml', 11),
    padded('name: chart'),
    header('values.yaml', 5, '0', 'chart/sub'),
    padded('a: 1\n'),
    pax({ path: longName }),
    header('ignored', 3),
    padded('x=1'),
    header('././@LongLink', longName.length + 1, 'L'),
    padded(`${longName}y\0`),
    header('ignored', 0),
    Buffer.alloc(1024),
  ]);

  it.each([[1], [100], [512], [513], [archive.length]])(
    'reads ustar, prefix, pax and GNU long names in %i-byte chunks',
    (size) => {
      expect(parse(archive, size)).toEqual([
        { path: 'chart/', flag: '5', data: '' },
        { path: 'chart/Chart.yaml', flag: '0', data: 'name: chart' },
        { path: 'chart/sub/values.yaml', flag: '0', data: 'a: 1\n' },
        { path: longName, flag: '0', data: 'x=1' },
        { path: `${longName}y`, flag: '0', data: '' },
      ]);
    },
  );

  it('refuses a bad checksum and truncation', () => {
    const bad = header('x', 0);
    bad.write('z', 0);
    expect(() => new TarParser().push(bad)).toThrow('bad header checksum');
    const parser = new TarParser();
    parser.push(Buffer.concat([header('x', 600), Buffer.alloc(100)]));
    expect(() => parser.finish()).toThrow('truncated');
  });

  it('reads no data for links even when the header claims some', () => {
    const entries = parse(Buffer.concat([header('link', 512, '2'), header('after', 0), Buffer.alloc(1024)]), 512);
    expect(entries.map((entry) => entry.path)).toEqual(['link', 'after']);
  });

  it('refuses oversized pax records', () => {
    expect(() => new TarParser().push(header('PaxHeader', 1024 * 1024, 'x'))).toThrow('oversized');
  });
});
