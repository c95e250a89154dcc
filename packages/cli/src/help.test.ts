import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram, run } from './program.js';
import { memoryIo } from './test-support.js';

/** Every command of the program with its path, `eksid` first. */
function commandsOf(command: Command, path = 'eksid'): [string, Command][] {
  return [[path, command], ...command.commands.flatMap((sub) => commandsOf(sub, `${path} ${sub.name()}`))];
}

describe('eksid --help', () => {
  const commands = commandsOf(createProgram(memoryIo()));

  it('should reach every command', () => {
    expect(commands.map(([path]) => path)).toEqual(expect.arrayContaining(['eksid up', 'eksid keys export', 'eksid webhook', 'eksid completion']));
  });

  it.each(commands)('should describe every flag and argument of `%s`, hidden ones included', (_path, command) => {
    const help = command.createHelp();
    const flags = [...new Set([...command.options, ...help.visibleOptions(command)])];
    const undescribed = [
      ...flags.filter((option) => option.description.trim() === '').map((option) => option.flags),
      ...help.visibleArguments(command).filter((argument) => argument.description.trim() === '').map((argument) => argument.name()),
    ];
    expect(undescribed).toEqual([]);
    expect(command.description().trim()).not.toBe('');
  });

  it('should describe every upstream flag in `eksid webhook --help`', async () => {
    const io = memoryIo();
    expect(await run(['webhook', '--help'], io)).toBe(0);
    const flagLines = io.out().split('\n').filter((line) => /^ {2}-/.test(line));
    expect(flagLines.length).toBeGreaterThan(30);
    expect(flagLines.filter((line) => !/^ {2}-\S*(?:,? \S+)? {2,}\S/.test(line))).toEqual([]);
  });
});
