// Helpers for the static checks of the deploy artefacts (packages/cli/test/deploy/*.test.ts): the files are
// read as data and every command line in them is parsed by the code that will run it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MutatingWebhookConfiguration } from 'kubernetes-models/admissionregistration.k8s.io/v1/MutatingWebhookConfiguration';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Pod } from 'kubernetes-models/v1/Pod';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { parseAllDocuments } from 'yaml';
import { agentCommand } from '../../src/commands/agent.js';
import { keysCommand } from '../../src/commands/keys.js';
import { tokenCommand } from '../../src/commands/token.js';
import { upCommand } from '../../src/commands/up.js';
import type { Io } from '../../src/io.js';

export const ROOT = new URL('../../../../', import.meta.url).pathname;

export function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

export type Json = Record<string, unknown>;

/** Every document of a YAML file; merge keys (`<<: *anchor`) resolved as compose does. */
export function yamlDocuments(text: string): Json[] {
  return parseAllDocuments(text, { merge: true }).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
    return doc.toJS() as Json;
  });
}

/** Kubernetes kinds the manifests use, each with its OpenAPI-generated validator. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'v1/Service': Service,
  'v1/Pod': Pod,
  'apps/v1/Deployment': Deployment,
  'apps/v1/DaemonSet': DaemonSet,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration': MutatingWebhookConfiguration,
};

/** Validates against the Kubernetes OpenAPI schema of its kind; throws with the schema's errors. */
export function validateManifest(doc: Json): void {
  const key = `${String(doc['apiVersion'])}/${String(doc['kind'])}`;
  const Model = MODELS[key];
  if (Model === undefined) throw new Error(`no schema for ${key}: add its kubernetes-models class`);
  new Model(doc as never).validate();
}

// $0 is not the script, so its `[[ "${BASH_SOURCE[0]}" == "$0" ]]` guard keeps main from
// running; BASH_ENV is cleared so no rc file of this machine runs first.
function bash(code: string, script: string, args: readonly string[], env: Record<string, string> = {}): string {
  // stdin closed: bash reads ~/.bashrc when stdin looks like a network connection.
  return execFileSync('bash', ['-c', code, 'deploy-test', join(ROOT, script), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env, BASH_ENV: '' },
  });
}

/** Runs a function of a bash script (sourced, so its main does not run) and returns stdout. */
export function bashFunction(script: string, fn: string, ...args: string[]): string {
  return bash(`source "$1" && shift && ${fn} "$@"`, script, args);
}

/** A variable of a bash script after sourcing it with the given environment. */
export function bashVariable(script: string, name: string, env: Record<string, string> = {}): string {
  return bash(`source "$1" && printf '%s' "\${${name}}"`, script, [], env);
}

const quietIo: Io = { stdout: () => {}, stderr: () => {}, env: {}, stopSignal: () => new Promise(() => {}) };

// commander's Command, named through the CLI (e2e does not depend on commander itself).
type Command = ReturnType<typeof upCommand>;

const COMMANDS: Record<string, (io: Io) => Command> = { up: upCommand, agent: agentCommand, token: tokenCommand, keys: keysCommand };

/**
 * Parses an `eksid` command line with the CLI's own commander definition, without running
 * it: unknown flags, missing required flags and bad values throw as they would at run time.
 * Returns the parsed options.
 */
export async function parseEksidArgs(argv: readonly string[]): Promise<Json> {
  const [name, ...rest] = argv;
  const make = name === undefined ? undefined : COMMANDS[name];
  if (make === undefined) throw new Error(`not a known eksid command: ${argv.join(' ')}`);
  let command = make(quietIo);
  let args = rest;
  if (name === 'keys') {
    const sub = command.commands.find((c) => c.name() === rest[0]);
    if (sub === undefined) throw new Error(`not a keys subcommand: ${rest[0] ?? ''}`);
    command = sub;
    args = rest.slice(1);
  }
  let parsed: Json | undefined;
  command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  command.action((options: Json) => {
    parsed = options;
  });
  await command.parseAsync([...args], { from: 'user' });
  if (parsed === undefined) throw new Error(`eksid ${argv.join(' ')} did not parse`);
  return parsed;
}

/** Splits a shell line the simple way the artefacts write them: words, no quoting. */
export function shellWords(line: string): string[] {
  return line.replace(/\\\n/g, ' ').trim().split(/\s+/);
}
