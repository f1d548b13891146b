// Unpacks a chart .tgz into an empty folder without trusting the archive.
// Two passes over the gzip stream: the first checks every header (paths, entry
// types, file count, declared and decompressed sizes) and writes nothing, so a
// bomb or a 10⁶-file archive is refused after reading only up to the cap; the
// second writes. Modes come from us (0644 files, 0755 folders), never from
// the archive; files are created exclusively, so an entry cannot overwrite or
// write through anything.
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { entryKind, entrySegments, UnsafeEntryError } from './tar-entry';
import { TarParser, type TarEvent } from './tar-parser';

export interface ExtractLimits {
  maxExtractedBytes: number;
  maxFiles: number;
}

export class ArchiveError extends Error {
  constructor(
    readonly code: 'TOO_LARGE' | 'UNSAFE_ARCHIVE',
    message: string,
  ) {
    super(message);
  }
}

type Visitor = (event: TarEvent, segments: string[] | undefined) => Promise<void> | void;

async function walkArchive(tgz: Buffer, limits: ExtractLimits, visit: Visitor): Promise<void> {
  const gunzip = createGunzip();
  gunzip.end(tgz);
  const parser = new TarParser();
  let decompressed = 0;
  let entries = 0;
  let segments: string[] | undefined;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      decompressed += chunk.length;
      if (decompressed > limits.maxExtractedBytes) {
        throw new ArchiveError('TOO_LARGE', `the archive unpacks to more than ${limits.maxExtractedBytes} bytes`);
      }
      for (const event of parser.push(chunk)) {
        if (event.kind === 'entry') {
          entries += 1;
          if (entries > limits.maxFiles) {
            throw new ArchiveError('TOO_LARGE', `the archive has more than ${limits.maxFiles} entries`);
          }
          if (event.header.size > limits.maxExtractedBytes) {
            throw new ArchiveError(
              'TOO_LARGE',
              `an entry of the archive is larger than ${limits.maxExtractedBytes} bytes`,
            );
          }
          entryKind(event.header.flag, event.header.path);
          segments = entrySegments(event.header.path);
        }
        await visit(event, segments);
      }
      if (parser.ended) break;
    }
    parser.finish();
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    if (error instanceof UnsafeEntryError) throw new ArchiveError('UNSAFE_ARCHIVE', error.message);
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
      throw new ArchiveError('UNSAFE_ARCHIVE', 'the archive is not a valid gzip file');
    }
    throw error;
  } finally {
    gunzip.destroy();
  }
}

/** Checks the whole archive, then unpacks it into `target` (which must exist and be empty). */
export async function extractArchive(tgz: Buffer, target: string, limits: ExtractLimits): Promise<void> {
  await walkArchive(tgz, limits, () => undefined);
  let file: Awaited<ReturnType<typeof open>> | undefined;
  try {
    await walkArchive(tgz, limits, async (event, segments) => {
      if (event.kind === 'entry' && segments && segments.length > 0) {
        const path = join(target, ...segments);
        if (entryKind(event.header.flag, event.header.path) === 'directory') {
          await mkdir(path, { recursive: true, mode: 0o755 });
          return;
        }
        await mkdir(join(target, ...segments.slice(0, -1)), { recursive: true, mode: 0o755 });
        file = await open(path, 'wx', 0o644).catch((error: NodeJS.ErrnoException) => {
          throw new ArchiveError(
            'UNSAFE_ARCHIVE',
            error.code === 'EEXIST'
              ? `the archive holds "${segments.join('/')}" twice`
              : `the entry "${segments.join('/')}" cannot be written (${error.code ?? 'error'})`,
          );
        });
      } else if (event.kind === 'data' && file) {
        await file.write(event.chunk);
      } else if (event.kind === 'entryEnd' && file) {
        await file.close();
        file = undefined;
      }
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') {
      throw new ArchiveError('UNSAFE_ARCHIVE', 'the archive holds a path both as a file and as a folder');
    }
    throw error;
  } finally {
    await file?.close();
  }
}
