#!/usr/bin/env node
// Runs the TypeScript CLI from a checkout through tsx, like `pnpm eksid`.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
