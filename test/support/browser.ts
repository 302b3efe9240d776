// Headless Chromium for tests and the README's screenshot: Debian's `chromium` package
// (CI installs it, see .ci/run) driven by playwright-core, which brings no browser of its
// own. CHROMIUM names another binary.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const found = [process.env.CHROMIUM, ...CANDIDATES].find((p): p is string => Boolean(p) && existsSync(p!));
  if (!found) throw new Error(`no Chromium found (tried ${CANDIDATES.join(', ')}; set CHROMIUM): on Debian, apt-get install chromium`);
  return found;
}

export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
}
