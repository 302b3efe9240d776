// `imsim new scenario`: prints (or writes, never over an existing file) a commented
// scenario skeleton that `imsim validate` accepts.
import { existsSync } from 'node:fs';
import { scenarioSkeleton, type SkeletonKind } from '../../scenario/skeleton.js';
import { outputTarget, UserError, writeOutput } from '../../util/index.js';
import type { Out } from '../output.js';

export interface NewScenarioOpts {
  out?: string;
  id: string;
  kind: string;
}

export function runNewScenario(out: Out, opts: NewScenarioOpts): number {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(opts.id)) throw new UserError([{ flag: '--id', message: `"${opts.id}" is not an id: lowercase words joined by hyphens` }]);
  if (opts.kind !== 'security' && opts.kind !== 'operational') throw new UserError([{ flag: '--kind', message: `"${opts.kind}" is not a kind: security or operational` }]);
  const text = scenarioSkeleton(opts.id, opts.kind as SkeletonKind);
  if (opts.out === undefined) {
    out.write(text);
    return 0;
  }
  const target = outputTarget(opts.out, '--out');
  if (existsSync(opts.out)) throw new UserError([{ flag: '--out', file: opts.out, message: 'already exists: imsim new never overwrites a file' }]);
  writeOutput(target, text, (t) => void process.stderr.write(`imsim: ${t}\n`));
  process.stderr.write(`imsim: wrote ${opts.out}; check it with: imsim validate ${opts.out}\n`);
  return 0;
}
