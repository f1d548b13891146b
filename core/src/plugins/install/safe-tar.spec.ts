import { gzipSync } from 'node:zlib';
import { PluginError } from '@driftless/plugin-sdk';
import { readPackageTarball } from './safe-tar';

function entry(name: string, content: string, type = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(content).toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0', 257);
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
  data.write(content);
  return Buffer.concat([header, data]);
}

function tarball(...entries: Buffer[]): Buffer {
  return gzipSync(Buffer.concat([...entries, Buffer.alloc(1024)]));
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof PluginError ? `${error.code}: ${error.reason}` : String(error);
  }
  return undefined;
}

describe('readPackageTarball', () => {
  it('reads files under the top-level folder', () => {
    const files = readPackageTarball(
      tarball(entry('package/package.json', '{}'), entry('package/dist/plugin.js', 'x')),
    );
    expect([...files.keys()]).toEqual(['package.json', 'dist/plugin.js']);
    expect(files.get('dist/plugin.js')?.toString()).toBe('x');
  });

  it.each([
    ['a ../ entry', entry('package/../../etc/cron.d/evil', 'x'), '../ path segment'],
    ['an absolute entry', entry('/etc/passwd', 'x'), 'absolute'],
    ['a symlink', entry('package/link', '', '2'), 'symbolic link'],
    ['a hard link', entry('package/hard', '', '1'), 'hard link'],
    ['a device', entry('package/dev', '', '3'), 'type "3"'],
  ])('refuses %s with PLUGIN_UNSAFE_ARCHIVE', (_name, bad, reason) => {
    expect(codeOf(() => readPackageTarball(tarball(entry('package/package.json', '{}'), bad)))).toContain(
      `PLUGIN_UNSAFE_ARCHIVE: the archive`,
    );
    expect(codeOf(() => readPackageTarball(tarball(bad)))).toContain(reason);
  });

  it('refuses archives that unpack past the cap and non-gzip input', () => {
    const big = tarball(entry('package/a', 'x'.repeat(5000)));
    expect(codeOf(() => readPackageTarball(big, { maxUnpackedBytes: 1000, maxEntries: 10 }))).toContain(
      'PLUGIN_UNSAFE_ARCHIVE',
    );
    expect(codeOf(() => readPackageTarball(Buffer.from('not gzip')))).toContain('not a gzip file');
  });
});
