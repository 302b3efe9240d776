// The tests mutation testing runs (stryker.config.mjs, scripts/mutation.mjs): those that
// load the mutated code in-process. End-to-end tests run the built CLI in child processes,
// which never see a mutant, and the terminal UI tests do not reach the mutated folders.
// Files run sharpest first: Stryker stops a mutant's run at its first failing test, and a
// mutant in code that runs at import (a machine's definition) is run against every file.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

/** Files in the order they run; any file not listed runs after these, slowest walks last. */
const FIRST = [
  'rules-both-ways',
  'level-order',
  'compiled.test',
  'core.test',
  'stats.test',
  'chunks.test',
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

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, 'test/cli/**', 'test/tui/**', 'test/suite/**', 'test/report/**'],
      sequence: { sequencer: SharpestFirst },
    },
  }),
);
