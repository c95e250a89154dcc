// `import text from './file?raw'`: a file's text (vitest reads it; packages/cli/build.mjs inlines it).
declare module '*?raw' {
  const text: string;
  // eslint-disable-next-line no-restricted-syntax -- the shape bundlers give a ?raw import
  export default text;
}
