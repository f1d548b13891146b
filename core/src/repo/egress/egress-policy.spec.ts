import { defaultDeniedNetworks, egressPolicy, parseNetworks } from './egress-policy';

describe('egressPolicy', () => {
  const defaults = egressPolicy({ deny: defaultDeniedNetworks, allow: [] });

  it('refuses cloud metadata and link-local addresses by default, in IPv4, IPv6 and IPv4-mapped form', () => {
    for (const address of [
      '169.254.169.254',
      '169.254.0.1',
      'fe80::1',
      'fd00:ec2::254',
      '100.100.100.200',
      '::ffff:169.254.169.254',
    ])
      expect([address, defaults.refusal(address)]).toEqual([address, 'denied']);
  });

  it('lets private and loopback networks through by default (self-hosted Git lives there)', () => {
    for (const address of ['10.0.0.1', '192.168.1.10', '172.16.5.4', '127.0.0.1', '::1', 'fd12::1', '140.82.112.3'])
      expect([address, defaults.refusal(address)]).toEqual([address, undefined]);
  });

  it('with an allow list, reaches only those networks, and a deny entry still wins inside them', () => {
    const policy = egressPolicy({ deny: ['10.1.2.3'], allow: ['10.0.0.0/8', '2001:db8::/32'] });
    expect(policy.refusal('10.9.9.9')).toBeUndefined();
    expect(policy.refusal('::ffff:10.9.9.9')).toBeUndefined();
    expect(policy.refusal('2001:db8::5')).toBeUndefined();
    expect(policy.refusal('10.1.2.3')).toBe('denied');
    expect(policy.refusal('192.168.0.1')).toBe('not allowed');
    expect(policy.refusal('::1')).toBe('not allowed');
  });

  it('names a malformed entry and how to write one', () => {
    for (const entry of ['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', 'fd00::/129', '1.2.3.4/x'])
      expect(() => egressPolicy({ deny: [entry], allow: [] })).toThrow(
        `deny list entry "${entry}" is not an IP address or CIDR network (e.g. 10.0.0.0/8, fd00::/8)`,
      );
  });
});

describe('parseNetworks', () => {
  it('splits on commas and spaces and drops empty entries', () => {
    expect(parseNetworks(' 10.0.0.0/8, 192.168.0.0/16  fd00::/8,,')).toEqual([
      '10.0.0.0/8',
      '192.168.0.0/16',
      'fd00::/8',
    ]);
    expect(parseNetworks('')).toEqual([]);
    expect(parseNetworks(undefined)).toEqual([]);
  });
});
