// The README is the front page: what eksid is, the quick start, a taste of each flow, the CLI,
// the differences from AWS and links. Walkthroughs and details live in docs/. A budget keeps it
// a page a newcomer reads to the end (each addition has to earn its place or move to docs/).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const BUDGET_BYTES = 10 * 1024;

describe('README.md', () => {
  it(`should stay within its ${BUDGET_BYTES}-byte front-page budget`, () => {
    const size = readFileSync(README).length;
    expect(size, `README.md is ${size} bytes; move details to docs/`).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
