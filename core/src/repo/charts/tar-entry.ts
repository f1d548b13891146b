// Which tar entries a chart archive may hold: regular files and folders whose
// paths stay inside the target. Links are refused outright (charts never need
// them, and a link followed by a file written through it is the classic
// escape), as are devices, FIFOs and anything unknown. Pure.

export type TarEntryKind = 'file' | 'directory';

export class UnsafeEntryError extends Error {}

/** The tar type flag as a word for messages. */
function typeName(flag: string): string {
  switch (flag) {
    case '1':
      return 'a hard link';
    case '2':
      return 'a symbolic link';
    case '3':
      return 'a character device';
    case '4':
      return 'a block device';
    case '6':
      return 'a FIFO';
    default:
      return `an entry of type ${JSON.stringify(flag)}`;
  }
}

export function entryKind(flag: string, path: string): TarEntryKind {
  if (flag === '0' || flag === '\0' || flag === '7' || flag === '') return 'file';
  if (flag === '5') return 'directory';
  throw new UnsafeEntryError(
    `the entry "${shortPath(path)}" is ${typeName(flag)}; charts may hold only files and folders`,
  );
}

function shortPath(path: string): string {
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}

/** The path's segments, or an UnsafeEntryError for absolute paths, `..`, NUL or backslashes. */
export function entrySegments(path: string): string[] {
  if (path.includes('\0') || path.includes('\\')) {
    throw new UnsafeEntryError(`the entry "${shortPath(path.replace(/\0/g, '\\0'))}" has a malformed path`);
  }
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    throw new UnsafeEntryError(`the entry "${shortPath(path)}" has an absolute path`);
  }
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw new UnsafeEntryError(`the entry "${shortPath(path)}" has a ".." path segment`);
  return segments;
}
