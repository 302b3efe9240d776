// The advisor's result as people read it: where the organization stands, the steps open
// from there (loss avoided with its interval, cost, loss avoided per dollar, ROSI), the
// steps the caps block, the roadmap and whether its ranking is settled. Only formats an
// AdviceResult: every figure, interval and ranking comes computed.
import type { AdviceResult, Estimate, Ranking, Step } from '../advise/index.js';
import { money } from './compare.js';

/** Left-aligned text columns, right-aligned numbers. */
function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => '  ' + r.map((c, i) => (align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

const interval = (e: Estimate) => (e.ci95 ? `[${money(e.ci95[0])}, ${money(e.ci95[1])}]` : 'n/a');
const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const rosi = (e: Estimate) => (Number.isFinite(e.mean) ? `${(e.mean * 100).toFixed(0)}%` : '-');
const stepName = (s: { domain: string; from?: number; to: number }) => (s.from !== undefined ? `${s.domain} ${s.from}->${s.to}` : `${s.domain} to ${s.to}`);

function stepRows(steps: readonly (Step & { rank?: number; index?: number })[], first: string): string[][] {
  return [
    [first, 'step', 'loss avoided/yr', '95% CI', 'cost/yr', 'one-off', 'per $', 'ROSI'],
    ...steps.map((s) => [String(s.rank ?? s.index ?? ''), stepName(s), money(s.lossAvoided.mean), interval(s.lossAvoided), money(s.cost.annual), money(s.cost.oneOff), ratio(s.perDollar), rosi(s.rosi)]),
  ];
}

/** What more years would do, in words (the years come computed in the result). */
function settle(needed: number, years: number): string {
  const near = needed > 100 * years ? ' (a near tie: either choice is worth about the same)' : '';
  return `about ${needed} simulated years would settle it (now ${years})${near}`;
}

function rankingLine(r: Ranking, years: number): string {
  if (!r.runnerUp || !r.best || !r.difference) return '';
  const d = r.difference;
  const which = `${stepName(r.best)} over ${stepName(r.runnerUp)}: ${money(d.mean)} a year net, 95% CI ${interval(d)}`;
  if (r.stable) return `settled: ${which}`;
  const more = r.yearsToSettle !== undefined ? `; ${settle(r.yearsToSettle, years)}` : '';
  return `not settled (the intervals overlap): ${which}${more}`;
}

export function adviceText(r: AdviceResult): string {
  const lines: string[] = [];
  const budget = r.limits.budget === null ? 'no budget limit' : `budget ${money(r.limits.budget)} first-year spend`;
  lines.push(`imsim advise: ${r.org.name}, from ${r.from.name} (${r.from.profile}), ${r.years} simulated years, seed ${r.seed}`);
  lines.push(`organization: ${r.org.file}; calibration ${r.calibration.hash}; up to ${r.limits.steps} steps, ${budget}`);
  if (r.from.effective !== r.from.profile) lines.push(`delivers ${r.from.effective} after the "do not skip levels" caps`);
  const l = r.from.loss;
  lines.push(`annual loss today: ${money(l.total.mean)} (95% CI ${interval(l.total)}; p90 ${money(l.total.p90)}): downtime ${money(l.downtime.mean)}, breaches ${money(l.breaches.mean)}`);
  lines.push('');
  lines.push('Next steps (one domain up one level), best net value first:');
  lines.push(r.candidates.length ? table(stepRows(r.candidates, '#'), ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r']) : '  none open within the limits');
  const rank = rankingLine(r.ranking, r.years);
  if (rank) lines.push(`  ${rank}`);
  for (const b of r.blocked) lines.push(`  blocked: ${b.domain} to ${b.to} needs ${b.because} at ${b.needs} first (do not skip levels)`);
  lines.push('');
  lines.push('Roadmap (each step chosen with the previous ones in place):');
  if (!r.roadmap.length) lines.push('  stay where you are');
  else {
    lines.push(
      table(
        [
          ['#', 'step', 'avoids/yr', '95% CI', 'cost/yr', 'plan net/yr', '95% CI', '1st-yr spend'],
          ...r.roadmap.map((s) => [String(s.index), stepName(s), money(s.lossAvoided.mean), interval(s.lossAvoided), money(s.cost.annual), money(s.cumulative.net.mean), interval(s.cumulative.net), money(s.cumulative.firstYearSpend)]),
        ],
        ['r', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
    );
    for (const s of r.roadmap) {
      const rl = rankingLine(s.ranking, r.years);
      if (s.ranking.reason) lines.push(`  ${s.index}: ${s.ranking.reason}`);
      else if (rl && !s.ranking.stable) lines.push(`  ${s.index}: ${rl}`);
    }
  }
  if (r.stopped) lines.push(`  stops after ${r.roadmap.length} step(s): ${r.stopped}`);
  const e = r.end;
  lines.push('');
  lines.push(`End: ${e.profile}${e.effective !== e.profile ? ` (delivers ${e.effective})` : ''}`);
  lines.push(`  annual loss ${money(e.loss.total.mean)} (95% CI ${interval(e.loss.total)}); avoids ${money(e.lossAvoided.mean)} ${interval(e.lossAvoided)} a year for ${money(e.annualCost)} a year; net ${money(e.net.mean)} ${interval(e.net)}; ROSI ${rosi(e.rosi)}`);
  const sr = r.search.ranking;
  if (sr.runnerUp && sr.difference) {
    lines.push(
      sr.stable
        ? `  settled against the next best end (${sr.runnerUp}): ${money(sr.difference.mean)} a year more, 95% CI ${interval(sr.difference)}`
        : `  not settled against the next best end (${sr.runnerUp}): ${money(sr.difference.mean)} a year more, 95% CI ${interval(sr.difference)}` +
            (sr.yearsToSettle !== undefined ? `; ${settle(sr.yearsToSettle, r.years)}` : ''),
    );
  }
  const g = r.search.greedy;
  lines.push(`  searched ${r.search.reachable} reachable profiles; a greedy plan ends at ${g.profile} (net ${money(g.net)} a year, ${g.steps} step(s))`);
  lines.push('');
  lines.push(`costs: ${r.assumptions.cost}`);
  lines.push(`ROSI: ${r.assumptions.objective}`);
  return lines.join('\n') + '\n';
}
