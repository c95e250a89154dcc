import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './cross-site.js';
import type { BrowserRequest } from './cross-site.js';

const OWN = 'http://eksid:4599';
const HOST = '127.0.0.1:4599';

function request(headers: Record<string, string>, method = 'POST', url = '/'): BrowserRequest {
  return { method, url, headers: { host: HOST, ...headers } };
}

describe('crossSiteRefusal', () => {
  it.each([
    ['an SDK or CLI (no Origin, no Fetch Metadata)', {}],
    ['node fetch (Sec-Fetch-Mode only)', { 'sec-fetch-mode': 'cors' }],
    ['the dashboard (its own origin)', { origin: 'http://127.0.0.1:4599', 'sec-fetch-site': 'same-origin' }],
    ['a page of the public URL (behind a proxy)', { origin: 'http://EKSID:4599' }],
    ['a request typed in the address bar', { 'sec-fetch-site': 'none' }],
  ])('serves %s', (_, headers) => {
    expect(crossSiteRefusal(request(headers), OWN)).toBeUndefined();
  });

  it.each([
    ['a form posted from another loopback port', { origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' }, 'origin http://127.0.0.1:3000'],
    ['a form posted from another site', { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' }, 'origin https://attacker.example'],
    ['a sandboxed frame (Origin null)', { origin: 'null' }, 'origin null'],
    ['a browser without Fetch Metadata', { origin: 'http://localhost:4599' }, 'origin http://localhost:4599'],
    ['a no-cors request marked cross-site', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }, 'a cross-site page'],
    ['a no-cors request marked same-site', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' }, 'a same-site page'],
  ])('refuses %s', (_, headers, from) => {
    expect(crossSiteRefusal(request(headers), OWN)).toBe(`eksid refuses requests a browser sends from another site (${from}): only its own pages, and clients that send no Origin, may call it`);
  });

  const navigation = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };

  it.each(['/', '/_eksid/health', '/id/ABC/.well-known/openid-configuration'])('serves a link followed from another site to %s', (url) => {
    expect(crossSiteRefusal(request(navigation, 'GET', url), OWN)).toBeUndefined();
  });

  it.each([
    ['an awsQuery GET', 'GET', '/?Action=CreateRole&RoleName=x', navigation],
    ['a form post', 'POST', '/', navigation],
    ['a frame', 'GET', '/', { ...navigation, 'sec-fetch-dest': 'iframe' }],
  ])('refuses %s even as a navigation', (_, method, url, headers) => {
    expect(crossSiteRefusal(request(headers, method, url), OWN)).toBeDefined();
  });
});
