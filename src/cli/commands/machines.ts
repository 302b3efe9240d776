import { WORKFLOWS, type WorkflowId } from '../../../machines/index.js';
import { Parameters } from '../../calibration/index.js';
import { canonicalProfile, effectiveProfile } from '../../model/index.js';
import { describeAsMermaid, describeAsText, describeWorkflow } from '../../report/machines.js';
import { UserError, didYouMean } from '../../util/index.js';
import { choiceLabel, namedProfileArg } from '../inputs.js';
import { orgProfileNames } from '../org.js';
import { loadCalibration } from '../load.js';
import { json, paint, type Out } from '../output.js';

export function runMachines(
  out: Out,
  machine: string | undefined,
  opts: { profile: string; json?: boolean; mermaid?: boolean; calibration?: string; org?: string },
): number {
  const ids = Object.keys(WORKFLOWS) as WorkflowId[];
  if (machine !== undefined && !ids.includes(machine as WorkflowId)) {
    throw new UserError([{ flag: 'machine', message: `unknown machine "${machine}"${didYouMean(machine, ids)}; use ${ids.join(' or ')}` }]);
  }
  const choice = namedProfileArg(opts.profile, '--profile', orgProfileNames(opts.org, opts.calibration));
  const nominal = choice.profile;
  // Describe what the simulator runs: the profile after "do not skip levels" caps.
  const cal = loadCalibration(opts.calibration);
  const { profile, caps } = effectiveProfile(nominal, new Parameters(cal, nominal).value('model.foundationLead'));
  const chosen = machine ? [machine as WorkflowId] : ids;
  const descriptions = chosen.map((id) => ({
    ...describeWorkflow(WORKFLOWS[id], profile),
    ...(caps.length ? { nominal: canonicalProfile(nominal), caps } : {}),
  }));
  if (opts.json) out.write(json(machine ? descriptions[0] : descriptions));
  else if (opts.mermaid) out.write(`${descriptions.map(describeAsMermaid).join('\n\n')}\n`);
  else {
    const notes = caps.map((c) =>
      paint(out, 'yellow', `note: ${c.domain}=${c.nominal} is held to ${c.effective}: it builds on ${c.because}, at ${nominal[c.because]} (do not skip levels, 002)`),
    );
    // A profile chosen by name says what it stands for first.
    const named = choice.name ? [`profile ${choiceLabel(choice, cal)}`] : [];
    out.write(`${[...named, ...notes, ...descriptions.map(describeAsText)].join('\n\n')}\n`);
  }
  return 0;
}
