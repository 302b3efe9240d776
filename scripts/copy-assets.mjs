// Copies the non-TypeScript files the compiled code reads at run time into dist/.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const assets = [
  ['src/calibration', /\.ya?ml$/],
  ['src/org', /\.ya?ml$/],
];
for (const [dir, pattern] of assets) {
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir)) if (pattern.test(f)) cpSync(join(dir, f), join('dist', dir, f));
}
