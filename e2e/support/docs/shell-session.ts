import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BlockResult {
  status: number;
  /** stdout and stderr as a terminal shows them, interleaved. */
  output(): string;
}

const DONE = '__eksid_docs_block_done__';

/**
 * One bash for a whole page, as a reader's terminal is: variables and files made by one block
 * are there for the next. Each block runs as a group with its output in a file of its own
 * and no stdin (a command that read stdin would eat the following blocks).
 */
export class ShellSession {
  private readonly bash: ChildProcessWithoutNullStreams;
  private stdout = '';
  private count = 0;

  /** `outputDir` holds the blocks' output files: the cwd unless that is a checkout to keep clean. */
  constructor(
    cwd: string,
    env: NodeJS.ProcessEnv,
    private readonly outputDir: string = cwd,
  ) {
    this.bash = spawn('bash', ['--norc', '--noprofile'], { cwd, env });
    this.bash.stdout.on('data', (chunk: Buffer) => void (this.stdout += chunk.toString()));
    this.bash.stderr.on('data', () => {});
  }

  async run(commands: string, timeoutMs = 90_000): Promise<BlockResult> {
    const id = ++this.count;
    const outputFile = join(this.outputDir, `.block-${id}.out`);
    this.bash.stdin.write(`{\n${commands}\n} > ${JSON.stringify(outputFile)} 2>&1 < /dev/null; echo "${DONE} ${id} $?"\n`);
    const marker = new RegExp(`${DONE} ${id} (\\d+)\\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const done = marker.exec(this.stdout);
      if (done) return { status: Number(done[1]), output: () => readFileSync(outputFile, 'utf8') };
      if (this.bash.exitCode !== null) throw new Error(`bash exited (${this.bash.exitCode}) during: ${commands}`);
      if (Date.now() > deadline) throw new Error(`block did not finish within ${timeoutMs} ms: ${commands}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Ends the shell and the jobs the page left in the background. */
  async close(): Promise<void> {
    if (this.bash.exitCode !== null) return;
    const exited = new Promise((resolve) => this.bash.once('exit', resolve));
    this.bash.stdin.end('kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; exit 0\n');
    const timer = setTimeout(() => this.bash.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
