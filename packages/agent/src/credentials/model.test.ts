import { describe, expect, it } from 'vitest';
import { accountIdFromArn, formatExpiration, toCredentialsDocument } from './model.js';

describe('formatExpiration', () => {
  it.each([
    [Date.UTC(1996, 2, 27, 7, 45, 23, 123), '1996-03-27T07:45:23.123Z'],
    [Date.UTC(1996, 2, 27, 7, 45, 23, 120), '1996-03-27T07:45:23.12Z'],
    [Date.UTC(1996, 2, 27, 7, 45, 23, 0), '1996-03-27T07:45:23Z'],
  ])('formats %d like Go RFC3339Nano in UTC', (ms, text) => {
    expect(formatExpiration(ms)).toBe(text);
  });
});

describe('toCredentialsDocument', () => {
  it('keeps the Go field order and drops empty fields (omitempty)', () => {
    const doc = toCredentialsDocument({
      accessKeyId: 'ASIA1', secretAccessKey: 's', sessionToken: '', accountId: '111122223333',
      expiration: Date.UTC(2026, 0, 1), roleArn: '', roleId: '', associationId: '',
    });
    expect(JSON.stringify(doc)).toBe('{"AccessKeyId":"ASIA1","SecretAccessKey":"s","AccountId":"111122223333","Expiration":"2026-01-01T00:00:00Z"}');
  });
});

describe('accountIdFromArn', () => {
  it('reads the account section', () => {
    expect(accountIdFromArn('arn:aws:sts::111122223333:assumed-role/r/s')).toBe('111122223333');
  });
  it('fails like aws/arn.Parse on garbage', () => {
    expect(() => accountIdFromArn('nope')).toThrow('unable to parse arn from assumed role: arn: invalid prefix');
  });
});
