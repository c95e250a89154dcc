import { expect } from 'vitest';
import { firstDifference } from './compare.js';
import type { ShellStep } from './markdown.js';
import type { ShellSession } from './shell-session.js';

/**
 * Runs a page's steps in order in one shell, as a reader would: each must exit 0 and print what
 * the page shows after it. The page's address (`shown`, `pnpm start`'s or compose's) is swapped
 * for the one this run listens on, going in and coming back out.
 */
export async function runStepsAsWritten(shell: ShellSession, page: string, steps: ShellStep[], addresses: { shown: string; actual: string }, timeoutMs: number): Promise<void> {
  for (const step of steps) {
    const result = await shell.run(step.commands.replaceAll(addresses.shown, addresses.actual), timeoutMs);
    const output = result.output().replaceAll(addresses.actual, addresses.shown);
    const where = `${page}:${step.line}\n${step.commands}`;
    expect(result.status, `${where}\nexited ${result.status}:\n${output}`).toBe(0);
    if (step.expected === undefined) continue;
    const difference = firstDifference(step.expected.text, output);
    if (difference !== undefined) expect.fail(`${where}\noutput line ${difference.line} differs:\n  page: ${difference.expected}\n  run:  ${difference.actual}\nthe whole run:\n${output}`);
  }
}
