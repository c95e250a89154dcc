import { describe, expect, it } from 'vitest';
import { goCleanPath, goJoinPath, parseGoBool, parseGoCsvRecord, parseGoInt } from './go-compat.js';

describe('parseGoBool', () => {
  it.each([
    ['1', true], ['t', true], ['T', true], ['TRUE', true], ['true', true], ['True', true],
    ['0', false], ['f', false], ['F', false], ['FALSE', false], ['false', false], ['False', false],
    ['yes', undefined], ['tRuE', undefined], ['', undefined], [undefined, undefined],
  ])('parses %j as %j', (text, expected) => {
    expect(parseGoBool(text)).toBe(expected);
  });
});

describe('parseGoInt', () => {
  it.each([
    ['3600', 3600], ['+5', 5], ['-1', -1], ['0', 0],
    ['1e3', undefined], ['12s', undefined], [' 1', undefined], ['', undefined], [undefined, undefined],
  ])('parses %j as %j', (text, expected) => {
    expect(parseGoInt(text)).toBe(expected);
  });
});

describe('goCleanPath / goJoinPath', () => {
  it.each([
    ['', '.'], ['/a//b/', '/a/b'], ['a/./b/../c', 'a/c'], ['/../a', '/a'], ['../../a', '../../a'], ['/', '/'],
  ])('cleans %j to %j', (path, expected) => {
    expect(goCleanPath(path)).toBe(expected);
  });

  it.each([
    [['', ''], ''],
    [['/mount/', 'token'], '/mount/token'],
    [['/mount', ''], '/mount'],
    [['', 'token'], 'token'],
    [['/var/run//secrets/', '/token/'], '/var/run/secrets/token'],
  ])('joins %j to %j', (parts, expected) => {
    expect(goJoinPath(...parts)).toBe(expected);
  });
});

describe('parseGoCsvRecord', () => {
  it.each([
    ['sidecar', ['sidecar']],
    ['a,b', ['a', 'b']],
    ['a, b', ['a', ' b']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi"""', ['say "hi"']],
    ['a,', ['a', '']],
    ['\nsidecar', ['sidecar']],
    ['a,b\nc', ['a', 'b']],
    ['', undefined],
    ['a"b', undefined],
    ['"unterminated', undefined],
    ['"a"b', undefined],
  ])('reads %j as %j', (text, expected) => {
    expect(parseGoCsvRecord(text)).toEqual(expected);
  });
});
