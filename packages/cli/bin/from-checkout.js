// `pnpm eksid …` in a checkout: builds the runtime from the sources (quick), then runs it in
// the directory pnpm was called from (INIT_CWD; pnpm itself runs scripts at the repository
// root), so `--out token` or `-f ./x.yaml` mean what they mean at the user's prompt.
import { buildRuntime } from '../build.mjs';
import { launch } from './launch.js';

let runtime;
try {
  runtime = await buildRuntime();
} catch {
  process.exit(1); // esbuild has printed why
}
launch(runtime, process.argv.slice(2), { cwd: process.env.INIT_CWD || process.cwd() });
