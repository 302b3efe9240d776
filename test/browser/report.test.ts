// The leaders' report in a real browser (headless Chromium): every chart renders with a
// nonzero size on screen and when printed, the page logs no error, and it asks the
// network for nothing. Also the tabletop's after-action page.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceFor } from '../support/advice.js';
import { launchChromium } from '../support/browser.js';
import { imsim } from '../support/cli.js';
import { SMALL } from '../support/orgs.js';
import { scratchDirs } from '../support/tmp.js';

const tmp = scratchDirs();
const SEED = 4;

interface Visit {
  page: Page;
  problems: string[];
  requests: string[];
}

async function visit(browser: Browser, file: string): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(`console ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, problems, requests };
}

/** Width and height of each chart's SVG as laid out. */
async function chartSizes(page: Page): Promise<{ id: string; width: number; height: number }[]> {
  return page.$$eval('figure.chart', (figs) =>
    figs.map((f) => {
      const r = f.querySelector('svg')?.getBoundingClientRect();
      return { id: f.id, width: r?.width ?? 0, height: r?.height ?? 0 };
    }),
  );
}

describe(`the leaders' report in headless Chromium (seed ${SEED})`, () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = tmp();
    const org = join(dir, 'small.yaml');
    writeFileSync(org, SMALL);
    file = join(dir, 'report.html');
    // A roadmap for the waterfall (the advisor's output shape, for this organization).
    const advice = join(dir, 'advice.json');
    const year = { org: { id: 'small', name: 'small', file: org }, calibration: { hash: 'test', overridden: [] }, profiles: [{ profile: 'today', effective: 'today' }] };
    writeFileSync(advice, JSON.stringify(adviceFor(year as unknown as Parameters<typeof adviceFor>[0])));
    const r = imsim(['report', org, '--seed', String(SEED), '--years', '4', '--driver-years', '1', '--runs', '20', '--progress', 'none', '--advice', advice, '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart with a nonzero size, logs no error and requests nothing but the file itself', async () => {
    expect(statSync(file).size).toBeLessThan(1_000_000);
    const v = await visit(browser, file);
    const sizes = await chartSizes(v.page);
    expect(sizes.map((s) => s.id)).toEqual(['chart-annual-loss', 'chart-exceedance', 'chart-restoration', 'chart-tolerance', 'chart-teams', 'chart-roadmap', 'chart-drivers']);
    for (const s of sizes) {
      expect(s.width, s.id).toBeGreaterThan(100);
      expect(s.height, s.id).toBeGreaterThan(40);
    }
    // Every chart draws marks (bars, dots, curves), not just axes.
    const marks = await v.page.$$eval('figure.chart svg', (svgs) => svgs.map((s) => s.querySelectorAll('rect, circle, path').length));
    for (const [i, n] of marks.entries()) expect(n, sizes[i]!.id).toBeGreaterThan(1);
    expect(v.problems).toEqual([]);
    expect(v.requests).toEqual([pathToFileURL(file).href]);
    expect(readFileSync(file, 'utf8').replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    await v.page.close();
  });

  it('prints: on a printed page every chart keeps a nonzero size and fits the page width', async () => {
    const v = await visit(browser, file);
    await v.page.emulateMedia({ media: 'print' });
    await v.page.setViewportSize({ width: 700, height: 1000 }); // about an A4 page's printable width at 96 dpi
    for (const s of await chartSizes(v.page)) {
      expect(s.height, s.id).toBeGreaterThan(20);
      expect(s.width, s.id).toBeGreaterThan(100);
      expect(s.width, s.id).toBeLessThanOrEqual(700);
    }
    const pdf = await v.page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(v.problems).toEqual([]);
    await v.page.close();
  });

  it("opens the tabletop's after-action page the same way: no error, no request", async () => {
    const aa = join(dir, 'aa.html');
    expect(imsim(['tabletop', 'suspicious-login-2am', '--profile', '1', '--seed', '3', '--decisions', '2,disable', '--report', aa]).code).toBe(0);
    const v = await visit(browser, aa);
    expect(await v.page.title()).toMatch(/^After-action report: /);
    expect(await v.page.$$eval('table', (t) => t.length)).toBeGreaterThan(3);
    expect(v.problems).toEqual([]);
    expect(v.requests).toEqual([pathToFileURL(aa).href]);
    await v.page.close();
  });
});
