// fast-check generators shared by the property tests. Seeds are fixed where a test
// samples a corpus (so the corpus is reviewable) and printed by fast-check otherwise.
import fc from 'fast-check';
import { DOMAINS, type Level, type Profile } from '../../src/model/index.js';

export const arbLevel = fc.constantFrom<Level>(1, 2, 3, 4, 5);

export const arbProfile: fc.Arbitrary<Profile> = fc.record(
  Object.fromEntries(DOMAINS.map((d) => [d, arbLevel])) as Record<(typeof DOMAINS)[number], fc.Arbitrary<Level>>,
);

/** The seed of every sampled corpus in the suite; change it and golden files move. */
export const CORPUS_SEED = 20261123;

/** A fixed sample of mixed profiles (seeded, so every run walks the same ones). */
export function sampleProfiles(count: number, seed = CORPUS_SEED): Profile[] {
  return fc.sample(arbProfile, { seed, numRuns: count });
}
