import { builtinIds, loadCalibration, loadScenarios } from '../load.js';
import { json, table, type Out } from '../output.js';

export function runList(out: Out, opts: { json?: boolean }): number {
  const scenarios = loadScenarios(builtinIds(), loadCalibration());
  if (opts.json) {
    out.write(
      json(
        scenarios.map((s) => ({
          id: s.id,
          title: s.title,
          kind: s.kind,
          toldAt: s.toldAt,
          source: s.source,
          onset: s.onset,
          anecdote: s.anecdote,
          decisions: s.decisions.length,
          injects: s.injects.length,
        })),
      ),
    );
    return 0;
  }
  const rows = [['id', 'kind', 'told at', 'source', 'title']];
  for (const s of scenarios) rows.push([s.id, s.kind, `level ${s.toldAt}`, `${s.source.seed} ${s.source.section.split(',')[0]}`, s.title]);
  out.write(`${table(rows)}\n`);
  return 0;
}
