import { entryKind, entrySegments, UnsafeEntryError } from './tar-entry';

describe('tar entry checks', () => {
  it.each([
    ['nginx/Chart.yaml', ['nginx', 'Chart.yaml']],
    ['./nginx//templates/./cm.yaml', ['nginx', 'templates', 'cm.yaml']],
    ['nginx/', ['nginx']],
    ['a..b/c..', ['a..b', 'c..']],
  ])('accepts %j', (path, segments) => {
    expect(entrySegments(path)).toEqual(segments);
  });

  it.each([
    ['../../x', /"\.\." path segment/],
    ['nginx/../../x', /"\.\." path segment/],
    ['nginx/..', /"\.\." path segment/],
    ['/etc/x', /absolute path/],
    ['C:/x', /absolute path/],
    ['nginx\\..\\x', /malformed path/],
    ['a\0b', /malformed path/],
  ])('refuses %j', (path, message) => {
    expect(() => entrySegments(path)).toThrow(UnsafeEntryError);
    expect(() => entrySegments(path)).toThrow(message);
  });

  it.each([
    ['0', 'file'],
    ['\0', 'file'],
    ['7', 'file'],
    ['5', 'directory'],
  ])('type %j is a %s', (flag, kind) => {
    expect(entryKind(flag, 'x')).toBe(kind);
  });

  it.each([
    ['1', 'a hard link'],
    ['2', 'a symbolic link'],
    ['3', 'a character device'],
    ['4', 'a block device'],
    ['6', 'a FIFO'],
    ['S', 'an entry of type "S"'],
  ])('refuses type %j (%s)', (flag, name) => {
    expect(() => entryKind(flag, 'chart/x')).toThrow(`the entry "chart/x" is ${name}`);
  });
});
