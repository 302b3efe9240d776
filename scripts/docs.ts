// `npm run docs`, after the build and docs/calibration.md: writes every command's real
// `--help` (from the built CLI) onto its page in docs/commands/, creating the page of a
// command that has none, and names pages whose command no longer exists.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../src/cli/main.js';
import { COMMANDS_DIR, commandPaths, hasExample, newPage, pageOf, realHelp, ROOT, withHelp } from './docs-lib.js';

const program = buildProgram(() => {});
const paths = commandPaths(program);
mkdirSync(join(ROOT, COMMANDS_DIR), { recursive: true });
let changed = 0;
for (const path of paths) {
  const page = join(ROOT, pageOf(path));
  const help = realHelp(path);
  let cmd = program;
  for (const name of path) cmd = cmd.commands.find((c) => c.name() === name)!;
  const before = existsSync(page) ? readFileSync(page, 'utf8') : undefined;
  const after = before === undefined ? newPage(path, cmd.description(), help) : withHelp(before, path, help);
  if (after !== before) {
    writeFileSync(page, after);
    changed++;
    process.stdout.write(`${before === undefined ? 'created' : 'updated'} ${pageOf(path)}\n`);
  }
  if (!hasExample(after, path)) process.stderr.write(`${pageOf(path)}: add an example (a \`$ imsim ${path.join(' ')} ...\` line with real output); the docs test asks for one\n`);
}
// The index lists every page: a new command gets a row at the end of its table, to place and word by hand.
const indexFile = join(ROOT, COMMANDS_DIR, 'README.md');
let index = readFileSync(indexFile, 'utf8');
for (const path of paths) {
  const file = `${path.join('-')}.md`;
  if (index.includes(`](${file})`)) continue;
  let cmd = program;
  for (const name of path) cmd = cmd.commands.find((c) => c.name() === name)!;
  const rows = [...index.matchAll(/^\| \[`imsim [^\n]*\n/gm)];
  const at = rows.length ? rows.at(-1)!.index! + rows.at(-1)![0].length : index.length;
  index = `${index.slice(0, at)}| [\`imsim ${path.join(' ')}\`](${file}) | ${cmd.description()} | |\n${index.slice(at)}`;
  process.stdout.write(`added imsim ${path.join(' ')} to ${COMMANDS_DIR}/README.md\n`);
}
writeFileSync(indexFile, index);
const known = new Set(paths.map((p) => pageOf(p)));
for (const f of readdirSync(join(ROOT, COMMANDS_DIR)))
  if (f !== 'README.md' && !known.has(`${COMMANDS_DIR}/${f}`)) process.stderr.write(`${COMMANDS_DIR}/${f}: no such command; remove or rename the page\n`);
process.stdout.write(`docs: ${paths.length} command pages, ${changed} written\n`);
