import type { Command } from 'commander';

export interface Word {
  word: string;
  description: string;
}

export interface FlagWord extends Word {
  /** The values the flag takes, when it takes only some (`--log-level`). */
  choices?: readonly string[];
}

/** What can follow one command: its subcommands (or its argument's values) and its flags. */
export interface CompletionNode {
  /** The subcommand words after `eksid`: [] for eksid itself, ['keys', 'export']. */
  path: string[];
  /** Words that are not flags: subcommands, or the values its first argument takes. */
  next: Word[];
  flags: FlagWord[];
}

/**
 * Every command of the program with what its help shows (visible subcommands, options in
 * long and short forms, argument choices), so the completion scripts never drift from the
 * commands.
 * `foreignFlags` adds flags commander does not parse, by command path (`webhook`).
 */
export function completionTree(program: Command, foreignFlags: Readonly<Record<string, readonly FlagWord[]>> = {}): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const visit = (command: Command, path: string[]): void => {
    const help = command.createHelp();
    const subcommands = help.visibleCommands(command);
    const flags: FlagWord[] = help.visibleOptions(command).flatMap((option) =>
      [option.long, option.short]
        .filter((word): word is string => word !== undefined)
        .map((word) => ({ word, description: option.description, ...(option.argChoices === undefined ? {} : { choices: option.argChoices }) })));
    const argument = help.visibleArguments(command)[0];
    const values = (argument?.argChoices ?? []).map((word) => ({ word, description: argument?.description ?? '' }));
    nodes.push({
      path,
      next: [...subcommands.map((sub) => ({ word: sub.name(), description: sub.description() })), ...values],
      flags: [...flags, ...(foreignFlags[path.join(' ')] ?? [])],
    });
    for (const sub of subcommands) if (sub.name() !== 'help') visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  return nodes;
}
