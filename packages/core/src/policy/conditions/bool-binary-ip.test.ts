import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicyDocument } from '../index.js';
import type { ConditionContext, DecisionEffect } from '../index.js';

type Case = [name: string, condition: Record<string, Record<string, unknown>>, context: ConditionContext, expected: DecisionEffect];

const decide = (condition: object, context: ConditionContext): DecisionEffect => {
  const doc = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: condition } }), 'identity');
  return evaluatePolicy(doc, { action: 'sts:GetCallerIdentity', resource: '*', context }).effect;
};

const MFA = 'aws:MultiFactorAuthPresent';
const IP = 'aws:SourceIp';

describe('Bool and BinaryEquals', () => {
  it.each<Case>([
    ['Bool true', { Bool: { [MFA]: 'true' } }, { [MFA]: 'true' }, 'Allow'],
    ['Bool false against true', { Bool: { [MFA]: 'true' } }, { [MFA]: 'false' }, 'ImplicitDeny'],
    ['Bool from JSON booleans on both sides', { Bool: { [MFA]: true } }, { [MFA]: true }, 'Allow'],
    ['Bool ignores case', { Bool: { [MFA]: 'TRUE' } }, { [MFA]: 'True' }, 'Allow'],
    ['Bool missing key is false', { Bool: { [MFA]: 'false' } }, {}, 'ImplicitDeny'],
    ['BoolIfExists missing key is true', { BoolIfExists: { [MFA]: 'true' } }, {}, 'Allow'],
    ['Bool with a non-boolean request value fails', { Bool: { [MFA]: 'true' } }, { [MFA]: 'yes' }, 'ImplicitDeny'],
    ['Bool with a non-boolean policy value fails', { Bool: { [MFA]: 'yes' } }, { [MFA]: 'yes' }, 'ImplicitDeny'],
    ['Bool takes a policy variable', { Bool: { [MFA]: '${aws:SecureTransport}' } }, { [MFA]: 'true', 'aws:SecureTransport': 'true' }, 'Allow'],
    ['BinaryEquals same bytes', { BinaryEquals: { 'x:blob': 'QmluYXJ5VmFsdWU=' } }, { 'x:blob': 'QmluYXJ5VmFsdWU=' }, 'Allow'],
    ['BinaryEquals other bytes', { BinaryEquals: { 'x:blob': 'QmluYXJ5VmFsdWU=' } }, { 'x:blob': 'T3RoZXI=' }, 'ImplicitDeny'],
    ['BinaryEquals refuses non-base64', { BinaryEquals: { 'x:blob': 'not base64!' } }, { 'x:blob': 'not base64!' }, 'ImplicitDeny'],
  ])('%s', (_name, condition, context, expected) => {
    expect(decide(condition, context)).toBe(expected);
  });
});

describe('IpAddress and NotIpAddress', () => {
  it.each<Case>([
    ['IPv4 inside the range', { IpAddress: { [IP]: '203.0.113.0/24' } }, { [IP]: '203.0.113.77' }, 'Allow'],
    ['IPv4 outside the range', { IpAddress: { [IP]: '203.0.113.0/24' } }, { [IP]: '203.0.114.1' }, 'ImplicitDeny'],
    ['a bare address means /32', { IpAddress: { [IP]: '10.0.0.1' } }, { [IP]: '10.0.0.1' }, 'Allow'],
    ['a bare address excludes its neighbour', { IpAddress: { [IP]: '10.0.0.1' } }, { [IP]: '10.0.0.2' }, 'ImplicitDeny'],
    ['/0 matches every IPv4 address', { IpAddress: { [IP]: '0.0.0.0/0' } }, { [IP]: '198.51.100.9' }, 'Allow'],
    ['host bits in the range are ignored', { IpAddress: { [IP]: '10.1.2.3/8' } }, { [IP]: '10.200.0.1' }, 'Allow'],
    ['several ranges are ORed', { IpAddress: { [IP]: ['192.0.2.0/24', '203.0.113.0/24'] } }, { [IP]: '203.0.113.5' }, 'Allow'],
    ['IPv6 inside the range', { IpAddress: { [IP]: '2001:DB8:1234:5678::/64' } }, { [IP]: '2001:db8:1234:5678:abcd::1' }, 'Allow'],
    ['IPv6 outside the range', { IpAddress: { [IP]: '2001:db8:1234:5678::/64' } }, { [IP]: '2001:db8:1234:5679::1' }, 'ImplicitDeny'],
    ['IPv6 loopback written in full', { IpAddress: { [IP]: '::1' } }, { [IP]: '0:0:0:0:0:0:0:1' }, 'Allow'],
    ['IPv6 with an embedded IPv4 tail', { IpAddress: { [IP]: '::ffff:192.0.2.0/120' } }, { [IP]: '::ffff:192.0.2.128' }, 'Allow'],
    ['an IPv4 range never holds an IPv6 address', { IpAddress: { [IP]: '0.0.0.0/0' } }, { [IP]: '2001:db8::1' }, 'ImplicitDeny'],
    ['a malformed request address fails', { IpAddress: { [IP]: '0.0.0.0/0' } }, { [IP]: '300.1.1.1' }, 'ImplicitDeny'],
    ['a malformed range fails', { IpAddress: { [IP]: '10.0.0.0/33' } }, { [IP]: '10.0.0.1' }, 'ImplicitDeny'],
    ['NotIpAddress outside the range', { NotIpAddress: { [IP]: '10.0.0.0/8' } }, { [IP]: '192.168.1.1' }, 'Allow'],
    ['NotIpAddress inside the range', { NotIpAddress: { [IP]: '10.0.0.0/8' } }, { [IP]: '10.9.9.9' }, 'ImplicitDeny'],
    ['NotIpAddress missing key is true', { NotIpAddress: { [IP]: '10.0.0.0/8' } }, {}, 'Allow'],
    ['NotIpAddress with a malformed address fails', { NotIpAddress: { [IP]: '10.0.0.0/8' } }, { [IP]: 'localhost' }, 'ImplicitDeny'],
  ])('%s', (_name, condition, context, expected) => {
    expect(decide(condition, context)).toBe(expected);
  });
});
