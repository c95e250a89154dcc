import fc from 'fast-check';
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

describe('statementSpans on any layout', () => {
  /** The offset in `text` of a 1-based line and column. */
  const offset = (text: string, { line, column }: { line: number; column: number }) => text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;

  it('spans exactly each statement object, whatever the indentation and strings inside', () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }));
    const statement = fc.dictionary(fc.constantFrom('Sid', 'Effect', 'Action', 'Resource', 'Condition', 'x{', '}]'), value, { minKeys: 1 });
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom(undefined, 1, 2, '\t', ' \n'), (statements, single, indent) => {
        const text = JSON.stringify({ Version: '2012-10-17', Statement: single ? statements[0] : statements, Id: '{"Statement":[]}' }, null, indent);
        const spans = statementSpans(text);
        const expected = single ? [statements[0]] : statements;
        expect(spans.map((s) => JSON.parse(text.slice(offset(text, s.start) - 1, offset(text, s.end))))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
