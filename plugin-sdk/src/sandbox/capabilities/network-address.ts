// Classifies IP addresses so http can refuse loopback, private and link-local
// targets before connecting, unless the grant lists that network class.
import { BlockList, isIP } from 'node:net';
import { type NetworkClass } from '../../manifest/manifest';

export type AddressClass = NetworkClass | 'public' | 'reserved';

function blockList(v4: [string, number][], v6: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6');
  return list;
}

const classes: [AddressClass, BlockList][] = [
  // 0.0.0.0 and :: reach the local host on Linux.
  [
    'loopback',
    blockList(
      [
        ['127.0.0.0', 8],
        ['0.0.0.0', 8],
      ],
      [
        ['::1', 128],
        ['::', 128],
      ],
    ),
  ],
  ['linkLocal', blockList([['169.254.0.0', 16]], [['fe80::', 10]])],
  [
    'private',
    blockList(
      [
        ['10.0.0.0', 8],
        ['172.16.0.0', 12],
        ['192.168.0.0', 16],
        ['100.64.0.0', 10],
        ['198.18.0.0', 15],
      ],
      // ULA, NAT64 and 6to4 can embed private IPv4 targets.
      [
        ['fc00::', 7],
        ['64:ff9b::', 96],
        ['2002::', 16],
      ],
    ),
  ],
  [
    'reserved',
    blockList(
      [
        ['224.0.0.0', 4],
        ['240.0.0.0', 4],
      ],
      [['ff00::', 8]],
    ),
  ],
];

/** IPv4-mapped IPv6 (::ffff:7f00:1, ::ffff:127.0.0.1) as its IPv4 address. */
function unmapIpv4(address: string): string {
  const match = /^::ffff:(?:([0-9.]+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return address;
  if (match[1]) return match[1];
  const high = parseInt(match[2] ?? '0', 16);
  const low = parseInt(match[3] ?? '0', 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

export function classifyAddress(raw: string): AddressClass {
  const address = unmapIpv4(raw.replace(/^\[|\]$/g, '').toLowerCase());
  const family = isIP(address);
  if (family === 0) return 'reserved';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const [name, list] of classes) {
    if (list.check(address, type)) return name;
  }
  return 'public';
}

export function normalizedAddress(raw: string): string {
  return unmapIpv4(raw.replace(/^\[|\]$/g, '').toLowerCase());
}
