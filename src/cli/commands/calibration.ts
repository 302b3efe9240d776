import { DOMAINS, isLevel } from '../../model/index.js';
import { WORLD_AREAS } from '../../calibration/index.js';
import { calibrationJson, calibrationMarkdown, calibrationText } from '../../report/calibration.js';
import { UserError, didYouMean } from '../../util/index.js';
import { intArg } from '../inputs.js';
import { loadCalibration } from '../load.js';
import { json, type Out } from '../output.js';

export interface CalibrationOpts {
  json?: boolean;
  markdown?: boolean;
  domain?: string;
  level?: string;
  calibration?: string;
}

export function runCalibration(out: Out, opts: CalibrationOpts): number {
  if (opts.json && opts.markdown) throw new UserError([{ flag: '--json', message: 'choose --json or --markdown' }]);
  const areas = [...DOMAINS, ...WORLD_AREAS];
  if (opts.domain && !areas.includes(opts.domain as never)) {
    throw new UserError([{ flag: '--domain', message: `unknown domain "${opts.domain}"${didYouMean(opts.domain, areas)}; use one of ${areas.join(', ')}` }]);
  }
  const level = opts.level === undefined ? undefined : intArg(opts.level, '--level', 1, 5);
  if (level !== undefined && !isLevel(level)) throw new UserError([{ flag: '--level', message: 'a level is 1 to 5' }]);
  const cal = loadCalibration(opts.calibration);
  const filter = { ...(opts.domain ? { domain: opts.domain } : {}), ...(level ? { level } : {}) };
  if (opts.markdown) {
    if (opts.domain || level) throw new UserError([{ flag: '--markdown', message: 'the Markdown document covers the whole table; drop --domain and --level' }]);
    out.write(calibrationMarkdown(cal));
  } else if (opts.json) out.write(json(calibrationJson(cal, filter)));
  else out.write(`${calibrationText(cal, filter)}\n`);
  return 0;
}
