import { describe, expect, it } from 'vitest';
import { hostOfHostHeader, isHostName, isLoopbackHost, isWildcardAddress, splitHostPort } from './host-header.js';

describe('splitHostPort', () => {
  it.each([
    ['127.0.0.1:80', '127.0.0.1'],
    ['[fd00:ec2::23]:80', 'fd00:ec2::23'],
    ['localhost', undefined],
    ['[::1]', undefined],
    ['fd00:ec2::23', undefined],
    ['[::1]:80:90', undefined],
  ])('%s → %s, as Go', (hostport, expected) => {
    expect(splitHostPort(hostport)).toBe(expected);
  });
});

describe('hostOfHostHeader', () => {
  it.each([
    ['LocalHost:4599', 'localhost'],
    ['eksid', 'eksid'],
    ['[::1]:4599', '::1'],
    ['[::1]', '::1'],
    ['Kind-Eksid.:4599', 'kind-eksid'],
  ])('%s → %s', (header, expected) => {
    expect(hostOfHostHeader(header)).toBe(expected);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true], ['127.9.9.9', true], ['[::1]', true], ['::1', true], ['localhost', true], ['LOCALHOST', true],
    ['app.localhost', true], ['169.254.170.23', false], ['0.0.0.0', false], ['localhost.attacker.example', false], ['notlocalhost', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('isWildcardAddress', () => {
  it.each([['0.0.0.0', true], ['::', true], ['[::]', true], ['', true], ['10.0.0.5', false], ['eksid', false]])('%s → %s', (host, expected) => {
    expect(isWildcardAddress(host)).toBe(expected);
  });
});

describe('isHostName', () => {
  it.each(['eksid', 'host.docker.internal', 'Kind-Eksid', '10.0.0.5', 'fd00::1', '[fd00::1]', 'example.test.'])('accepts %s', (value) => {
    expect(isHostName(value)).toBe(true);
  });
  it.each(['', 'http://eksid', 'eksid:4599', 'eksid/x', 'a b', '-eksid', 'user@eksid', '*'])('rejects %j', (value) => {
    expect(isHostName(value)).toBe(false);
  });
});
