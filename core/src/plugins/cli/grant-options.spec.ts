import { CliError } from '../../cli/exit-codes';
import { parseGrants } from './grant-options';

describe('parseGrants', () => {
  it('builds capabilities from --grant values', () => {
    expect(
      parseGrants([
        'http=hooks.example.com,127.0.0.1:8080',
        'network=loopback',
        'exec=helm',
        'workspace',
        'crypto',
        'secret=token',
        'http=api.example.com',
        'smtp=smtp.example.com:587',
        'smtp-network=private',
      ]),
    ).toEqual({
      http: { hosts: ['hooks.example.com', '127.0.0.1:8080', 'api.example.com'], networks: ['loopback'] },
      smtp: { hosts: ['smtp.example.com:587'], networks: ['private'] },
      exec: { binaries: ['helm'] },
      workspace: true,
      crypto: true,
      secrets: { names: ['token'] },
    });
  });

  it.each(['network=internet', 'smtp-network=anywhere', 'kubernetes=all', 'root'])(
    'refuses %s as a usage error',
    (value) => {
      expect(() => parseGrants([value])).toThrow(CliError);
    },
  );
});
