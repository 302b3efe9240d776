import { WORKFLOWS, type WorkflowId } from '../../../machines/index.js';
import { describeAsMermaid, describeAsText, describeWorkflow } from '../../report/machines.js';
import { UserError, didYouMean } from '../../util/index.js';
import { profileArg } from '../inputs.js';
import { json, type Out } from '../output.js';

export function runMachines(
  out: Out,
  machine: string | undefined,
  opts: { profile: string; json?: boolean; mermaid?: boolean },
): number {
  const ids = Object.keys(WORKFLOWS) as WorkflowId[];
  if (machine !== undefined && !ids.includes(machine as WorkflowId)) {
    throw new UserError([{ flag: 'machine', message: `unknown machine "${machine}"${didYouMean(machine, ids)}; use ${ids.join(' or ')}` }]);
  }
  const profile = profileArg(opts.profile);
  const chosen = machine ? [machine as WorkflowId] : ids;
  const descriptions = chosen.map((id) => describeWorkflow(WORKFLOWS[id], profile));
  if (opts.json) out.write(json(machine ? descriptions[0] : descriptions));
  else if (opts.mermaid) out.write(`${descriptions.map(describeAsMermaid).join('\n\n')}\n`);
  else out.write(`${descriptions.map(describeAsText).join('\n\n')}\n`);
  return 0;
}
