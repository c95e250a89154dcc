import { Command, CommanderError } from 'commander';
import manifest from '../package.json' with { type: 'json' };
import { agentCommand } from './commands/agent.js';
import { canCommand } from './commands/can.js';
import { applyCommand } from './commands/apply.js';
import { completionCommand } from './commands/completion.js';
import { eventsCommand } from './commands/events.js';
import { execCommand } from './commands/exec.js';
import { explainCommand } from './commands/explain.js';
import { keysCommand } from './commands/keys.js';
import { tokenCommand } from './commands/token.js';
import { upCommand } from './commands/up.js';
import { webhookCertsCommand } from './commands/webhook-certs.js';
import { webhookCommand } from './commands/webhook.js';
import { CliError, oneLine } from './errors.js';
import type { Io } from './io.js';
import { OPTION_ERRORS, describeOptionErrors } from './option-errors.js';

// Commander puts its suggestion on a second line ("(Did you mean export?)"); keep it, on one line.
const joinLines = (text: string): string => text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').replace('(Did you mean', '(did you mean');

// Commander's codes for help and version output, which are not failures.
const INFORMATIONAL = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);


/** Where commander's error messages go: `run` prints one line per failure, its own or commander's. */
type OnUsageError = (message: string) => void;

/**
 * The `eksid` program: every command, configured to throw instead of exiting. `setExitCode`
 * carries a command's status out (exec's CMD, explain's denial); `onUsageError` gets
 * commander's one-line error message.
 */
export function createProgram(io: Io, setExitCode: (code: number) => void = () => undefined, onUsageError: OnUsageError = () => undefined): Command {
  const program = new Command('eksid')
    .description('local emulator of AWS EKS workload identity (IRSA and Pod Identity)')
    .version(manifest.version)
    // `exec` passes everything after its first operand to CMD, which needs this on the parent.
    .enablePositionalOptions();
  const commands = [upCommand(io), applyCommand(io), tokenCommand(io), keysCommand(io), eventsCommand(io), execCommand(io, setExitCode), explainCommand(io, setExitCode), canCommand(io, setExitCode), agentCommand(io), webhookCommand(io), webhookCertsCommand(io), completionCommand(io)];
  for (const command of commands) program.addCommand(command);
  // addCommand does not pass settings down, so every command gets them here: throw instead
  // of process.exit, and usage errors in the one-line form of every other eksid error.
  const configure = (command: Command): void => {
    command
      .exitOverride()
      .showSuggestionAfterError(true)
      .configureOutput({
        writeOut: (text) => io.stdout(text),
        writeErr: (text) => io.stderr(text),
        outputError: (text) => onUsageError(joinLines(text.replace(/^error: /, ''))),
      });
    command.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/** Commander names the first unknown or missing option; this names them all (option-errors.ts). */
function allOptionErrors(argv: readonly string[]): string | undefined {
  const silent: Io = { stdout: () => undefined, stderr: () => undefined, env: {}, stopSignal: () => new Promise(() => undefined) };
  try {
    return describeOptionErrors(createProgram(silent), argv);
  } catch {
    return undefined;
  }
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 runtime error, 2 usage error. Errors are
 * one line on stderr, never a stack trace.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  let usageError = '';
  const program = createProgram(io, (code) => {
    exitCode = code;
  }, (message) => {
    usageError = message;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // `eksid` alone prints help with exit code 1: a usage error like any other.
      if (INFORMATIONAL.has(err.code)) return err.exitCode === 0 ? 0 : 2;
      io.stderr(`eksid: ${(OPTION_ERRORS.has(err.code) && allOptionErrors(argv)) || usageError}\n`);
      return 2;
    }
    if (err instanceof CliError) {
      io.stderr(`eksid: ${oneLine(err.message)}\n`);
      return err.exitCode;
    }
    io.stderr(`eksid: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}
