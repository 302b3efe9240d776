// What the container image and the Kubernetes manifest need, checked without Docker or a
// cluster: everything the Dockerfile copies exists in the repository, the image is
// node:20-slim and runs as a non-root user, the manifest parses, and every imsim command
// and flag it runs is one the CLI accepts (read from the real CLI's --help).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { imsim, ROOT } from '../support/cli.js';

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const lines = dockerfile.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));

describe('Dockerfile', () => {
  it('builds from node:20-slim and runs as a non-root user', () => {
    const froms = lines.filter((l) => l.startsWith('FROM '));
    expect(froms.length).toBeGreaterThan(0);
    for (const f of froms) expect(f).toMatch(/^FROM node:20-slim\b/);
    const users = lines.filter((l) => l.startsWith('USER '));
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/USER (root|0)\b/);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/npm run build/);
  });

  it('copies only what the repository has', () => {
    const sources = lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from=')).flatMap((l) => l.replace(/^COPY\s+/, '').split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(3);
    for (const s of sources) expect(existsSync(join(ROOT, s)), `COPY ${s}: not in the repository`).toBe(true);
    // What the compiled CLI reads at run time is in the final stage.
    for (const needed of ['/app/dist', '/app/scenarios', '/app/node_modules', '/app/bin']) expect(dockerfile).toContain(`COPY --from=build ${needed}`);
  });
});

/** Every `imsim <command> ...` the manifest runs, with the flags it passes. */
function commandsOf(manifest: string): { command: string; flags: string[] }[] {
  const docs = parseAllDocuments(manifest).map((d) => {
    expect(d.errors, 'docs/k8s-sweep.yaml parses').toEqual([]);
    return d.toJS();
  });
  const out: { command: string; flags: string[] }[] = [];
  for (const doc of docs) {
    for (const c of doc?.spec?.template?.spec?.containers ?? []) {
      expect(c.image).toMatch(/imsim:/);
      const script = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
      for (const m of script.matchAll(/imsim\s+(\w+)([^&;]*)/g)) out.push({ command: m[1]!, flags: [...m[2]!.matchAll(/(--[a-z-]+)/g)].map((f) => f[1]!) });
    }
  }
  return out;
}

describe('docs/k8s-sweep.yaml', () => {
  const manifest = readFileSync(join(ROOT, 'docs/k8s-sweep.yaml'), 'utf8');
  const commands = commandsOf(manifest);

  it('runs a sharded sweep, a sharded year and their merges', () => {
    expect(commands.map((c) => c.command).sort()).toEqual(['merge', 'merge', 'merge', 'merge', 'sweep', 'year']);
    for (const c of commands.filter((x) => x.command === 'sweep' || x.command === 'year')) {
      expect(c.flags).toContain('--shard');
      expect(c.flags).toContain('--out');
    }
    expect(manifest).toContain('"${JOB_COMPLETION_INDEX}/${SHARDS}"');
    expect(manifest).toMatch(/completionMode: Indexed/);
  });

  it('uses only commands and flags the CLI accepts', () => {
    for (const { command, flags } of commands) {
      const help = imsim([command, '--help']);
      expect(help.code, `imsim ${command} --help`).toBe(0);
      for (const f of flags) expect(help.stdout, `imsim ${command} has no ${f}`).toContain(f);
    }
  });

  it('points to the Dockerfile and docs/k8s.md, which exist', () => {
    expect(manifest).toMatch(/Dockerfile/);
    expect(manifest).toContain('docs/k8s.md');
    expect(existsSync(join(ROOT, 'docs/k8s.md'))).toBe(true);
    expect(manifest).not.toContain('docs/readme/');
  });
});
