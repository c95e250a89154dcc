import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RUNTIME_FILE } from '../build.mjs';

// util-linux's script(1) runs a command on a pseudo-terminal: what a person at a terminal sees.
const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/** Runs eksid on a terminal until `ready` shows, then types Ctrl-C; resolves with the screen's lines and the exit code. */
function onTerminal(args: string[], ready: string): Promise<{ lines: string[]; code: number | null }> {
  // The built CLI (vitest's global setup builds it), as users run it.
  // `exec`, so whatever $SHELL script(1) runs the line with (dash when SHELL is unset, as in CI)
  // gives the terminal to eksid itself: a shell left waiting would die of the Ctrl-C with 130.
  const command = `exec ${[process.execPath, RUNTIME_FILE, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qefc', command, '/dev/null'], { stdio: 'pipe', env: { ...process.env, NO_COLOR: '1' } });
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const seen = screen.includes(ready);
    screen += chunk.toString();
    if (!seen && screen.includes(ready)) child.stdin.write('\u0003');
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ lines: screen.replaceAll('\r', '').split('\n'), code })));
}

describe('on a terminal', () => {
  it.skipIf(!hasScript)('should show `eksid up`\'s banner first, readable log lines, no JSON, and stop on Ctrl-C (skipped without util-linux script)', async () => {
    const { lines, code } = await onTerminal(['up', '--port', '0'], 'Point AWS SDKs');
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^eksid ready at http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.filter((line) => line.includes('{"level"'))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^(\^C)?\[\d\d:\d\d:\d\d\.\d{3}\] INFO: shutting down \{"signal":"SIGINT"\}$/));
  });
});
