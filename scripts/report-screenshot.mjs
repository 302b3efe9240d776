// The README's picture of the leaders' report: the top of a report page as a small PNG,
// taken with Debian's Chromium through playwright-core (a devDependency).
//   npm run build && node bin/imsim report --out report.html
//   node scripts/report-screenshot.mjs report.html docs/img/report.png
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [page, png] = process.argv.slice(2);
if (!page || !png) {
  console.error('usage: node scripts/report-screenshot.mjs REPORT.html OUT.png');
  process.exit(2);
}
const executablePath = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
if (!executablePath) {
  console.error('no Chromium found: apt-get install chromium, or set CHROMIUM');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const tab = await browser.newPage({ viewport: { width: 820, height: 1180 }, deviceScaleFactor: 1 });
  await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: 'load' });
  await tab.screenshot({ path: png, clip: { x: 0, y: 0, width: 820, height: 1180 } });
} finally {
  await browser.close();
}
