// `imsim report` end to end through the real CLI, on a small organization: the page is
// self-contained, under 1 MB and the same bytes for the same seed whatever the workers;
// every statistic it shows equals what `imsim year --json` (and `imsim compare --json`
// for restoration times) prints for the same seed and years; a driver's side reproduces
// with `imsim year --calibration`; bad input exits 2 with nothing written. And the
// tabletop's after-action report as HTML.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { imsim } from '../support/cli.js';
import { SMALL } from '../support/orgs.js';
import { scratchDirs } from '../support/tmp.js';

const tmp = scratchDirs();
const SEED = 11;
const YEARS = 6;

/** The value at a dotted path (`profiles.0.totals.cost.mean`) of a JSON document. */
function at(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
}

/** A command line as the methods print it, into arguments (words, or '...' quoted as a shell would). */
const words = (cmd: string) => (cmd.match(/'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^'(.*)'$/, '$1'));

/** Every tagged statistic of a page: source, path, raw value and the text shown. */
function statsOf(html: string): { source: string; path: string; value: number; text: string }[] {
  return [...html.matchAll(/<span class="stat" data-stat="(\w+):([^"]+)" data-value="([^"]*)">([^<]*)<\/span>/g)].map((m) => ({ source: m[1]!, path: m[2]!, value: Number(m[3]), text: m[4]! }));
}

describe(`imsim report on a small organization (seed ${SEED}, ${YEARS} years)`, () => {
  let dir: string;
  let org: string;
  let html: string;
  const base = () => ['report', org, '--seed', String(SEED), '--years', String(YEARS), '--driver-years', '2', '--runs', '30', '--steps', '1', '--advice-years', '3', '--progress', 'none'];

  beforeAll(() => {
    dir = tmp();
    org = join(dir, 'small.yaml');
    writeFileSync(org, SMALL);
    const r = imsim([...base(), '--out', join(dir, 'a.html'), '--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^report written to .*a\.html \([\d,]+ bytes; seed 11, 6 years\)\n$/);
    html = readFileSync(join(dir, 'a.html'), 'utf8');
  });

  it('writes one self-contained page under 1 MB with no http(s) reference outside XML namespaces, and the same bytes with one worker', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(1_000_000);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<script|<link |<img |@import/);
    const again = imsim([...base(), '--out', join(dir, 'b.html'), '--workers', '1']);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'b.html'), 'utf8') === html, `seed ${SEED}: the page differs between runs`).toBe(true);
  });

  it('shows every year statistic exactly as `imsim year --json` prints it for the same seed and years', () => {
    const y = imsim(['year', org, '--seed', String(SEED), '--years', String(YEARS), '--json', '--progress', 'none']);
    expect(y.code, y.stderr).toBe(0);
    const year = JSON.parse(y.stdout) as unknown;
    const shown = statsOf(html).filter((s) => s.source === 'year');
    expect(shown.length).toBeGreaterThan(50);
    for (const s of shown) expect(at(year, s.path), `seed ${SEED}: year:${s.path} shown as ${s.text}`).toBe(s.value);
    // The summary's first figure is the baseline's mean annual loss.
    expect(shown[0]!.path).toBe('profiles.0.totals.cost.mean');
  });

  it('shows every restoration time as `imsim compare --json` prints it, with the command the methods give', () => {
    const cmd = /<pre><code>[^\n]*\n(imsim compare [^\n<]*)/.exec(html)![1]!;
    expect(cmd).toContain(`--seed ${SEED}`);
    const c = imsim(words(cmd).slice(1));
    expect(c.code, c.stderr).toBe(0);
    const cmp = JSON.parse(c.stdout) as unknown;
    const shown = statsOf(html).filter((s) => s.source === 'times');
    expect(shown.length).toBeGreaterThan(8);
    for (const s of shown) expect(at(cmp, s.path), `seed ${SEED}: times:${s.path}`).toBe(s.value);
  });

  it('shows the roadmap as `imsim advise --json` prints it, with the command the methods give', () => {
    const cmd = /\n(imsim advise [^\n<]*)/.exec(html)![1]!;
    expect(cmd).toContain(`--seed ${SEED}`);
    const a = imsim(words(cmd).slice(1));
    expect(a.code, a.stderr).toBe(0);
    const advice = JSON.parse(a.stdout) as { roadmap: unknown[] };
    const shown = statsOf(html).filter((s) => s.source === 'advice');
    expect(shown.length > 0, 'the page shows the roadmap exactly when the advisor found one').toBe(advice.roadmap.length > 0);
    for (const s of shown) expect(at(advice, s.path), `seed ${SEED}: advice:${s.path}`).toBe(s.value);
  });

  it("reproduces the top driver's sides with `imsim year --calibration` and the override the report prints", () => {
    const data = imsim([...base(), '--out', join(dir, 'data.json')]);
    expect(data.code, data.stderr).toBe(0);
    const rep = JSON.parse(readFileSync(join(dir, 'data.json'), 'utf8')) as { drivers: { years: number; drivers: { key: string; low?: { override: string; loss: number }; high?: { override: string; loss: number } }[] } };
    const top = rep.drivers.drivers[0]!;
    for (const side of [top.low, top.high]) {
      if (!side) continue;
      const file = join(dir, 'side.yaml');
      writeFileSync(file, `${side.override}\n`);
      const y = imsim(['year', org, '--profiles', 'today', '--seed', String(SEED), '--years', String(rep.drivers.years), '--calibration', file, '--json', '--progress', 'none']);
      expect(y.code, y.stderr).toBe(0);
      expect((JSON.parse(y.stdout) as { profiles: { totals: { cost: { mean: number } } }[] }).profiles[0]!.totals.cost.mean, `seed ${SEED}: ${side.override}`).toBe(side.loss);
    }
  });

  it('writes the same report as Markdown, with every reading', () => {
    const r = imsim([...base(), '--out', join(dir, 'r.md')]);
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(join(dir, 'r.md'), 'utf8');
    expect(md).toMatch(/^# Annual loss from IT incidents: /);
    const readings = [...html.matchAll(/<p class="reading">/g)].length;
    expect([...md.matchAll(/^\*\*[^*\n]+\.\*\* \S/gm)].length).toBe(readings);
  });

  it('refuses bad input with one clear message, exit 2, nothing written', () => {
    const bad = tmp();
    const cases: [string[], RegExp][] = [
      [['report', org, '--out', join(bad, 'r.pdf')], /--out: the report is \.html, \.md or \.json; got/],
      [['report', org, '--out', join(bad, 'r.html'), '--driver-years', 'x'], /--driver-years/],
      [['report', org, '--out', join(bad, 'r.html'), '--advice', org], /--advice.*not a readable JSON file/],
      [['report', org, '--out', join(bad, 'missing', 'r.html')], /--out/],
    ];
    cases.push([['report', org, '--out', join(bad, 'r.html'), '--advice', org, '--steps', '2'], /--advice: a saved roadmap was made with its own --steps and --budget/]);
    cases.push([['report', org, '--out', join(bad, 'r.html'), '--budget', 'lots'], /--budget: expected dollars/]);
    const notAdvice = join(bad, 'year.json');
    writeFileSync(notAdvice, '{"kind": "imsim-year"}');
    cases.push([['report', org, '--out', join(bad, 'r.html'), '--advice', notAdvice], /not the output of `imsim advise --json`/]);
    for (const [args, message] of cases) {
      const r = imsim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(bad)).toEqual(['year.json']);
  });
});

describe('imsim tabletop --report x.html', () => {
  it('writes the after-action report through the same page, the same bytes for the same inputs (seed 3)', () => {
    const dir = tmp();
    const args = (out: string) => ['tabletop', 'suspicious-login-2am', '--profile', '1', '--seed', '3', '--decisions', '2,disable', '--report', join(dir, out)];
    for (const f of ['a.html', 'b.html', 'a.md']) expect(imsim(args(f)).code).toBe(0);
    const html = readFileSync(join(dir, 'a.html'), 'utf8');
    expect(readFileSync(join(dir, 'b.html'), 'utf8')).toBe(html);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>After-action report: Suspicious login at 2 AM');
    // Every section of the Markdown is a heading of the page.
    const md = readFileSync(join(dir, 'a.md'), 'utf8');
    for (const h of md.matchAll(/^##+ (.*)$/gm)) expect(html).toContain(`>${h[1]!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '').replace(/\*\*/g, '')}`.slice(0, 40));
    expect(html).toContain('@media print');
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
  });
});
