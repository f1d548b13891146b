import { egressPolicy } from '../egress';
import { checkRepositoryAccess, RepositoryUnreachable } from './repository-access-check';

describe('the check before a repository is saved', () => {
  it('does not reach networks the egress policy denies, and says so without details (security.md BI-SSRF-1)', async () => {
    const egress = { policy: egressPolicy({ deny: ['127.0.0.0/8'], allow: [] }) };
    const check = checkRepositoryAccess(
      { url: 'http://127.0.0.1:6379/app.git', username: 'u', password: 'canary-pw' },
      { allowFileUrls: false, egress, timeoutMs: 5_000 },
    );
    await expect(check).rejects.toBeInstanceOf(RepositoryUnreachable);
    await expect(check).rejects.toThrow(/^cannot reach http:\/\/127\.0\.0\.1:6379\/app\.git: .* — nothing was saved$/);
    await expect(check).rejects.not.toThrow(/canary-pw/);
  });

  it('refuses file:// repositories unless the server allows them', async () => {
    await expect(checkRepositoryAccess({ url: 'file:///etc' }, { allowFileUrls: false })).rejects.toBeInstanceOf(
      RepositoryUnreachable,
    );
  });
});
