import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { optionalBoolean } from './query-params.js';
import { escapeXml, queryErrorXml, queryResponseXml, xmlBody } from './xml.js';

describe('xmlBody', () => {
  it('should render structures, member lists and ISO timestamps without milliseconds', () => {
    expect(xmlBody({ A: 'x', L: ['1', '2'], T: new Date('2026-01-01T00:00:00.123Z'), N: undefined, B: false })).toBe(
      '<A>x</A><L><member>1</member><member>2</member></L><T>2026-01-01T00:00:00Z</T><B>false</B>',
    );
  });

  it('should escape every markup character in values', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(xmlBody({ M: '</M><Injected/>' })).toBe('<M>&lt;/M&gt;&lt;Injected/&gt;</M>');
  });
});

describe('queryResponseXml', () => {
  it('should wrap the result and request id in the action response', () => {
    expect(queryResponseXml('GetCallerIdentity', 'ns', { Account: '1' }, 'rid')).toBe(
      '<GetCallerIdentityResponse xmlns="ns"><GetCallerIdentityResult><Account>1</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetCallerIdentityResponse>\n',
    );
  });

  it('should render the awsQuery error document', () => {
    expect(queryErrorXml('ns', { fault: 'Sender', code: 'X', message: 'a<b' }, 'rid')).toBe(
      '<ErrorResponse xmlns="ns"><Error><Type>Sender</Type><Code>X</Code><Message>a&lt;b</Message></Error><RequestId>rid</RequestId></ErrorResponse>\n',
    );
  });
});

describe('query params', () => {
  const params = {
    RoleName: 'r',
    'ClientIDList.member.2': 'b',
    'ClientIDList.member.1': 'a',
    'Tags.member.1.Key': 'k1',
    'Tags.member.1.Value': 'v1',
    'Tags.member.10.Key': 'k10',
    'Tags.member.2.Key': 'k2',
    'Tags.member.2.Value': '',
    Max: '12',
    Bad: 'x1',
    Flag: 'true',
  };

  it.each([
    [() => optionalBoolean(params, 'Max'), "Value '12' at 'max' failed to satisfy constraint: Member must be a boolean"],
  ])('should reject bad parameters with a ValidationError (%#)', (read, message) => {
    expect(read).toThrow(ValidationError);
    expect(read).toThrow(message);
  });

  it('should read typed values', () => {
    expect(optionalBoolean(params, 'Flag')).toBe(true);
  });
});
