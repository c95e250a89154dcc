import { describe, expect, it } from 'vitest';
import { HostAllowList, normalizeAllowedHost } from './allow-list.js';

describe('HostAllowList', () => {
  const list = new HostAllowList({ publicUrl: 'http://eksid:4599', bindHost: '0.0.0.0', allowedHosts: ['Host.Docker.Internal', '[fd00::5]'] });

  it.each([
    'localhost:4599', 'localhost', '127.0.0.1:4599', '127.0.0.1', '[::1]:4599', '[::1]', 'dashboard.localhost:4599',
    'eksid:4599', 'eksid', 'EKSID:80', 'host.docker.internal:4599', '[fd00::5]:4599',
  ])('answers Host %s', (host) => {
    expect(list.allows(host)).toBe(true);
  });

  it.each(['rebind.attacker.example:4599', 'rebind.attacker.example', 'eksid.attacker.example', 'localhost.attacker.example', '0.0.0.0:4599', '10.0.0.5'])('refuses Host %s', (host) => {
    expect(list.allows(host)).toBe(false);
  });

  it('answers the same once it has seen many names, refused ones asked again included', () => {
    const names = Array.from({ length: 100 }, (_, i) => `app${i}.localhost:4599`);
    expect(names.map((name) => list.allows(name))).toEqual(names.map(() => true));
    expect([list.allows('rebind.attacker.example'), list.allows('rebind.attacker.example'), list.allows(names[99]), list.allows('eksid:4599')]).toEqual([false, false, true, true]);
  });

  it('refuses a request without Host', () => {
    expect(list.allows(undefined)).toBe(false);
    expect(list.allows('')).toBe(false);
  });

  it('answers the bound address when it names one host', () => {
    const bound = new HostAllowList({ publicUrl: 'http://127.0.0.1:4599', bindHost: '10.0.0.5' });
    expect(bound.allows('10.0.0.5:4599')).toBe(true);
    expect(new HostAllowList({ publicUrl: 'http://[fd00::7]:4599', bindHost: '::' }).allows('[fd00::7]:4599')).toBe(true);
  });
});

describe('normalizeAllowedHost', () => {
  it.each([['EKSID', 'eksid'], ['[fd00::5]', 'fd00::5'], ['host.docker.internal.', 'host.docker.internal']])('%s → %s', (value, expected) => {
    expect(normalizeAllowedHost(value)).toBe(expected);
  });

  it('names a value that is not a host', () => {
    expect(() => normalizeAllowedHost('http://eksid:4599')).toThrow(new TypeError("invalid allowed host 'http://eksid:4599': expected a host name or IP address, without scheme, port or path"));
  });
});
