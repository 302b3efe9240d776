// Costs belong to services and say where they come from: the scenario's own cost per hour
// of full outage, an organization's service in its place, or the calibration's
// whole-enterprise average as the last resort; a story with no outage costs only its
// attacker stages.
import { describe, expect, it } from 'vitest';
import { defaultCalibration } from '../../src/calibration/index.js';
import { shipped as loadScenario } from '../support/scenarios.js';
import { uniformProfile } from '../../src/model/index.js';
import { serviceCost, serviceShare } from '../../src/stats/index.js';
import { imsim } from '../support/cli.js';

const cal = defaultCalibration();
const p1 = uniformProfile(1);

describe('serviceCost', () => {
  const db = loadScenario('db-plugin-cpu-spike', cal);

  it('takes the scenario\'s cost per hour of full outage, spread over the service\'s share of the business', () => {
    const c = serviceCost(db, cal, p1);
    expect(c.from).toBe('scenario');
    expect(c.perHour).toBe(db.service.costPerHour);
    expect(c.perImpactMinute * 60 * serviceShare(db)).toBeCloseTo(c.perHour, 6);
    expect(c.source).toMatch(/ITIC 2024/);
  });

  it('an organization\'s service replaces it, and the source names the organization', () => {
    const c = serviceCost(db, cal, p1, { org: 'Example', service: 'ERP', costPerHour: 90_000, costSource: 'judgement: test' });
    expect(c).toMatchObject({ from: 'organization', perHour: 90_000 });
    expect(c.source).toMatch(/^organization Example, service ERP: judgement: test/);
  });

  it('without a cost of its own, the calibration\'s whole-enterprise average, scaled to the share', () => {
    const bare = { ...db, service: { name: db.service.name, impact: 0.5, standby: false } };
    const c = serviceCost(bare, cal, p1);
    expect(c.from).toBe('calibration');
    expect(c.perImpactMinute).toBe(5600);
    expect(c.perHour).toBe(5600 * 60 * 0.5);
    expect(c.source).toMatch(/Gartner/);
  });

  it('a story with no outage costs only its attacker stages', () => {
    const c = serviceCost(loadScenario('suspicious-login-2am', cal), cal, p1);
    expect(c).toMatchObject({ from: 'none', perImpactMinute: 0 });
  });

  it('every shipped scenario that takes a service down gives its own cost with a source', () => {
    for (const id of ['db-plugin-cpu-spike', 'branch-network-degradation', 'new-app-environment', 'san-controller-latency', 'regional-transfer-surge', 'server-offline-change-window', 'ransomware-file-servers', 'extended-ddos-storefront']) {
      const s = loadScenario(id, cal);
      expect(serviceCost(s, cal, p1).from, id).toBe('scenario');
      expect(s.service.costSource, id).toMatch(/^(judgement|seed|benchmark)|ITIC|Gartner/);
    }
  });
});

describe('imsim compare says where a cost comes from', () => {
  it('the scenario\'s own, or the organization\'s with --org', () => {
    const own = imsim(['compare', 'branch-network-degradation', '--profiles', '1', '--runs', '20']);
    expect(own.stdout).toMatch(/cost: \$5k per hour of full outage of the .* \(scenario: judgement/);
    const org = imsim(['compare', 'branch-network-degradation', '--profiles', '1', '--runs', '20', '--org', 'midsize']);
    expect(org.stdout).toMatch(/cost: \$26k per hour of full outage of the .* \(organization Mid-size distributor \(example\), service Branch network/);
    const doc = JSON.parse(imsim(['compare', 'branch-network-degradation', '--profiles', '1', '--runs', '20', '--json']).stdout);
    expect(doc.results[0]).toMatchObject({ costPerHour: 5000 });
    expect(doc.results[0].costSource).toMatch(/^scenario: judgement/);
  });
});
