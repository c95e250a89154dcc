import { readFileSync } from 'node:fs';

/**
 * The page's script and stylesheet are plain files beside this module, served as they are:
 * no build step, and each stays readable (and lintable) in its own language. Read once at
 * start, like the server's version in eksid/health.ts.
 */
export interface Asset {
  type: string;
  body: string;
}

const read = (name: string): string => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** By file name; a Map, so a name like `constructor` finds nothing. */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['app.js', { type: 'text/javascript; charset=utf-8', body: read('app.js') }],
  ['style.css', { type: 'text/css; charset=utf-8', body: read('style.css') }],
]);
