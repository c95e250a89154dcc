#!/usr/bin/env node
// Runs the CLI from a checkout like `pnpm eksid`: builds the runtime (../build.mjs, ~0.3 s) and
// runs it in a node started by ./eksid-node: node's flags take effect only at start, so this
// process cannot give them to itself and runs the CLI as its child instead.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildRuntime } from '../build.mjs';

const launcher = fileURLToPath(new URL('./eksid-node', import.meta.url));
let runtime;
try {
  runtime = await buildRuntime();
} catch {
  process.exit(1); // esbuild has printed why
}
const child = spawn(launcher, [runtime, ...process.argv.slice(2)], { stdio: 'inherit' });

// A terminal's Ctrl-C already reaches the child (same process group): passing SIGINT on too
// would be a second one, which cuts `eksid up`'s clean shutdown short. Other stop signals sent
// to this process alone are passed on.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => {
  console.error(`eksid: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
