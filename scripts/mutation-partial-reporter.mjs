// A Stryker reporter that writes each mutant's result the moment it is known, one JSON line
// per mutant, beside the run's JSON report (`<folder>.partial.jsonl`). Stryker writes its
// reports only when a run ends; a run stopped part way (a long folder on a shared machine)
// would otherwise leave no trace of what it found. `npm run mutation -- --summary` reads
// these lines for a part that has no finished report yet, and says the figures are partial.
import { appendFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { commonTokens, declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';

class PartialReporter {
  static inject = [commonTokens.options];

  constructor(options) {
    this.file = (options.jsonReporter?.fileName ?? 'reports/mutation/mutation.json').replace(/\.json$/, '.partial.jsonl');
    writeFileSync(this.file, '');
  }

  /** The first line: how many mutants the run has, to tell how far a stopped run got. */
  onMutationTestingPlanReady({ mutantPlans }) {
    appendFileSync(this.file, `${JSON.stringify({ planned: mutantPlans.length })}\n`);
  }

  onMutantTested(m) {
    const line = {
      id: m.id,
      file: relative(process.cwd(), m.fileName),
      line: m.location.start.line,
      column: m.location.start.column,
      mutator: m.mutatorName,
      replacement: m.replacement,
      status: m.status,
      static: m.static ?? false,
      testsCompleted: m.testsCompleted,
      // What failed (a killed mutant's test and message): a kill by a test's own time limit shows here.
      reason: m.statusReason?.slice(0, 300),
    };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, 'partial', PartialReporter)];
