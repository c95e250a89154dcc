import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run } from '../program.js';
import { memoryIo } from '../test-support.js';

async function script(shell: string): Promise<string> {
  const io = memoryIo();
  expect(await run(['completion', shell], io)).toBe(0);
  return io.out();
}

const hasZsh = spawnSync('zsh', ['--version']).status === 0;
if (!hasZsh) console.warn('completion.test.ts: zsh is not installed, so `zsh -n` does not check the zsh script here');

describe('eksid completion bash', () => {
  // Sources the script in a real bash and asks its function, as bash would on <TAB>.
  const complete = async (...line: string[]): Promise<string[]> => {
    const program = `${await script('bash')}
COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
_eksid
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program, 'bash', ...line], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return result.stdout.split('\n').filter(Boolean);
  };

  it.each([
    [['eksid', 'to'], ['token']],
    [['eksid', 'token', '--clu'], ['--cluster']],
    [['eksid', 'keys', 'ex'], ['export']],
    [['eksid', 'keys', 'export', '--o'], ['--out']],
    [['eksid', 'up', '--log-level', 'd'], ['debug']],
    [['eksid', 'agent', '--log-format', '=', ''], ['pretty', 'json']],
    [['eksid', 'webhook', '--container-credentials-a'], ['--container-credentials-audience']],
    [['eksid', 'completion', ''], ['bash', 'zsh']],
    [['eksid', 'token', '--cluster', 'keys', '--names'], ['--namespace']],
    [['eksid', 'exec', '--cluster', 'c', '--', 'aw'], []],
  ])('should complete %j to %j', async (line, expected) => {
    expect(await complete(...line)).toEqual(expected);
  });

  it('should offer every command, and register itself for eksid', async () => {
    expect(await complete('eksid', '')).toEqual(['up', 'apply', 'token', 'keys', 'events', 'exec', 'explain', 'can', 'agent', 'webhook', 'webhook-certs', 'completion', 'help']);
    const registered = spawnSync('bash', ['--norc', '--noprofile', '-c', `${await script('bash')}\ncomplete -p eksid`], { encoding: 'utf8' });
    expect(registered.stdout).toBe('complete -o default -F _eksid eksid\n');
  });
});

describe('eksid completion zsh', () => {
  it('should describe the commands and each command\'s flags', async () => {
    const text = await script('zsh');
    expect(text.startsWith('#compdef eksid\n')).toBe(true);
    expect(text).toContain("'token:print a service-account token (JWT) signed by the cluster'\\''s issuer key'");
    expect(text).toMatch(/\('\/token'\) list=\('--cluster:cluster name' /);
    expect(text).toContain("('/up --log-level') compadd -- 'trace' 'debug' 'info' 'warn' 'error' 'fatal' 'silent'; return ;;");
    expect(text.trimEnd().endsWith('if [[ $funcstack[1] == _eksid ]]; then _eksid "$@"; else compdef _eksid eksid; fi')).toBe(true);
  });

  it.skipIf(!hasZsh)('should be accepted by zsh -n (skipped without zsh)', async () => {
    const result = spawnSync('zsh', ['-n'], { input: await script('zsh'), encoding: 'utf8' });
    expect([result.status, result.stderr]).toEqual([0, '']);
  });

  // zsh's completion functions stubbed to print what they are offered: the words, not the menu.
  const offered = async (...line: string[]): Promise<string[]> => {
    const program = `compdef() { : }
_describe() { print -rl -- "\${(@P)4%%:*}" }
compadd() { shift; print -rl -- "$@" }
_files() { print -r -- '<files>' }
${await script('zsh')}
words=("$@"); CURRENT=$#words
_eksid`;
    const result = spawnSync('zsh', ['-f', '-c', program, 'zsh', ...line], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    return result.stdout.split('\n').filter(Boolean);
  };

  it.skipIf(!hasZsh)('should offer what zsh completes from (skipped without zsh)', async () => {
    expect(await offered('eksid', 'to')).toContain('token');
    expect(await offered('eksid', 'token', '--clu')).toContain('--cluster');
    expect(await offered('eksid', 'keys', '')).toEqual(['export', 'rotate', 'help']);
    expect(await offered('eksid', 'up', '--log-format', '')).toEqual(['pretty', 'json']);
    expect(await offered('eksid', 'token', '--out', '')).toEqual(['<files>']);
  });
});

describe('eksid completion', () => {
  it('should refuse a shell it has no script for', async () => {
    const io = memoryIo();
    expect(await run(['completion', 'fish'], io)).toBe(2);
    expect(io.err()).toBe("eksid: command-argument value 'fish' is invalid for argument 'shell'. Allowed choices are bash, zsh.\n");
  });
});
