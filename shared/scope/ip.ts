import { isIP } from 'node:net';

/** An address or CIDR range as an integer interval, so IPv4 and IPv6 compare the same way. */
export interface IpRange {
  readonly text: string;
  readonly version: 4 | 6;
  readonly first: bigint;
  readonly last: bigint;
}

export function parseIpOrCidr(text: string): IpRange | null {
  const [address, prefixText, ...rest] = text.trim().split('/');
  if (!address || rest.length > 0) return null;
  const parsed = parseAddress(address);
  if (!parsed) return null;
  const bits = parsed.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || (prefixText !== undefined && !/^\d+$/.test(prefixText))) return null;
  const hostBits = BigInt(bits - prefix);
  const first = (parsed.value >> hostBits) << hostBits;
  const last = first | ((1n << hostBits) - 1n);
  return { text: text.trim(), version: parsed.version, first, last };
}

/** Parses IPv4, IPv6 and IPv4-mapped IPv6 (`::ffff:1.2.3.4`, which is treated as IPv4). */
export function parseAddress(text: string): { version: 4 | 6; value: bigint } | null {
  const trimmed = text.trim().replace(/^\[|\]$/g, '');
  const kind = isIP(trimmed);
  if (kind === 4) return { version: 4, value: ipv4Value(trimmed) };
  if (kind !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped) return { version: 4, value: ipv4Value(mapped[1]!) };
  return { version: 6, value: ipv6Value(trimmed) };
}

export function rangeContains(range: IpRange, address: string): boolean {
  const parsed = parseAddress(address);
  return parsed !== null && parsed.version === range.version && parsed.value >= range.first && parsed.value <= range.last;
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(text: string): bigint {
  let head = text;
  let tailV4: bigint | null = null;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    tailV4 = ipv4Value(v4[1]!);
    head = text.slice(0, -v4[1]!.length) + '0:0';
  }
  const [left, right] = head.split('::') as [string, string | undefined];
  const leftGroups = left ? left.split(':') : [];
  const rightGroups = right !== undefined && right !== '' ? right.split(':') : [];
  const missing = 8 - leftGroups.length - rightGroups.length;
  const groups = [...leftGroups, ...Array<string>(right !== undefined ? missing : 0).fill('0'), ...rightGroups];
  let value = groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n);
  if (tailV4 !== null) value = (value & ~0xffffffffn) | tailV4;
  return value;
}
