// The live view of `imsim year`: years done of total, each profile's running mean loss and
// downtime with their intervals, the paired change, and each team's load, all read from
// the YearResult it is given (it computes nothing).
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { YearView } from '../../src/tui/year/view.js';
import { addYears, runYears, YearAccumulator, yearFrame, yearPlan, yearResult } from '../../src/year/index.js';
import { orgText, parseOrg } from '../support/orgs.js';

describe('the year live view', () => {
  const cal = defaultCalibration();
  const org = parseOrg(orgText('midsize'), 'scenarios/orgs/midsize.yaml');
  const plan = yearPlan(org, cal, org.profiles, 12, 0);
  const frame = yearFrame(plan);
  const acc = new YearAccumulator(plan.profiles.length, plan.layout.size);
  addYears(acc, runYears(plan, 0, 2));
  const result = yearResult(frame, acc);

  it('seed 12, 2 of 8 years: the bar, each profile with its loss and downtime intervals, the change, the teams', () => {
    const { lastFrame } = render(<YearView frame={frame} total={8} done={2} elapsedMs={4000} result={result} />);
    const f = lastFrame()!;
    expect(f).toContain('imsim year Mid-size distributor (example), seed 12');
    expect(f).toContain(`${'█'.repeat(8)}${'░'.repeat(22)} 2/8 years  0.5 years/s`);
    expect(f).toMatch(/today\s+loss \$[\d.]+M \[\$[\d.]+M, \$[\d.]+M\]\s+downtime [\d.]+ h \[/);
    expect(f).toMatch(/target\s+loss /);
    expect(f).toMatch(/change against today: loss -?\$[\d.]+[Mk] \[/);
    expect(f).toContain('busy: serviceDesk');
  });

  it('before the first year is in: the bar alone', () => {
    const { lastFrame } = render(<YearView frame={frame} total={8} done={0} elapsedMs={0} result={undefined} />);
    expect(lastFrame()).toContain('0/8 years');
    expect(lastFrame()).not.toContain('loss');
  });
});
