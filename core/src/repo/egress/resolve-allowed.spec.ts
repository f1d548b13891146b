import { egressPolicy } from './egress-policy';
import { EgressRefusedError, resolveAllowed } from './resolve-allowed';

describe('resolveAllowed', () => {
  const policy = egressPolicy({ deny: ['169.254.0.0/16'], allow: [] });
  const lookup = (answers: Record<string, string[]>) => (host: string) =>
    host in answers ? Promise.resolve(answers[host] ?? []) : Promise.reject(new Error(`ENOTFOUND ${host}`));

  it('returns the addresses of a name when all are allowed', async () => {
    await expect(
      resolveAllowed('git.example', policy, lookup({ 'git.example': ['10.0.0.7', 'fd00::7'] })),
    ).resolves.toEqual(['10.0.0.7', 'fd00::7']);
  });

  it('refuses a name with any denied address, naming the host but not the address', async () => {
    const refused = resolveAllowed(
      'sneaky.example',
      policy,
      lookup({ 'sneaky.example': ['10.0.0.7', '169.254.169.254'] }),
    );
    await expect(refused).rejects.toBeInstanceOf(EgressRefusedError);
    await expect(refused).rejects.toThrow(/sneaky\.example/);
    await expect(refused).rejects.not.toThrow(/169\.254/);
  });

  it('checks literal addresses without a lookup, bracketed IPv6 included', async () => {
    const never = () => Promise.reject(new Error('no lookup for literals'));
    await expect(resolveAllowed('169.254.169.254', policy, never)).rejects.toBeInstanceOf(EgressRefusedError);
    await expect(resolveAllowed('[::1]', policy, never)).resolves.toEqual(['::1']);
  });

  it('passes lookup failures through and refuses an empty answer', async () => {
    await expect(resolveAllowed('missing.example', policy, lookup({}))).rejects.toThrow('ENOTFOUND missing.example');
    await expect(resolveAllowed('empty.example', policy, lookup({ 'empty.example': [] }))).rejects.toBeInstanceOf(
      EgressRefusedError,
    );
  });
});
