// The docs cannot go stale: every command has a page under docs/commands/ holding its real
// `--help` (from the built CLI) and a worked example; no page outlives its command; the
// README stays a front door; and no link in README.md or docs/ points nowhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imsim } from '../support/cli.js';
import { buildProgram } from '../../src/cli/main.js';
import {
  anchors,
  brokenLinks,
  COMMANDS_DIR,
  commandPaths,
  hasExample,
  helpBlock,
  helpOnPage,
  markdownFiles,
  newPage,
  pageOf,
  README_MAX_LINES,
  realHelp,
  ROOT,
  slug,
  withHelp,
} from '../../scripts/docs-lib.js';

const paths = commandPaths(buildProgram(() => {}));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const REGENERATE = 'run `npm run docs` to write the current --help';

describe('the command reference in docs/commands', () => {
  it('covers every command of `imsim --help`, subcommands included', () => {
    const names = paths.map((p) => p.join(' '));
    // The tree is read from the program itself; these are known members, so a walk that
    // lost subcommands would fail here rather than pass with fewer pages.
    expect(names).toEqual(expect.arrayContaining(['levels', 'list', 'calibration', 'calibration check', 'new', 'new scenario', 'sweep', 'merge', 'year']));
    const missing = paths.filter((p) => !existsSync(join(ROOT, pageOf(p)))).map((p) => `imsim ${p.join(' ')}: no ${pageOf(p)} (${REGENERATE}, then add an example)`);
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it.each(paths.map((p) => [p.join(' '), p] as const))('`imsim %s --help` on its page is the real one', (_name, path) => {
    const page = pageOf(path);
    if (!existsSync(join(ROOT, page))) return; // reported above, once
    const onPage = helpOnPage(read(page), path);
    expect(onPage, `${page}: no help block for imsim ${path.join(' ')} (${REGENERATE})`).toBeDefined();
    expect(onPage, `${page}: the help block differs from the real --help (${REGENERATE})`).toBe(realHelp(path));
  });

  it('every page shows its command run, with real output outside the help block', () => {
    const without = paths.filter((p) => existsSync(join(ROOT, pageOf(p))) && !hasExample(read(pageOf(p)), p));
    const problems = without.map((p) => `${pageOf(p)}: no \`$ imsim ${p.join(' ')} ...\` example with its real output`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('has no page for a command that does not exist, and its index links every page', () => {
    const pages = new Set(paths.map((p) => pageOf(p)));
    const files = readdirSync(join(ROOT, COMMANDS_DIR)).filter((f) => f !== 'README.md').map((f) => `${COMMANDS_DIR}/${f}`);
    const orphans = files.filter((f) => !pages.has(f));
    expect(orphans, `pages of no command: ${orphans.join(', ')}`).toEqual([]);
    const index = read(`${COMMANDS_DIR}/README.md`);
    const unlisted = paths.filter((p) => !index.includes(`](${p.join('-')}.md)`)).map((p) => `${COMMANDS_DIR}/README.md does not link ${p.join('-')}.md`);
    expect(unlisted, unlisted.join('\n')).toEqual([]);
  });
});

describe('the README and the links', () => {
  it(`README.md is a front door: at most ${README_MAX_LINES} lines`, () => {
    const lines = read('README.md').split('\n').length - 1;
    expect(lines, `README.md has ${lines} lines; move the detail to docs/`).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('README.md links the command reference, the model, the calibration and the bench', () => {
    const readme = read('README.md');
    const missing = ['docs/commands/README.md', 'docs/model.md', 'docs/calibration.md', 'docs/bench.md'].filter((t) => !readme.includes(`](${t}`));
    expect(missing, 'README.md should link these').toEqual([]);
  });

  it('the calibration figures quoted in README.md and docs/model.md are the current table’s', () => {
    const r = imsim(['calibration']);
    expect(r.code, r.stderr).toBe(0);
    const m = /^calibration \S+: (\d+) entries \((\d+)% seed, (\d+)% benchmark, (\d+)% judgement\)/.exec(r.stdout);
    expect(m, r.stdout.split('\n')[0]).not.toBeNull();
    const [, entries, seed, benchmark, judgement] = m!;
    const quoted = `${entries} entries: ${seed}% from the seed documents, ${benchmark}% from published benchmarks and ${judgement}% judgement`;
    const stale = ['README.md', 'docs/model.md'].filter((f) => !read(f).replace(/\*\*/g, '').replace(/\s+/g, ' ').includes(quoted));
    expect(stale, `these should say "${quoted}"`).toEqual([]);
  });

  it('every relative link in README.md and docs/ reaches an existing file and heading', () => {
    const files = markdownFiles();
    expect(files.length).toBeGreaterThan(paths.length);
    const broken = files.flatMap((f) => brokenLinks(f, read(f)));
    expect(broken, broken.join('\n')).toEqual([]);
  });
});

describe('the docs tools themselves (so the checks above can fail)', () => {
  const path = ['calibration', 'check'];
  const help = 'Usage: imsim calibration check [options]\n\nOptions:\n  -h, --help  display help\n';

  it('a help block is written, read back, and replaced in place when the help changes', () => {
    const page = newPage(path, 'checks the table', help);
    expect(page.startsWith('# `imsim calibration check`\n\nChecks the table.\n')).toBe(true);
    expect(helpOnPage(page, path)).toBe(help);
    expect(helpOnPage(page, ['calibration'])).toBeUndefined();
    const changed = withHelp(`${page}\nafter\n`, path, help.replace('display help', 'show help'));
    expect(helpOnPage(changed, path)).toContain('show help');
    expect(changed.endsWith('\nafter\n')).toBe(true);
    expect(changed.split(helpBlock(path, help.replace('display help', 'show help'))).length).toBe(2);
  });

  it('a page without a block gets one under its first paragraph', () => {
    const text = '# `imsim calibration check`\n\nWhat it does.\n\n```\n$ imsim calibration check\nok\n```\n';
    const out = withHelp(text, path, help);
    expect(out.indexOf('What it does.')).toBeLessThan(out.indexOf('<!-- help:'));
    expect(out.indexOf('<!-- end of help -->')).toBeLessThan(out.indexOf('$ imsim calibration check\nok'));
    expect(hasExample(out, path)).toBe(true);
    expect(hasExample(newPage(path, 'x', help), path)).toBe(false);
  });

  it('an example must be of the page’s own command, in a code block', () => {
    expect(hasExample('```\n$ imsim calibration\n```\n', path)).toBe(false);
    expect(hasExample('$ imsim calibration check\n', path)).toBe(false);
    expect(hasExample('```\n$ imsim calibration check --seed 2\n```\n', path)).toBe(true);
  });

  it('anchors follow GitHub: punctuation dropped, repeats numbered', () => {
    expect(slug('The CSV schema')).toBe('the-csv-schema');
    expect(slug('What `validate` warns about')).toBe('what-validate-warns-about');
    expect(slug('Organizations, named profiles and assessment')).toBe('organizations-named-profiles-and-assessment');
    expect([...anchors('# A\n## Notes\n```\n# not a heading\n```\n## Notes\n')]).toEqual(['a', 'notes', 'notes-1']);
  });

  it('a link to a missing file, or to a heading its file lacks, is named with file and line; web links are left alone', () => {
    const text = 'See [the table](docs/calibration.md#bounds) and [gone](docs/nowhere.md).\n\n[bad anchor](docs/outputs.md#no-such-heading) [web](https://example.org/x) `[code](not/a/link.md)`\n';
    expect(brokenLinks('README.md', text)).toEqual([
      'README.md:1 docs/nowhere.md: no such file',
      'README.md:3 docs/outputs.md#no-such-heading: docs/outputs.md has no heading #no-such-heading',
    ]);
    expect(brokenLinks('docs/commands/run.md', '[up](../../../outside.md)\n')).toEqual(['docs/commands/run.md:1 ../../../outside.md: points outside the repository']);
  });
});
