// Checks of scripts/kind-up.sh and kind-down.sh without Docker: shellcheck (when installed),
// and their bad-input behaviour with stub docker/kind/kubectl commands on a PATH of their
// own: one clear line and exit 1 when a tool is missing, the engine is down, the cluster or
// container exists or the port is taken, before anything is built or started; a whole run
// against stubs that answer like a healthy system reaches both get-caller-identity calls with
// the rendered kind config and webhook manifest; kind-down removes cluster, container and
// state, and says so when there is nothing to remove.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support.js';

const SCRIPTS = ['scripts/kind-up.sh', 'scripts/kind-down.sh', 'scripts/offline-images.sh', 'scripts/build-image.sh', 'deploy/bin/eksid', 'deploy/bin/eksid-healthcheck', '.ci/dockerd'];
const SYSTEM_TOOLS = ['bash', 'dirname', 'sed', 'grep', 'rm', 'mkdir', 'cat', 'tr', 'sleep', 'chmod'];

const resolved = new Map<string, string | undefined>();

function which(tool: string): string | undefined {
  if (resolved.has(tool)) return resolved.get(tool);
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '', BASH_ENV: '' } });
  const path = found.status === 0 ? found.stdout.trim() : undefined;
  resolved.set(tool, path);
  return path;
}

const shellcheck = which('shellcheck');
if (shellcheck === undefined) console.warn('[deploy-scripts.test] shellcheck is not installed (apt-get install -y shellcheck): the shellcheck test is SKIPPED.');

describe('deploy shell scripts', () => {
  it.each(SCRIPTS)('%s should parse', (script) => {
    const shell = readFileSync(join(ROOT, script), 'utf8').startsWith('#!/bin/sh') ? 'sh' : 'bash';
    expect(spawnSync(shell, ['-n', join(ROOT, script)], { stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '', BASH_ENV: '' } }).status).toBe(0);
  });

  it.skipIf(shellcheck === undefined)(`should pass shellcheck${shellcheck === undefined ? ' (skipped: shellcheck not installed)' : ''}`, () => {
    const result = spawnSync(shellcheck ?? 'shellcheck', SCRIPTS.map((s) => join(ROOT, s)), { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

// Stubs log their arguments and act on the environment the test sets.
const DOCKER_STUB = `#!/bin/bash
echo "docker $*" >>"$STUB_LOG"
case "$1" in
  info) exit "\${DOCKER_INFO_RC:-0}" ;;
  container) [[ -n "\${CONTAINER_EXISTS:-}" ]] ;;
  *) exit 0 ;;
esac
`;
const KIND_STUB = `#!/bin/bash
echo "kind $*" >>"$STUB_LOG"
if [[ "$1 $2" == "get clusters" ]]; then printf '%b' "\${KIND_CLUSTERS:-}"; fi
`;
const KUBECTL_STUB = `#!/bin/bash
echo "kubectl $*" >>"$STUB_LOG"
`;

let sandbox: string;

function binWith(stubs: Record<string, string>): string {
  const bin = mkdtempSync(join(sandbox, 'bin-'));
  for (const tool of SYSTEM_TOOLS) {
    const path = which(tool);
    if (path === undefined) throw new Error(`${tool} not found`);
    symlinkSync(path, join(bin, tool));
  }
  for (const [name, body] of Object.entries(stubs)) {
    writeFileSync(join(bin, name), body);
    chmodSync(join(bin, name), 0o755);
  }
  return bin;
}

const ALL_STUBS = { docker: DOCKER_STUB, kind: KIND_STUB, kubectl: KUBECTL_STUB };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  log: string;
  /** Where the stubs log; they may leave files next to it (`<logFile>.cluster.yaml`). */
  logFile: string;
}

function runScript(script: string, bin: string, env: Record<string, string> = {}): Run {
  const log = join(sandbox, `log-${Math.random().toString(36).slice(2)}`);
  writeFileSync(log, '');
  const result = spawnSync(join(bin, 'bash'), [join(ROOT, script)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: bin, STUB_LOG: log, HOME: sandbox, BASH_ENV: '', EKSID_KIND_STATE: join(sandbox, 'state'), ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, log: readFileSync(log, 'utf8'), logFile: log };
}

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'eksid-scripts-'));
});

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
});

/** The one line a failing preflight prints, and proof nothing was built or started. */
function expectOneLineFailure(run: Run, line: string): void {
  expect(run.stderr).toBe(`${line}\n`);
  expect(run.stdout).toBe('');
  expect(run.status).toBe(1);
  expect(run.log).not.toMatch(/^docker (build|run)|^kind create/m);
}

describe('scripts/kind-up.sh', () => {
  let listener: Server | undefined;

  afterEach(async () => {
    await new Promise<void>((resolve) => (listener ? listener.close(() => resolve()) : resolve()));
    listener = undefined;
  });

  it.each(['docker', 'kind', 'kubectl'])('should stop with one line when %s is missing', (missing) => {
    const stubs: Record<string, string> = { ...ALL_STUBS };
    delete stubs[missing];
    expectOneLineFailure(runScript('scripts/kind-up.sh', binWith(stubs)), `kind-up: missing required tool: ${missing} (install it and retry)`);
  });

  it('should stop with one line when the Docker engine does not answer', () => {
    expectOneLineFailure(runScript('scripts/kind-up.sh', binWith(ALL_STUBS), { DOCKER_INFO_RC: '1' }), 'kind-up: the Docker engine is not answering (is Docker running?)');
  });

  it('should stop with one line when the kind cluster already exists', () => {
    expectOneLineFailure(runScript('scripts/kind-up.sh', binWith(ALL_STUBS), { KIND_CLUSTERS: 'other\\neksid\\n' }), "kind-up: kind cluster 'eksid' already exists (run scripts/kind-down.sh first)");
  });

  it('should not mistake a cluster whose name only contains eksid for its own', () => {
    const run = runScript('scripts/kind-up.sh', binWith(ALL_STUBS), { KIND_CLUSTERS: 'eksid-other\\n', CONTAINER_EXISTS: '1' });
    expectOneLineFailure(run, "kind-up: container 'kind-eksid' already exists (run scripts/kind-down.sh first)");
  });

  it('should stop with one line when the eksid port is taken', async () => {
    const server = createServer();
    listener = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    expectOneLineFailure(
      runScript('scripts/kind-up.sh', binWith(ALL_STUBS), { EKSID_PORT: String(port) }),
      `kind-up: port ${port} on 127.0.0.1 is already in use (docker compose down, or set EKSID_PORT)`,
    );
  });
});

describe('scripts/kind-down.sh', () => {
  it('should say there is nothing to remove, and succeed, when nothing is there', () => {
    const run = runScript('scripts/kind-down.sh', binWith(ALL_STUBS));
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '==> nothing to remove\n', '']);
  });

  it('should delete the cluster, the container with its volumes and the state directory', () => {
    const state = join(sandbox, 'state');
    mkdirSync(join(state, 'keys'), { recursive: true });
    writeFileSync(join(state, 'keys', 'sa.key'), 'secret');
    const run = runScript('scripts/kind-down.sh', binWith(ALL_STUBS), { KIND_CLUSTERS: 'eksid\\n', CONTAINER_EXISTS: '1' });
    expect(run.status).toBe(0);
    expect(run.log).toContain('kind delete cluster --name eksid\n');
    expect(run.log).toContain('docker rm -f -v kind-eksid\n');
    expect(existsSync(state)).toBe(false);
    expect(run.stdout).toMatch(/==> done: nothing of kind-up\.sh is left\n$/);
  });

  it('should stop with one line when kind is missing', () => {
    const run = runScript('scripts/kind-down.sh', binWith({ docker: DOCKER_STUB }));
    expect([run.status, run.stderr, run.stdout]).toEqual([1, 'kind-down: missing required tool: kind (install it and retry)\n', '']);
  });
});

// Stubs that play a whole successful run: Docker answers like a healthy eksid container,
// kind records the config it is given, kubectl the manifests applied through stdin.
const HAPPY_DOCKER = `#!/bin/bash
echo "docker $*" >>"$STUB_LOG"
case "$1" in
  info) exit 0 ;;
  container) exit 1 ;;
  run) echo 0123abcd ;;
  inspect) echo "running healthy" ;;
  exec)
    case "$*" in
      *clusters/demo*) echo "http://kind-eksid:4599/id/0123456789ABCDEF0123456789ABCDEF" ;;
    esac ;;
  cp)
    dest="\${@: -1}"
    mkdir -p "$dest"
    case "$3" in
      *eksid-keys*) echo key >"$dest/sa.key"; echo pub >"$dest/sa.pub" ;;
      *webhook-certs*) echo crt >"$dest/tls.crt"; echo key >"$dest/tls.key"; printf 'Q0FCVU5ETEU=\\n' >"$dest/ca-bundle.txt" ;;
    esac ;;
esac
exit 0
`;
const HAPPY_KIND = `#!/bin/bash
echo "kind $*" >>"$STUB_LOG"
if [[ "$1 $2" == "create cluster" ]]; then cat "$4" >"$STUB_LOG.cluster.yaml"; fi
exit 0
`;
const HAPPY_KUBECTL = `#!/bin/bash
echo "kubectl $*" >>"$STUB_LOG"
case "$*" in
  *"apply -f -"*) cat >>"$STUB_LOG.applied.yaml" ;;
  *"create token"*) echo header.payload.signature ;;
  *"get pod demo "*) echo "AWS_ENDPOINT_URL AWS_STS_REGIONAL_ENDPOINTS AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE" ;;
  *"get pod demo-pod-identity "*) echo "AWS_ENDPOINT_URL AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE" ;;
  *"exec demo "*) echo '{"Arn": "arn:aws:sts::000000000000:assumed-role/demo-app/botocore-session-1"}' ;;
  *"exec demo-pod-identity "*) echo '{"Arn": "arn:aws:sts::000000000000:assumed-role/demo-pod-identity/eks-demo-demo-pod-i-1"}' ;;
esac
exit 0
`;

describe('scripts/kind-up.sh, all the way with stub tools', () => {
  it('should go from preflight to both get-caller-identity calls, rendering what it hands to kind and kubectl', () => {
    const run = runScript('scripts/kind-up.sh', binWith({ docker: HAPPY_DOCKER, kind: HAPPY_KIND, kubectl: HAPPY_KUBECTL }), { EKSID_PORT: '1' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const steps = run.stdout.split('\n').filter((l) => l.startsWith('==> ')).map((l) => l.slice(4).split(' ')[0]);
    expect(steps).toEqual(['building', 'starting', 'cluster', 'exporting', 'creating', 'the', 'loading', 'installing', 'starting', 'IRSA:', 'Pod', 'ready:']);
    expect(run.stdout).toContain('assumed-role/demo-app/');
    expect(run.stdout).toContain('assumed-role/demo-pod-identity/');
    const state = join(sandbox, 'state');
    const cluster = readFileSync(`${run.logFile}.cluster.yaml`, 'utf8');
    expect(cluster).toContain('service-account-issuer: "http://kind-eksid:4599/id/0123456789ABCDEF0123456789ABCDEF"');
    expect(cluster).toContain(`hostPath: "${state}/keys"`);
    expect(readFileSync(`${run.logFile}.applied.yaml`, 'utf8')).toContain('caBundle: "Q0FCVU5ETEU="');
    expect(run.log).toMatch(/^docker run -d --name kind-eksid -e EKSID_ADMIN_TOKEN -p 127\.0\.0\.1:1:4599 eksid:local up --host 0\.0\.0\.0 --port 4599 --data \/data --config \/etc\/eksid\/demo\.yaml --public-url http:\/\/kind-eksid:4599$/m);
    expect(run.log).toMatch(/^docker network connect kind kind-eksid$/m);
    expect(run.log).toMatch(/^kind load docker-image eksid:local --name eksid$/m);
    expect(run.log).toMatch(/^docker exec kind-eksid eksid webhook-certs --out \/tmp\/webhook-certs --service-name pod-identity-webhook --namespace eksid-system$/m);
    // The admin token: to docker in the environment, to the cluster from a file, never on a command line.
    expect(run.log).toMatch(/^kubectl --context kind-eksid -n eksid-system create secret generic eksid-admin-token --from-file=token=\S+\/admin-token$/m);
    expect(run.log).toMatch(/^kubectl --context kind-eksid -n eksid-system create secret tls pod-identity-webhook-tls --cert \S+\/tls\.crt --key \S+\/tls\.key$/m);
  });

  it('should stop at a pod the webhook did not mutate, and say how to clean up', () => {
    const unmutated = HAPPY_KUBECTL.replace('AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_PAGER');
    const run = runScript('scripts/kind-up.sh', binWith({ docker: HAPPY_DOCKER, kind: HAPPY_KIND, kubectl: unmutated }), { EKSID_PORT: '1' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'kind-up: pod demo was not mutated by the webhook (no AWS_ROLE_ARN); see kubectl -n eksid-system logs deploy/pod-identity-webhook\n' +
        'kind-up: stopped; scripts/kind-down.sh removes what was created\n',
    );
    expect(run.log).not.toContain('exec demo');
  });
});

// A sanity check of the stub harness itself: the real tools must not leak into it.
describe('stub PATH', () => {
  it('should hold no docker, kind or kubectl but the stubs', () => {
    const bin = binWith({});
    expect(execFileSync(join(bin, 'bash'), ['-c', 'command -v docker kind kubectl || true'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: bin, BASH_ENV: '' } })).toBe('');
  });
});
