import { load } from 'js-yaml';
import { render, type Printable } from './output';

interface Row {
  name: string;
  status: string;
  detail: string;
}

const printable: Printable<Row> = {
  data: { items: [{ name: 'guestbook', status: 'Synced' }] },
  rows: [
    { name: 'guestbook', status: 'Synced', detail: 'x' },
    { name: 'a', status: 'OutOfSync', detail: 'longer' },
  ],
  columns: [
    { header: 'NAME', value: (row) => row.name },
    { header: 'STATUS', value: (row) => row.status },
    { header: 'DETAIL', value: (row) => row.detail, wide: true },
  ],
  name: (row) => `application/${row.name}`,
};

describe('render', () => {
  it('prints an aligned table without wide columns', () => {
    expect(render(printable, 'table')).toBe('NAME       STATUS\nguestbook  Synced\na          OutOfSync\n');
  });

  it('adds wide columns with -o wide', () => {
    expect(render(printable, 'wide').split('\n')[0]).toBe('NAME       STATUS     DETAIL');
  });

  it('prints data as JSON and YAML', () => {
    expect(JSON.parse(render(printable, 'json'))).toEqual(printable.data);
    expect(load(render(printable, 'yaml'))).toEqual(printable.data);
  });

  it('prints names', () => {
    expect(render(printable, 'name')).toBe('application/guestbook\napplication/a\n');
  });

  it('refuses -o name where a command has no names', () => {
    expect(() => render({ ...printable, name: undefined } as unknown as Printable<Row>, 'name')).toThrow(
      '-o name is not available',
    );
  });
});
