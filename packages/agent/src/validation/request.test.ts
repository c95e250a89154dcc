import { describe, expect, it } from 'vitest';
import { fakeToken } from '../testing/tokens.js';
import { REAL_TARGET_HOSTS, validateTargetHost, validateToken } from './request.js';

const NOW = Date.UTC(2026, 0, 1);
const s = NOW / 1000;
const b64 = (v: string) => Buffer.from(v).toString('base64url');

describe('validateTargetHost', () => {
  it.each(['169.254.170.23', '169.254.170.23:80', '[fd00:ec2::23]:80', '[fd00:ec2::23]', 'fd00:ec2::23'])('accepts %s', (host) => {
    expect(() => validateTargetHost(host, REAL_TARGET_HOSTS)).not.toThrow();
  });

  it.each([
    ['localhost:2703', 'localhost'],
    ['127.0.0.1:80', '127.0.0.1'],
    ['', ''],
  ])('rejects %j with the agent\'s 403 text', (host, shown) => {
    expect(() => validateTargetHost(host, REAL_TARGET_HOSTS)).toThrow(expect.objectContaining({
      status: 403,
      code: 'ERR_ACCESS_DENIED',
      message: `Access Denied. Called agent through invalid address, please use either [169.254.170.23 fd00:ec2::23] address not ${shown}`,
    }));
  });
});

describe('validateToken', () => {
  it('accepts a well-formed, current token', () => {
    expect(() => validateToken(fakeToken({ exp: s + 60, nbf: s - 60 }), NOW)).not.toThrow();
  });

  it.each([
    ['', 'Service account token cannot be empty'],
    ['Bearer abc', 'Service account token cannot be parsed: token is malformed: token contains an invalid number of segments'],
    ['a.b', 'Service account token cannot be parsed: token is malformed: token contains an invalid number of segments'],
    ['a.b.c.d', 'Service account token cannot be parsed: token is malformed: token contains an invalid number of segments'],
    ['e$x.e30.sig', 'Service account token cannot be parsed: token is malformed: could not base64 decode header: illegal base64 data at input byte 1'],
    [`${b64('{"alg":"RS256"}')}=.e30.sig`, 'Service account token cannot be parsed: token is malformed: could not base64 decode header: illegal base64 data at input byte 20'],
    [`${b64('nope')}.e30.sig`, "Service account token cannot be parsed: token is malformed: could not JSON decode header: invalid character 'o' looking for beginning of value"],
    [`${b64('[1]')}.e30.sig`, 'Service account token cannot be parsed: token is malformed: could not JSON decode header: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    [`${b64('{"alg":"RS256"}')}.${b64('{"exp":"soon"}')}.sig`, 'Service account token cannot be parsed: token is malformed: could not JSON decode claim: could not parse NumericData: json: invalid number literal, trying to unmarshal "\\"soon\\"" into Number'],
    [`${b64('{"alg":"RS256"}')}.${b64('{"aud":7}')}.sig`, 'Service account token cannot be parsed: token is malformed: could not JSON decode claim: invalid type for claim'],
    [`${b64('{"alg":"RS256"}')}.${b64('{"iss":7}')}.sig`, 'Service account token cannot be parsed: token is malformed: could not JSON decode claim: json: cannot unmarshal number into Go struct field RegisteredClaims.iss of type string'],
    [`${b64('{"typ":"JWT"}')}.e30.sig`, 'Service account token cannot be parsed: token is unverifiable: signing method (alg) is unspecified'],
    [`${b64('{"alg":"XX1"}')}.e30.sig`, 'Service account token cannot be parsed: token is unverifiable: signing method (alg) is unavailable'],
    [fakeToken({ exp: s - 1 }), 'Service account token failed basic claim validations: token is expired'],
    [fakeToken({ exp: s }), 'Service account token failed basic claim validations: token is expired'],
    [fakeToken({ nbf: s + 1 }), 'Service account token failed basic claim validations: token is not valid yet'],
    [fakeToken({ exp: s - 1, nbf: s + 1 }), 'Service account token failed basic claim validations: token is expired\ntoken is not valid yet'],
  ])('rejects %j', (token, message) => {
    expect(() => validateToken(token, NOW)).toThrow(expect.objectContaining({ status: 400, code: 'ERR_REQUEST_VALIDATION', message }));
  });

  it('accepts numeric-string exp (json.Number) and ignores iat', () => {
    expect(() => validateToken(fakeToken({ exp: String(s + 60), iat: s + 999 }), NOW)).not.toThrow();
  });
});
