import appJs from './app.js?raw';
import styleCss from './style.css?raw';

/**
 * The page's script and stylesheet are plain files beside this module, served as they are,
 * each readable (and lintable) in its own language. Imported as text (`?raw`: vitest reads
 * the file, the runtime build inlines it), so an installed eksid carries them in its bundle.
 */
export interface Asset {
  type: string;
  body: string;
}

/** By file name; a Map, so a name like `constructor` finds nothing. */
export const ASSETS: ReadonlyMap<string, Asset> = new Map([
  ['app.js', { type: 'text/javascript; charset=utf-8', body: appJs }],
  ['style.css', { type: 'text/css; charset=utf-8', body: styleCss }],
]);
