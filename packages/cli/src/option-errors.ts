import { CommanderError } from 'commander';
import type { Command, Option } from 'commander';

/** Commander's codes for the errors describeOptionErrors reports in full. */
export const OPTION_ERRORS: ReadonlySet<string> = new Set(['commander.unknownOption', 'commander.missingMandatoryOptionValue']);

interface UnknownOption {
  flag: string;
  /** Commander's guesses at what was meant, e.g. ['--cluster']. */
  suggestions: string[];
}

/** The command argv runs and the words it parses, following subcommands as commander does. */
function commandOf(program: Command, argv: readonly string[]): { command: Command; words: string[] } {
  let command = program;
  let words = [...argv];
  while (command.commands.length > 0) {
    const { operands, unknown } = command.parseOptions(words);
    const name = operands[0];
    const sub = command.commands.find((c) => c.name() === name || c.aliases().includes(name ?? ''));
    if (sub === undefined) return { command, words };
    command = sub;
    words = [...operands.slice(1), ...unknown];
  }
  return { command, words };
}

/** Commander's own "Did you mean" for an unknown flag (unknownOption throws with it). */
function suggestionsFor(command: Command, flag: string): string[] {
  try {
    // Not in commander's typings, but the one place its suggestion is made.
    (command as unknown as { unknownOption(flag: string): void }).unknownOption(flag);
  } catch (err) {
    const match = err instanceof CommanderError ? /\(Did you mean (?:one of )?(.*)\?\)/.exec(err.message) : null;
    if (match?.[1] !== undefined) return match[1].split(', ');
  }
  return [];
}

const takesValue = (option: Option | undefined): boolean => option !== undefined && (option.required || option.optional);

/**
 * Everything wrong with argv's options at once, where commander stops at the first: each
 * unknown option with commander's suggestion, then every required option still missing
 * (except one a typo was meant for). Parsing goes on after each unknown option, so the
 * options after it count. `program` must be a fresh one that writes nothing: parsing sets
 * its option values.
 */
export function describeOptionErrors(program: Command, argv: readonly string[]): string | undefined {
  const { command, words } = commandOf(program, argv);
  const unknown: UnknownOption[] = [];
  const problems: string[] = [];
  let rest = words;
  try {
    for (;;) {
      const found = command.parseOptions(rest).unknown;
      const [word, ...after] = found;
      if (word === undefined) break;
      const flag = word.split('=')[0] as string;
      const suggestions = suggestionsFor(command, flag);
      unknown.push({ flag, suggestions });
      rest = after;
      // `--clustr x` is --cluster x mistyped: x is its value, not an operand (exec would run it).
      const meant = suggestions.length === 1 ? command.options.find((o) => o.long === suggestions[0]) : undefined;
      if (!word.includes('=') && takesValue(meant) && rest[0] !== undefined && !rest[0].startsWith('-')) rest = rest.slice(1);
    }
  } catch (err) {
    // A bad value after the unknown options (`--expiration soon`): reported, parsing stops.
    if (!(err instanceof CommanderError)) throw err;
    problems.push(err.message.replace(/^error: /, ''));
  }
  const meant = new Set(unknown.flatMap((u) => u.suggestions));
  const missing = [command, ...ancestors(command)]
    .flatMap((c) => c.options.filter((o) => o.mandatory && c.getOptionValue(o.attributeName()) === undefined))
    .map((o) => o.long ?? o.short ?? o.flags)
    .filter((flag) => !meant.has(flag));
  const clauses = [
    ...unknown.map(({ flag, suggestions }) => `unknown option '${flag}'${suggestions.length === 0 ? '' : ` (did you mean ${suggestions.length > 1 ? 'one of ' : ''}${suggestions.join(', ')}?)`}`),
    ...problems,
    ...(missing.length === 0 ? [] : [`missing required option${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`]),
  ];
  return clauses.length === 0 ? undefined : clauses.join('; ');
}

function ancestors(command: Command): Command[] {
  return command.parent ? [command.parent, ...ancestors(command.parent)] : [];
}
