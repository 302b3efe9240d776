// The leaders' report: how calibration entries are moved for the drivers, and the page
// built from real results of a small organization (a few years, seed 5), with and
// without the advisor's roadmap.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyOverrides, defaultCalibration, type Entry } from '../../src/calibration/index.js';
import { parseProfile } from '../../src/model/index.js';
import { docHtml, docMarkdown } from '../../src/report/html/index.js';
import { leadersDoc, moneyTick, type LeadersReport } from '../../src/report/leaders/index.js';
import { DRIVER_FACTOR, entriesAt, moved, overrideLine } from '../../src/year/drivers.js';
import { adviceFor } from '../support/advice.js';
import { parseOrg, SMALL } from '../support/orgs.js';

const cal = defaultCalibration();
const entry = (key: string): Entry => cal.byKey.get(key)!;

describe('moving a calibration entry for the drivers', () => {
  it('divides and multiplies durations and amounts by the factor', () => {
    const e = cal.entries.find((x) => x.unit === 'minutes' && x.dist.kind === 'lognormal90')!;
    const d = e.dist as { p5: number; p95: number };
    expect(moved(e, DRIVER_FACTOR)).toEqual({ kind: 'lognormal90', p5: Number((d.p5 * 1.5).toPrecision(6)), p95: Number((d.p95 * 1.5).toPrecision(6)) });
    expect(moved(e, 1 / DRIVER_FACTOR)).toEqual({ kind: 'lognormal90', p5: Number((d.p5 / 1.5).toPrecision(6)), p95: Number((d.p95 / 1.5).toPrecision(6)) });
  });

  it('moves a chance on the odds scale, so it stays between 0 and 1, and leaves 0 and 1 alone', () => {
    const e = cal.entries.find((x) => x.unit === 'probability' && x.dist.kind === 'probability' && x.dist.p > 0.5 && x.dist.p < 1)!;
    const p = (e.dist as { p: number }).p;
    const up = moved(e, DRIVER_FACTOR) as { p: number };
    expect(up.p).toBeGreaterThan(p);
    expect(up.p).toBeLessThan(1);
    expect((up.p / (1 - up.p)) / (p / (1 - p))).toBeCloseTo(1.5, 4);
    const certain = { ...e, dist: { kind: 'probability' as const, p: 1 } };
    expect(moved(certain, DRIVER_FACTOR)).toBeUndefined();
  });

  it('does not move settings: hours, weekdays, levels and mixes', () => {
    for (const unit of ['hour', 'weekday', 'levels', 'mix'] as const) {
      const e = cal.entries.find((x) => x.unit === unit);
      if (e) expect(moved(e, DRIVER_FACTOR), e.key).toBeUndefined();
    }
  });

  it('writes each side as an override line the calibration accepts', () => {
    const e = entry('cost.breachLoss');
    const d = moved(e, DRIVER_FACTOR)!;
    const line = overrideLine(e.key, d);
    expect(applyOverrides(cal, line, 'x.yaml').byKey.get(e.key)!.dist).toEqual(d);
  });

  it('reads domain entries at the profile\'s own level only, and every world entry', () => {
    const at = entriesAt(cal, parseProfile('change=2,config=1,observability=2,serviceDesk=2,secOps=1'));
    expect(at.some((e) => e.key === 'change.failureRate.L2' || e.key.startsWith('change.') && e.key.endsWith('.L2'))).toBe(true);
    expect(at.some((e) => e.key.startsWith('change.') && e.key.endsWith('.L3'))).toBe(false);
    expect(at.filter((e) => e.level === undefined).length).toBe(cal.entries.filter((e) => e.level === undefined).length);
  });
});

describe('short money for axes', () => {
  it('drops trailing zeros and keeps the sign', () => {
    expect([moneyTick(0), moneyTick(2_500_000), moneyTick(-10_000_000), moneyTick(500_000), moneyTick(750)]).toEqual(['$0', '$2.5M', '-$10M', '$500k', '$750']);
  });
});

describe('the leaders\' report of a small organization (seed 5, 4 years, drivers on 2)', () => {
  let rep: LeadersReport;
  const commands = { year: 'imsim year org.yaml --json', compare: 'imsim compare x --json' };
  beforeAll(async () => {
    // The built module: its worker threads load the compiled year worker (`npm test` builds first).
    const { buildReport } = (await import(new URL('../../dist/src/cli/commands/report.js', import.meta.url).href)) as typeof import('../../src/cli/commands/report.js');
    const org = parseOrg(SMALL, 'small.yaml');
    rep = await buildReport({ org, calibration: cal, profiles: org.profiles.map((p) => ({ name: p.name, profile: p.profile })), seed: 5, years: 4, driverYears: 2, runs: 20, workers: 2, advice: { steps: 1, years: 2 } });
  });

  it('has every section, each chart with its reading, and every statistic tagged with where it came from', () => {
    const html = docHtml(leadersDoc(rep, commands));
    for (const id of ['chart-annual-loss', 'chart-exceedance', 'chart-restoration', 'chart-tolerance', 'chart-teams', 'chart-roadmap', 'chart-drivers']) {
      expect(html, id).toMatch(new RegExp(`<figure class="chart" id="${id}"><figcaption>[\\s\\S]*?<svg [\\s\\S]*?</svg><p class="reading">[^<]*\\S`));
    }
    for (const h of ['Summary', 'Annual loss', 'How bad a year can get', 'Time to restore service', 'Beyond impact tolerance', 'Team load', 'Roadmap', 'What drives the result', 'Methods', 'What is judgement']) expect(html).toContain(`>${h}`);
    expect(html).toContain(rep.year.calibration.hash);
    const stats = [...html.matchAll(/data-stat="(\w+):/g)].map((m) => m[1]);
    expect(new Set(stats)).toEqual(new Set(rep.advice!.roadmap.length ? ['year', 'times', 'drivers', 'advice'] : ['year', 'times', 'drivers']));
  });

  it('draws the advisor\'s roadmap it ran (one step here); without a roadmap it says how to add one; with two steps, a waterfall of two', () => {
    const own = /<figure class="chart" id="chart-roadmap">[\s\S]*?<\/figure>/.exec(docHtml(leadersDoc(rep, commands)))![0];
    expect(rep.advice!.roadmap.length).toBeLessThanOrEqual(1);
    expect(countOf(own, /class="fill (total|gain|loss)"/g)).toBe(rep.advice!.roadmap.length ? 3 : 0);
    const { advice: _, ...none } = rep;
    const without = docHtml(leadersDoc(none, commands));
    expect(without).toMatch(/No roadmap: run with --steps/);
    const html = docHtml(leadersDoc({ ...rep, advice: adviceFor(rep.year) }, commands));
    const fig = /<figure class="chart" id="chart-roadmap">[\s\S]*?<\/figure>/.exec(html)![0];
    expect(countOf(fig, /class="fill (total|gain|loss)"/g)).toBe(4);
    expect(fig).toMatch(/2 steps from today avoid <span class="stat" data-stat="advice:end.lossAvoided.mean" data-value="1300000">\$1.30M<\/span>/);
    expect(fig).toContain('secOps 1→2');
  });

  it('lists the drivers widest swing first, each side a change against the same years', () => {
    const d = rep.drivers!;
    expect(d.drivers.length).toBeGreaterThan(10);
    for (let i = 1; i < d.drivers.length; i++) expect(d.drivers[i - 1]!.swing).toBeGreaterThanOrEqual(d.drivers[i]!.swing);
    const top = d.drivers[0]!;
    expect(top.swing).toBeGreaterThan(0);
    // The change is the side's loss minus the base loss, over the same years (to rounding).
    if (top.high) expect(top.high.change.mean).toBeCloseTo(top.high.loss - d.base.loss, 2);
  });

  it('gives the same bytes for the same data, and a Markdown twin with the same readings', () => {
    const a = docHtml(leadersDoc(rep, commands));
    expect(docHtml(leadersDoc(structuredClone(rep), commands))).toBe(a);
    const md = docMarkdown(leadersDoc(rep, commands));
    expect(md).toMatch(/\*\*Annual loss per profile\.\*\* Mean annual loss: \$/);
    expect(md).not.toContain('<svg');
  });
});

const countOf = (s: string, re: RegExp) => [...s.matchAll(re)].length;

describe('the commands the methods print', () => {
  it("quote what a shell would split, and separate written-out levels with ';'", async () => {
    const { reportCommands } = await import('../../src/cli/commands/report.js');
    const inp = { org: { id: 'small', workload: { templates: [] } }, profiles: [{ name: 'change=2,config=1,observability=2,serviceDesk=2,secOps=1' }, { name: '3' }], years: 10, seed: 4 };
    const opts = { out: 'r.html', years: '10', seed: '4', runs: '30', driverYears: '0', adviceYears: '20', progress: 'none', calibration: 'my cal.yaml' };
    const c = reportCommands('my org.yaml', inp as never, opts, true);
    expect(c.year).toBe("imsim year 'my org.yaml' --profiles 'change=2,config=1,observability=2,serviceDesk=2,secOps=1;3' --years 10 --seed 4 --calibration 'my cal.yaml' --json");
    expect(c.advise).toBe("imsim advise 'my org.yaml' --from change=2,config=1,observability=2,serviceDesk=2,secOps=1 --steps 3 --years 20 --seed 4 --calibration 'my cal.yaml' --json");
  });
});
