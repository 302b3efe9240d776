// The command reference under docs/commands/ and the checks that keep the docs honest.
// `npm run docs` (scripts/docs.ts) writes each command's real `--help`, taken from the
// built CLI, between markers on its page; test/docs/docs.test.ts fails when a command has
// no page, a page's help block is not the real `--help`, the README grows past its
// length, or a link in README.md or docs/ points at a file or heading that does not exist.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'imsim');
export const COMMANDS_DIR = 'docs/commands';
/** The README is a front door, not a manual: past this the reference belongs in docs/. */
export const README_MAX_LINES = 250;

/** Every command a user can run, subcommands included (`calibration check`, `new scenario`), in --help order. */
export function commandPaths(program: Command): string[][] {
  const out: string[][] = [];
  const walk = (c: Command, prefix: string[]) => {
    for (const sub of c.commands) {
      const path = [...prefix, sub.name()];
      out.push(path);
      walk(sub, path);
    }
  };
  walk(program, []);
  return out;
}

/** The page of a command, relative to the repository: docs/commands/calibration-check.md. */
export const pageOf = (path: readonly string[]): string => `${COMMANDS_DIR}/${path.join('-')}.md`;

/**
 * The command's `--help` exactly as a user sees it in a pipe: the built CLI in a child
 * process with a clean environment (no TTY, so commander wraps at 80 columns; NO_COLOR).
 */
export function realHelp(path: readonly string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...path, '--help'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' },
  });
  if (r.status !== 0) throw new Error(`imsim ${path.join(' ')} --help exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const begin = (path: readonly string[]) => `<!-- help: imsim ${path.join(' ')} --help (written by npm run docs from the built CLI; do not edit) -->`;
const END = '<!-- end of help -->';

/** The block between the markers: the help as a shell transcript in a fenced block. */
export function helpBlock(path: readonly string[], help: string): string {
  return `${begin(path)}\n\`\`\`\n$ imsim ${path.join(' ')} --help\n${help.replace(/\n*$/, '\n')}\`\`\`\n${END}`;
}

/** The help text a page holds for the command, or undefined when the page has no block for it. */
export function helpOnPage(text: string, path: readonly string[]): string | undefined {
  const start = text.indexOf(begin(path));
  if (start < 0) return undefined;
  const end = text.indexOf(END, start);
  if (end < 0) return undefined;
  const block = text.slice(start, end + END.length);
  const m = /^[^\n]*\n```\n\$ [^\n]*\n([\s\S]*?)```\n<!-- end of help -->$/.exec(block);
  return m?.[1];
}

/**
 * The page with its help block replaced by the current help; a page with no block gets one
 * under its first paragraph, where a reader looks for usage.
 */
export function withHelp(text: string, path: readonly string[], help: string): string {
  const block = helpBlock(path, help);
  const start = text.indexOf(begin(path));
  if (start >= 0) {
    const end = text.indexOf(END, start);
    if (end < 0) throw new Error(`${pageOf(path)}: the help block opens but never ends (${END})`);
    return text.slice(0, start) + block + text.slice(end + END.length);
  }
  const para = text.search(/\n\n(?!#)[^\n]+[\s\S]*?\n\n/);
  const at = para < 0 ? text.length : text.indexOf('\n\n', para + 2) + 1;
  return `${text.slice(0, at)}\n${block}\n${text.slice(at)}`;
}

/** A page for a command that has none yet: its description and help; the examples are the author's to write. */
export function newPage(path: readonly string[], description: string, help: string): string {
  const sentence = description.replace(/\s*$/, '');
  return `# \`imsim ${path.join(' ')}\`\n\n${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.\n\n${helpBlock(path, help)}\n`;
}

/** Does the page show the command run, with its output: a `$ imsim PATH` line in a fenced block outside the help? */
export function hasExample(text: string, path: readonly string[]): boolean {
  const start = text.indexOf(begin(path));
  const end = start < 0 ? -1 : text.indexOf(END, start);
  const outside = start < 0 || end < 0 ? text : text.slice(0, start) + text.slice(end + END.length);
  const prompt = `$ imsim ${path.join(' ')}`;
  let inFence = false;
  for (const line of outside.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    else if (inFence && (line === prompt || line.startsWith(`${prompt} `))) return true;
  }
  return false;
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a Markdown file offers: one per heading, repeats numbered as GitHub does. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let inFence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const m = !inFence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

export interface Link {
  line: number;
  target: string;
}

/** The Markdown links of a text (inline `[x](target)`), outside fenced and inline code. */
export function links(text: string): Link[] {
  const out: Link[] = [];
  let inFence = false;
  text.split('\n').forEach((raw, i) => {
    if (raw.startsWith('```')) inFence = !inFence;
    if (inFence) return;
    const line = raw.replace(/`[^`]*`/g, '``');
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ line: i + 1, target: m[1]! });
  });
  return out;
}

/**
 * The broken links of one Markdown file (path relative to the repository): a relative link
 * to a file or folder that does not exist, or to a heading its target does not have. Web
 * links are left alone: the checks run offline.
 */
export function brokenLinks(file: string, text: string, root = ROOT): string[] {
  const problems: string[] = [];
  for (const { line, target } of links(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
    const abs = pathPart === '' ? join(root, file) : resolve(root, dirname(file), decodeURIComponent(pathPart));
    const shown = `${file}:${line} ${target}`;
    if (relative(root, abs).startsWith('..')) {
      problems.push(`${shown}: points outside the repository`);
      continue;
    }
    if (!existsSync(abs)) {
      problems.push(`${shown}: no such file`);
      continue;
    }
    if (anchor !== undefined && abs.endsWith('.md') && !anchors(readFileSync(abs, 'utf8')).has(anchor)) {
      problems.push(`${shown}: ${relative(root, abs)} has no heading #${anchor}`);
    }
  }
  return problems;
}

/** README.md and every Markdown file under docs/, relative to the repository. */
export function markdownFiles(root = ROOT): string[] {
  const out = ['README.md'];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk('docs');
  return out;
}
