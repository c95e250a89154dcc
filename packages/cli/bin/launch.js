// Starts the CLI (dist/eksid.mjs) in a node with eksid's node flags: they take effect only
// when a process starts, so a launcher cannot give them to itself and runs the CLI as its
// child, through ./eksid-node, the one place they are written.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const NODE_WITH_FLAGS = fileURLToPath(new URL('./eksid-node', import.meta.url));

/** Runs `runtime args…` in `cwd` and exits with its status; stop signals are passed on. */
export function launch(runtime, args, { cwd = process.cwd() } = {}) {
  if (!existsSync(runtime)) {
    console.error(`eksid: ${runtime} is missing; in a checkout, run \`pnpm build\` (or use \`pnpm eksid\`)`);
    process.exit(1);
  }
  // sh runs the script (it need not be executable: npm packs files without their modes) and
  // execs node, so the CLI is this process's only child; EKSID_NODE_BINARY makes it this very node.
  const child = spawn('/bin/sh', [NODE_WITH_FLAGS, runtime, ...args], { stdio: 'inherit', cwd, env: { ...process.env, EKSID_NODE_BINARY: process.execPath } });
  // A terminal's Ctrl-C already reaches the child (same process group): passing SIGINT on at
  // once would be a second one, which cuts `eksid up`'s clean shutdown short. It is passed on
  // a second later, for a SIGINT sent to this process alone (pnpm forwards one to its script),
  // by which time a child that had it is gone. Other stop signals are passed on at once.
  process.on('SIGINT', () => setTimeout(() => child.kill('SIGINT'), 1000).unref());
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`eksid: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
}
