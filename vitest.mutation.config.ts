// The tests mutation testing runs (stryker.config.mjs, scripts/mutation.mjs): those that
// load the mutated code in-process, or the ones scripts/mutation.mjs names for the folder
// under test (IMSIM_MUTATION_TESTS, comma-separated globs). End-to-end tests run the built
// CLI in child processes, which never see a mutant, and the terminal UI tests do not
// reach the mutated folders. Property tests run at one fixed seed (mutation-setup.ts).
// Files run sharpest first: Stryker stops a mutant's run at its first failing test, and a
// mutant in code that runs at import (a machine's definition) is run against every file.
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

/** Files in the order they run; any file not listed runs after these, slowest walks last. */
const FIRST = [
  'rules-both-ways',
  'level-order',
  'reasons.test',
  'workflows.test',
  'compiled.test',
  'core.test',
  'stats.test',
  'chunks.test',
  'parse.test',
  'table.test',
  'timing.property',
  'engine.property',
  'policy.test',
  'golden.test',
];
const LAST = ['incident-levels', 'incident-mixed'];

class SharpestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const first = FIRST.findIndex((p) => f.moduleId.includes(p));
      if (first >= 0) return first;
      return LAST.some((p) => f.moduleId.includes(p)) ? FIRST.length + 1 : FIRST.length;
    };
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

const chosen = process.env.IMSIM_MUTATION_TESTS?.split(',').filter(Boolean);

// Spread rather than mergeConfig, which would add `include` to the base's list instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    ...(chosen?.length ? { include: chosen } : {}),
    exclude: [...configDefaults.exclude, 'test/cli/**', 'test/tui/**', 'test/suite/**', 'test/report/**'],
    setupFiles: ['test/support/mutation-setup.ts'],
    // A starved worker (nice 19 on a busy machine) runs many times slower: vitest's own
    // limits would fail a slow test, and Stryker would count the mutant as killed. Stryker's
    // timeout (stryker.config.mjs) decides instead; these stay above it.
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
    sequence: { sequencer: SharpestFirst },
  },
});
