// eksid's own fixtures must pin every behaviour upstream's fixtures pin, so a bare clone checks
// as much as a clone with the optional upstream copy beside it. UPSTREAM_TWINS names, for each
// upstream fixture, the eksid fixture(s) covering it; a new upstream fixture without a row fails
// the extra run.
import { describe, expect, it } from 'vitest';
import { EKSID_FIXTURE_DIR, loadFixtures, upstreamAbsentLine, upstreamFixtureDir } from './support/fixtures.js';
import { UPSTREAM_TWINS } from './support/upstream-twins.js';

const eksidNames = new Set(loadFixtures(EKSID_FIXTURE_DIR).map((fixture) => fixture.name));

describe('eksid fixtures covering upstream fixtures', () => {
  it.each(Object.entries(UPSTREAM_TWINS))('%s has eksid twins that exist', (_upstream, twins) => {
    expect(twins.length).toBeGreaterThan(0);
    for (const twin of twins) expect([...eksidNames], `twin ${twin}`).toContain(twin);
  });
});

const SUITE = 'upstream fixtures all have eksid twins';
const upstreamDir = upstreamFixtureDir();
if (upstreamDir === undefined) console.warn(upstreamAbsentLine(SUITE));

describe.skipIf(upstreamDir === undefined)(SUITE, () => {
  it(`lists every upstream fixture, and only those${upstreamDir === undefined ? ' (skipped: the upstream copy is not beside the clone)' : ''}`, () => {
    const upstream = loadFixtures(upstreamDir ?? '').map((fixture) => fixture.name).sort();
    expect(Object.keys(UPSTREAM_TWINS).sort()).toEqual(upstream);
  });
});
