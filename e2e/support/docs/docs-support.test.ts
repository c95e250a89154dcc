import { describe, expect, it } from 'vitest';
import { firstDifference, normalize } from './compare.js';
import { shellSteps } from './markdown.js';

describe('shellSteps', () => {
  const page = ['# t', '```sh quick-start', 'pnpm start', '```', 'text', '```sh', 'echo a', 'echo b', '```', '', '```text', 'a', 'b', '```', '```sh', 'true', '```', 'prose', '```text', 'not its output', '```', '```json', '{}', '```'].join('\n');

  it('should take every sh block, with the text block right after it as its output', () => {
    const steps = shellSteps(page);
    expect(steps.map((s) => [s.line, s.commands, s.expected?.text, s.quickStart])).toEqual([
      [2, 'pnpm start\n', undefined, true],
      [6, 'echo a\necho b\n', 'a\nb\n', false],
      [15, 'true\n', undefined, false],
    ]);
    const expected = steps[1]?.expected;
    expect(page.slice(expected?.start, expected?.end)).toBe('a\nb\n');
  });

  it('should refuse an unclosed block', () => {
    expect(() => shellSteps('```sh\necho\n')).toThrow('unclosed code block at line 1');
  });
});

describe('firstDifference', () => {
  it.each([
    ['http://127.0.0.1:4599/id/104C06DACFEAFE9C1BB00F062D635296', 'http://127.0.0.1:4599/id/859CBBB0AAE98A65332DE0AB81A5A016'],
    ['"AROAQAAAAAAACDKVZC5QL:aws-cli" at 2026-11-23T19:51:03Z', '"AROAQAAAAAAAHN7BDG4NL:aws-cli" at 2026-12-06T18:36:19Z'],
    ['{"SecretAccessKey": "xYz…"}', '{"SecretAccessKey": "xYz0123456789"}'],
    ['/tmp/eksid-exec-UFxZQg/aws-config\n\n', '/tmp/eksid-exec-idFbDz/aws-config'],
  ])('should see %j and %j as the same output', (page, run) => {
    expect(firstDifference(page, run)).toBeUndefined();
  });

  it.each([
    ['assumed-role/demo-app/app', 'assumed-role/demo-app/other', 1],
    ['a\nb', 'a', 2],
    ['http://127.0.0.1:4599/x', 'http://127.0.0.1:4600/x', 1],
  ])('should find where %j and %j differ', (page, run, line) => {
    expect(firstDifference(page, run)?.line).toBe(line);
  });

  it('should keep the eksid endpoint the pages show', () => {
    expect(normalize('http://127.0.0.1:4599 http://127.0.0.1:2780')).toBe('http://127.0.0.1:4599 http://127.0.0.1:<port>');
  });
});
