import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkScenario } from '../../scenario/index.js';
import { UserError, formatProblems, type Problem } from '../../util/index.js';
import { readText } from '../inputs.js';
import { loadCalibration } from '../load.js';
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

export function runValidate(out: Out, files: string[], opts: { json?: boolean; calibration?: string }): number {
  const cal = loadCalibration(opts.calibration);
  const report: { file: string; ok: boolean; id?: string; problems: Problem[]; warnings: Problem[] }[] = [];
  for (const { file, emptyFolder } of expand(files)) {
    if (emptyFolder) {
      report.push({ file, ok: false, problems: [{ file, message: 'no scenario files (.yaml or .yml) in this folder' }], warnings: [] });
      continue;
    }
    try {
      const { scenario, warnings } = checkScenario(readText(file), file, cal);
      report.push({ file, ok: true, id: scenario.id, problems: [], warnings });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      report.push({ file, ok: false, problems: e.problems, warnings: [] });
    }
  }
  const failed = report.filter((r) => !r.ok);
  if (opts.json) out.write(json(report));
  else {
    for (const r of report) if (r.ok) out.write(`ok  ${r.file} (${r.id})${r.warnings.length ? `, ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}` : ''}\n`);
    // Warnings leave a file valid (exit 0): things the author may have meant, named where they are.
    for (const r of report) for (const w of r.warnings) process.stderr.write(`warning: ${formatProblems([w])}\n`);
    for (const r of failed) process.stderr.write(`${formatProblems(r.problems)}\n`);
    if (failed.length) process.stderr.write(`${failed.length} of ${report.length} files have problems\n`);
  }
  return failed.length ? 2 : 0;
}
