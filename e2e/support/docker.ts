// Shared by the suites that run on a real Docker engine (`*.docker.test.ts`, the `docker`
// vitest project): whether an engine answers, and the docker / docker-compose clients.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;
/** The tag deploy/Dockerfile is built under, which docker-compose.yml and the module name. */
export const EKSID_IMAGE = 'eksid:local';

let answered: boolean | undefined;

/** True when `docker info` answers (DOCKER_HOST or the default engine). */
export function dockerAnswers(): boolean {
  if (answered === undefined) {
    try {
      execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 15_000 });
      answered = true;
    } catch {
      answered = false;
    }
  }
  return answered;
}

/**
 * For `describe.skipIf(!hasDocker(suite))`: says once, loudly, that the suite is skipped. CI
 * starts an engine of its own (.ci/dockerd), so a skip there means the engine failed to start.
 */
export function hasDocker(suite: string): boolean {
  const ok = dockerAnswers();
  if (!ok) console.warn(`[${suite}] SKIPPED: no Docker engine answers \`docker info\` (set DOCKER_HOST, or start one: .ci/dockerd start)`);
  return ok;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
}

/** Runs the docker client; rejects with its stderr on a non-zero exit. */
export async function docker(args: string[], options: { timeout?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  return runClient('docker', args, options);
}

/**
 * Runs Compose: `docker compose` (v2) when the client has it, else Debian's `docker-compose`
 * (v1), which the CI machines have. Both read the same file.
 */
export async function compose(args: string[], options: { timeout?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CommandResult> {
  const [command, prefix] = composeCommand();
  return runClient(command, [...prefix, ...args], options);
}

let composeV2: boolean | undefined;

/** True when the docker client has Compose v2 (`docker compose`); Debian's machines have only v1. */
export function hasComposeV2(): boolean {
  if (composeV2 === undefined) {
    try {
      execFileSync('docker', ['compose', 'version'], { stdio: 'ignore', timeout: 15_000 });
      composeV2 = true;
    } catch {
      composeV2 = false;
    }
  }
  return composeV2;
}

function composeCommand(): [string, string[]] {
  return hasComposeV2() ? ['docker', ['compose']] : ['docker-compose', []];
}

async function runClient(command: string, args: string[], options: { timeout?: number; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      timeout: options.timeout ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr };
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; code?: unknown; message: string };
    throw new Error(`${command} ${args.join(' ')} failed (${String(failed.code)}): ${(failed.stderr || failed.stdout || failed.message).trim().slice(-4000)}`, { cause: error });
  }
}

/**
 * Waits until Docker reports the container healthy (its image's HEALTHCHECK) and returns how
 * long that took from the call; fails with the last health log when it turns unhealthy, the
 * container exits, or `timeoutMs` passes.
 */
export async function waitHealthy(container: string, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { stdout } = await docker(['inspect', '-f', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}', container]);
    const [state, health] = stdout.trim().split(' ');
    if (health === 'healthy') return Date.now() - started;
    if (health === 'unhealthy' || state === 'exited' || state === 'dead' || Date.now() - started > timeoutMs) {
      const logs = await docker(['logs', '--tail', '30', container]).catch((error: unknown) => ({ stdout: '', stderr: String(error) }));
      throw new Error(`container ${container} is ${state}/${health ?? 'no healthcheck'} after ${Date.now() - started} ms; its last log lines:\n${logs.stdout}${logs.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
