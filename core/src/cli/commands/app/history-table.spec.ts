import { renderHistoryTable } from './history-table';

describe('renderHistoryTable', () => {
  it('prints one block per source with the target and short revision', () => {
    const source = { repoURL: 'https://git.example/apps.git', path: 'guestbook', targetRevision: 'main' };
    expect(
      renderHistoryTable([
        { id: 0, deployedAt: '2024-05-01T10:00:00Z', revision: '0123456789abcdef', source },
        { id: 1, deployedAt: '2024-05-02T10:00:00Z', revision: 'fedcba9876543210', source },
      ]),
    ).toBe(
      [
        'SOURCE  https://git.example/apps.git',
        'ID  DATE                  REVISION',
        '0   2024-05-01T10:00:00Z  main (0123456)',
        '1   2024-05-02T10:00:00Z  main (fedcba9)',
        '',
      ].join('\n'),
    );
  });

  it('splits a multi-source entry over its sources, keeping each revision with its source', () => {
    const text = renderHistoryTable([
      {
        id: 3,
        deployedAt: '2024-05-01T10:00:00Z',
        sources: [
          { repoURL: 'https://git.example/apps.git', targetRevision: 'main' },
          { repoURL: 'https://charts.example', chart: 'redis', targetRevision: '18.0.0' },
        ],
        revisions: ['0123456789abcdef', '18.0.0'],
      },
    ]);
    expect(text.split('\n\n')).toEqual([
      'SOURCE  https://git.example/apps.git\nID  DATE                  REVISION\n3   2024-05-01T10:00:00Z  main (0123456)',
      'SOURCE  https://charts.example\nID  DATE                  REVISION\n3   2024-05-01T10:00:00Z  18.0.0\n',
    ]);
  });

  it('prints nothing for an empty history', () => {
    expect(renderHistoryTable([])).toBe('');
  });
});
