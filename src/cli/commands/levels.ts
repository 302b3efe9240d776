import { CROSSWALK, DOMAINS, LEVEL_LABELS, LEVEL_NOTES, LEVELS } from '../../model/index.js';
import { json, paint, table, type Out } from '../output.js';

export function levelsDocument() {
  return {
    frameworks: CROSSWALK.map(({ seed, title, section }) => ({ seed, title, section })),
    levels: LEVELS.map((level) => ({
      level,
      label: LEVEL_LABELS[level],
      names: Object.fromEntries(CROSSWALK.map((f) => [f.seed, f.names[level]])),
      domains: Object.fromEntries(DOMAINS.map((d) => [d, LEVEL_NOTES[d][level]])),
    })),
  };
}

export function runLevels(out: Out, opts: { json?: boolean }): number {
  if (opts.json) {
    out.write(json(levelsDocument()));
    return 0;
  }
  const head = ['level', 'imsim', ...CROSSWALK.map((f) => `${f.seed} ${f.title.split(' (')[0]}`)];
  const rows = LEVELS.map((l) => [String(l), LEVEL_LABELS[l], ...CROSSWALK.map((f) => f.names[l])]);
  const lines = [paint(out, 'bold', 'Maturity levels: one scale, named by each source framework'), ''];
  lines.push(table([head, ...rows]), '');
  lines.push(...CROSSWALK.map((f) => `  ${f.seed}: ${f.title}, ${f.section}`), '');
  const dw = Math.max(...DOMAINS.map((d) => d.length));
  for (const l of LEVELS) {
    lines.push(paint(out, 'bold', `Level ${l} (${LEVEL_LABELS[l]})`));
    for (const d of DOMAINS) {
      const note = LEVEL_NOTES[d][l];
      lines.push(`  ${d.padEnd(dw)}  ${note.text} ${paint(out, 'dim', `[${note.source}]`)}`);
    }
    lines.push('');
  }
  out.write(lines.join('\n'));
  return 0;
}
