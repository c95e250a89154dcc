#!/usr/bin/env node
// The `eksid` command of the installed package: runs the built CLI, nothing else (no build,
// no TypeScript at run time). In a checkout `pnpm eksid` builds first (from-checkout.js).
import { fileURLToPath } from 'node:url';
import { launch } from './launch.js';

launch(fileURLToPath(new URL('../dist/eksid.mjs', import.meta.url)), process.argv.slice(2));
