import { urlForDisplay } from './url-for-display';

describe('urlForDisplay', () => {
  it.each([
    ['https://builder:s3cret@git.example.com/apps.git', 'https://git.example.com/apps.git'],
    ['https://ghp_token@github.com/org/repo.git', 'https://github.com/org/repo.git'],
    ['ssh://git:s3cret@git.example.com/apps.git', 'ssh://git@git.example.com/apps.git'],
    ['ssh://git@git.example.com/apps.git', 'ssh://git@git.example.com/apps.git'],
    ['https://git.example.com/apps.git?user=a@b', 'https://git.example.com/apps.git?user=a@b'],
    ['git@github.com:org/repo.git', 'git@github.com:org/repo.git'],
    ['oci://registry.example.com/charts', 'oci://registry.example.com/charts'],
  ])('%s → %s', (url, shown) => {
    expect(urlForDisplay(url)).toBe(shown);
  });
});
