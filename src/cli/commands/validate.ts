import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { parseAnswers, QUESTIONS } from '../../assess/index.js';
import { parseOrganization } from '../../org/index.js';
import { checkScenario } from '../../scenario/index.js';
import { UserError, formatProblems, type Problem } from '../../util/index.js';
import { readText } from '../inputs.js';
import { loadCalibration } from '../load.js';
import { scenarioLoader } from '../org.js';
import { json, type Out } from '../output.js';

/**
 * Files to check: each argument, or the YAML files inside a directory argument. A folder
 * with none is marked, so that checking nothing does not pass for checking it.
 */
function expand(paths: readonly string[]): { file: string; emptyFolder?: true }[] {
  return paths.flatMap((p) => {
    try {
      if (statSync(p).isDirectory()) {
        const files = readdirSync(p).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => ({ file: join(p, f) }));
        return files.length ? files : [{ file: p, emptyFolder: true as const }];
      }
    } catch {
      // missing files are reported by readText below
    }
    return [{ file: p }];
  });
}

/**
 * What a file is, by its top-level keys: an organization has `workload` or `teams`, an
 * assessment's answers file has `answers`; anything else is checked as a scenario
 * (whose messages then say what it lacks).
 */
function kindOf(text: string): 'scenario' | 'organization' | 'answers' {
  const contents = parseDocument(text).contents;
  const keys = isMap(contents) ? contents.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : [];
  if (keys.includes('workload') || keys.includes('teams')) return 'organization';
  return keys.includes('answers') ? 'answers' : 'scenario';
}

export function runValidate(out: Out, files: string[], opts: { json?: boolean; calibration?: string }): number {
  const cal = loadCalibration(opts.calibration);
  const report: { file: string; ok: boolean; kind?: string; id?: string; summary?: string; problems: Problem[]; warnings: Problem[] }[] = [];
  for (const { file, emptyFolder } of expand(files)) {
    if (emptyFolder) {
      report.push({ file, ok: false, problems: [{ file, message: 'no scenario files (.yaml or .yml) in this folder' }], warnings: [] });
      continue;
    }
    try {
      const text = readText(file);
      const kind = kindOf(text);
      if (kind === 'answers') {
        const a = parseAnswers(text, file);
        report.push({ file, ok: true, kind, summary: `assessment answers: ${a.answers.size} of ${QUESTIONS.length} questions answered`, problems: [], warnings: [] });
      } else if (kind === 'organization') {
        const o = parseOrganization(text, file, cal, scenarioLoader(cal));
        const n = (k: number, noun: string) => `${k} ${noun}${k === 1 ? '' : 's'}`;
        const summary = `organization ${o.id}: ${n(o.services.length, 'service')}, ${n(o.teams.length, 'team')}, ${n(o.workload.templates.length, 'template')}; profiles ${o.profiles.map((p) => p.name).join(', ')}`;
        report.push({ file, ok: true, kind: 'organization', id: o.id, summary, problems: [], warnings: [] });
      } else {
        const { scenario, warnings } = checkScenario(text, file, cal);
        report.push({ file, ok: true, kind: 'scenario', id: scenario.id, problems: [], warnings });
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      report.push({ file, ok: false, problems: e.problems, warnings: [] });
    }
  }
  const failed = report.filter((r) => !r.ok);
  if (opts.json) out.write(json(report));
  else {
    for (const r of report) if (r.ok) out.write(`ok  ${r.file} (${r.summary ?? r.id})${r.warnings.length ? `, ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}` : ''}\n`);
    // Warnings leave a file valid (exit 0): things the author may have meant, named where they are.
    for (const r of report) for (const w of r.warnings) process.stderr.write(`warning: ${formatProblems([w])}\n`);
    for (const r of failed) process.stderr.write(`${formatProblems(r.problems)}\n`);
    if (failed.length) process.stderr.write(`${failed.length} of ${report.length} files have problems\n`);
  }
  return failed.length ? 2 : 0;
}
