import { tokensToText } from '../variables.js';
import { negate, positive } from './operator.js';
import type { OperatorSpec } from './operator.js';

interface Cidr {
  readonly bits: 32 | 128;
  readonly address: bigint;
  readonly prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tail: bigint[] = [];
  // An embedded dotted quad (::ffff:10.0.0.1) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    const before = text.slice(0, lastColon + 1);
    head = before.endsWith('::') ? before : text.slice(0, lastColon);
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0] ?? '');
  const right = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (![...left, ...right].every((g) => HEXTET.test(g))) return undefined;
  const explicit = left.length + right.length + tail.length;
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  const zeros = Array.from({ length: 8 - explicit }, () => 0n);
  const all = [...left.map((g) => BigInt(`0x${g}`)), ...(halves.length === 2 ? zeros : []), ...right.map((g) => BigInt(`0x${g}`)), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}

function parseCidr(text: string): Cidr | undefined {
  const [addressText = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const v4 = parseIpv4(addressText);
  const bits = v4 !== undefined ? 32 : 128;
  const address = v4 ?? parseIpv6(addressText);
  if (address === undefined) return undefined;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  return prefix > bits ? undefined : { bits, address, prefix };
}

function contains(range: Cidr, ip: Cidr): boolean {
  if (range.bits !== ip.bits) return false;
  const shift = BigInt(range.bits - range.prefix);
  return range.address >> shift === ip.address >> shift;
}

// IP operators take no policy variables (Conditions_IPAddress); host bits in the range are ignored.
const ipAddress = positive('in', false, (request, expand) => {
  const tokens = expand(false);
  const range = tokens === undefined ? undefined : parseCidr(tokensToText(tokens));
  const ip = parseCidr(request);
  return range === undefined || ip === undefined ? undefined : contains(range, ip);
});

export const IP_OPERATORS = {
  IpAddress: ipAddress,
  NotIpAddress: negate(ipAddress),
} satisfies Record<string, OperatorSpec>;
