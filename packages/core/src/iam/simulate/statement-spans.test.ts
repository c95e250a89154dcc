import { describe, expect, it } from 'vitest';
import { statementSpans } from './statement-spans.js';

describe('statementSpans', () => {
  it("places a single statement object as aws-cli's simulate-custom-policy example does", () => {
    const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
    expect(statementSpans(text)).toEqual([{ start: { line: 1, column: 38 }, end: { line: 1, column: 167 } }]);
  });

  it('places each statement of an indented array on its lines, skipping braces inside strings', () => {
    const text = ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    {', '      "Sid": "A",', '      "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::a{b}]"', '    },', '    {"Effect": "Deny", "Action": "*", "Resource": "*"}', '  ]', '}'].join('\n');
    expect(statementSpans(text)).toEqual([
      { start: { line: 4, column: 6 }, end: { line: 7, column: 6 } },
      { start: { line: 8, column: 6 }, end: { line: 8, column: 55 } },
    ]);
  });
});
