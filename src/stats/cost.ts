// What a minute of a scenario's disruption costs, and where the figure comes from: the
// organization's own service (a comparison run for an organization), the scenario's
// service (its cost per hour of full outage, with its source), or, when neither gives
// one, the calibration's whole-enterprise average (Gartner's $5,600 a minute) scaled to
// the service's share of the business. Every output can say which.
import type { Calibration } from '../calibration/index.js';
import { Parameters } from '../calibration/parameters.js';
import type { Profile } from '../model/index.js';
import type { Scenario } from '../sim/scenario.js';

const MINUTES_PER_HOUR = 60;

export interface ServiceCost {
  /** Dollars per impact-minute: a minute with the whole business hit at full impact (what disruption counts). */
  perImpactMinute: number;
  /** Dollars per hour of the service's full outage. */
  perHour: number;
  /** `none`: the story never takes a service down; its cost is its attacker stages' losses. */
  from: 'organization' | 'scenario' | 'calibration' | 'none';
  /** The figure's source, as its owner wrote it. */
  source: string;
}

/** An organization's service standing in for the scenario's (`compare --org`). */
export interface OrgServiceCost {
  org: string;
  service: string;
  costPerHour: number;
  costSource: string;
}

/**
 * The share of the business a full outage of the scenario's service hits: its `impact`,
 * or for a story whose service is unhurt at the start (an attack that later takes it down)
 * the worst phase of its fault. Disruption is counted in shares of the business, so a
 * service's cost per hour is spread over its share.
 */
export function serviceShare(s: Scenario): number {
  if (s.service.impact > 0) return s.service.impact;
  const worst = Math.max(0, ...(s.fault?.phases.map((p) => p.impact) ?? []));
  return worst > 0 ? worst : 1;
}

export function serviceCost(s: Scenario, cal: Calibration, profile: Profile, org?: OrgServiceCost): ServiceCost {
  if (s.service.impact === 0 && !s.fault) {
    return { perImpactMinute: 0, perHour: 0, from: 'none', source: 'no service outage in this story: its cost is the loss of the attacker stages that happen (calibration cost.breachLoss)' };
  }
  const share = serviceShare(s);
  if (org) {
    return {
      perImpactMinute: org.costPerHour / MINUTES_PER_HOUR / share,
      perHour: org.costPerHour,
      from: 'organization',
      source: `organization ${org.org}, service ${org.service}: ${org.costSource}`,
    };
  }
  const own = s.service;
  if (own.costPerHour !== undefined) {
    return { perImpactMinute: own.costPerHour / MINUTES_PER_HOUR / share, perHour: own.costPerHour, from: 'scenario', source: `scenario: ${own.costSource ?? 'no source given'}` };
  }
  if (own.costPerMinute !== undefined) {
    return { perImpactMinute: own.costPerMinute, perHour: own.costPerMinute * MINUTES_PER_HOUR * share, from: 'scenario', source: 'scenario: costPerMinute of full business impact, no source given' };
  }
  const perMinute = new Parameters(cal, profile).value('cost.perMinute');
  const entry = cal.byKey.get('cost.perMinute');
  return {
    perImpactMinute: perMinute,
    perHour: perMinute * MINUTES_PER_HOUR * share,
    from: 'calibration',
    source: `calibration cost.perMinute, an average over whole enterprises scaled to the service's share of the business (${entry?.source.text ?? 'no source'})`,
  };
}
