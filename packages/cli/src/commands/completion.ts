import { Argument, Command } from 'commander';
import type { Io } from '../io.js';
import { webhookCompletionFlags } from './webhook.js';

const AFTER_HELP = `
Load it in every new shell:
  bash, in ~/.bashrc:                 source <(eksid completion bash)
  zsh, in ~/.zshrc after compinit:    source <(eksid completion zsh)
  or, for zsh, save it as _eksid in a directory of $fpath.`;

/** `eksid completion bash|zsh`: a completion script made from this very program's commands and flags. */
export function completionCommand(io: Io): Command {
  return new Command('completion')
    .description('print a shell completion script for eksid\'s commands and flags')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(['bash', 'zsh']))
    .addHelpText('after', AFTER_HELP)
    .action(async (shell: 'bash' | 'zsh', _options: unknown, command: Command) => {
      const [{ completionTree }, script] = await Promise.all([
        import('../completion/tree.js'),
        shell === 'bash' ? import('../completion/bash.js').then((m) => m.bashCompletion) : import('../completion/zsh.js').then((m) => m.zshCompletion),
      ]);
      const program = command.parent ?? command;
      io.stdout(script(completionTree(program, { webhook: await webhookCompletionFlags() })));
    });
}
