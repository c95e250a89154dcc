import { join } from 'node:path';

const ROOT = new URL('../../../', import.meta.url).pathname;

/**
 * The environment of a reader who has just opened a terminal at the checkout: no AWS or eksid
 * settings of their own, the checkout's `eksid` first on PATH, no colours.
 */
export function readerEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_') && !name.startsWith('EKSID_') && !name.startsWith('npm_')) env[name] = value;
  return { ...env, HOME: home, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };
}
