import { processIo } from './io.js';
import { run } from './program.js';

// The `eksid` command (`pnpm eksid …`, bin/eksid.js): all the work is in program.ts.
process.exitCode = await run(process.argv.slice(2), processIo);
