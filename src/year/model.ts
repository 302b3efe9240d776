// An organization file's content as the simulator's world takes it (OrgModel): schedules
// as Schedule objects, routing as team tables, rates a minute, every template's scenario
// on the organization's own service, a change scenario per service and kind, plus what
// the year's figures need beside the world: costs, tolerances and service levels.
import { Parameters, type Calibration } from '../calibration/index.js';
import { uniformProfile } from '../model/index.js';
import { MINUTES_PER_WEEK, MINUTES_PER_YEAR, type Organization, type Service } from '../org/index.js';
import { MINUTES_PER_HOUR, REQUEST_PRIORITY } from '../sim/constants.js';
import { Schedule } from '../sim/resources/index.js';
import { routineChangeScenario } from '../scenario/routine-change.js';
import type { Scenario } from '../sim/scenario.js';
import { WORK_ACTIVITIES, type OrgModel, type TeamTable } from '../sim/world/index.js';

/**
 * Minutes from a page to the on-call person starting work: the 15-minute acknowledgement
 * target of 003 Level 2, Example scenario, taken as the pool's typical response.
 */
export const ON_CALL_RESPONSE_MINUTES = 15;

/**
 * Service levels an incident is held to, by priority: P1 is an urgent incident (a
 * security alert, enough of the business hit to page someone, or a declared major
 * incident), P2 any other. Clocks start when the incident is detected (a ticket exists).
 */
export interface ServiceLevel {
  priority: 'P1' | 'P2';
  ackMinutes: number;
  restoreMinutes: number;
  source: string;
}

export const SERVICE_LEVELS: readonly ServiceLevel[] = [
  {
    priority: 'P1',
    ackMinutes: 15,
    restoreMinutes: 4 * MINUTES_PER_HOUR,
    source: 'acknowledgement: 003 Level 2, Example scenario (15-minute SLA); restore: judgement, the four hours common in P1 resolution targets of IT service contracts',
  },
  {
    priority: 'P2',
    ackMinutes: MINUTES_PER_HOUR,
    restoreMinutes: 24 * MINUTES_PER_HOUR,
    source: 'judgement: one hour to acknowledge and one day to restore, the usual next tier below P1 in service desk SLAs',
  },
];

/** What the year's figures read beside the world. */
export interface YearModel {
  org: Organization;
  world: OrgModel;
  /** Dollars per impact-minute, by service (index as OrgModel.services). */
  costPerMinute: number[];
  toleranceMinutes: number[];
  /** Causes in the order results list them: each incident and attack template, then failed changes. */
  causes: string[];
  /** Per team: staff always on duty if the schedule never changes (else undefined), and its load from `work` templates alone. */
  teamLoad: { staff: number | undefined; arrivalsPerHour: number; meanWorkMinutes: number; workOnly: boolean }[];
}

/** The cause name of incidents raised by failed routine changes. */
export const FAILED_CHANGE = 'failed-change';

function scheduleOf(blocks: Organization['teams'][number]['schedule']): Schedule {
  return new Schedule(blocks.map((b) => ({ from: b.start, staff: b.staff })));
}

/** The scenario as it happens at the organization: on its service (the template's impact, the service's standby). */
function onService(s: Scenario, svc: Service): Scenario {
  return { ...s, service: { ...s.service, name: svc.name, standby: svc.standby } };
}

function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let run = 0;
  return weights.map((w, i) => (i === weights.length - 1 ? 1 : (run += w) / total));
}

export function yearModel(org: Organization, calibration: Calibration): YearModel {
  const serviceIndex = new Map(org.services.map((s, i) => [s.id, i]));
  const teamIndex = new Map(org.teams.map((t, i) => [t.id, i]));
  const tableOf = (teams: Record<string, string>): TeamTable => WORK_ACTIVITIES.map((a) => teamIndex.get(teams[a]!)!);
  const routed = (service: string): TeamTable => WORK_ACTIVITIES.map((a) => teamIndex.get(org.routing[a][service]!)!);
  const stories: OrgModel['stories'][number][] = [];
  const work: OrgModel['work'][number][] = [];
  for (const t of org.workload.templates) {
    if (t.kind === 'work') work.push({ id: t.id, team: teamIndex.get(t.team)!, perMinute: t.perYear / MINUTES_PER_YEAR, meanWorkMinutes: t.meanWorkMinutes });
    else {
      const svc = org.services[serviceIndex.get(t.service)!]!;
      stories.push({ id: t.id, kind: t.kind, scenario: onService(t.scenario, svc), service: serviceIndex.get(t.service)!, perMinute: t.perYear / MINUTES_PER_YEAR, teams: tableOf(t.teams) });
    }
  }
  const ch = org.workload.changes;
  const kinds = Object.keys(ch.mix);
  // The share of a service a routine failed change hits: the calibration's (the same at every level).
  const impact = new Parameters(calibration, uniformProfile(1)).value('workload.impact');
  const targetShares = cumulative(ch.targets.map((t) => t.share));
  const world: OrgModel = {
    id: org.id,
    teams: org.teams.map((t) => ({
      id: t.id,
      schedule: scheduleOf(t.schedule),
      ...(t.onCall ? { onCall: { staff: t.onCall.staff, responseMinutes: ON_CALL_RESPONSE_MINUTES, pagesAtOrBelow: REQUEST_PRIORITY.urgent } } : {}),
    })),
    services: org.services.map((s) => s.id),
    stories,
    work,
    ...(ch.perWeek > 0 && ch.targets.length > 0
      ? {
          changes: {
            perMinute: ch.perWeek / MINUTES_PER_WEEK,
            kinds,
            kindUpTo: cumulative(kinds.map((k) => ch.mix[k]!)),
            targets: ch.targets.map((t, i) => {
              const svc = org.services[serviceIndex.get(t.service)!]!;
              const teams = routed(t.service).slice();
              teams[WORK_ACTIVITIES.indexOf('implement')] = teamIndex.get(t.implement)!;
              teams[WORK_ACTIVITIES.indexOf('authorize')] = teamIndex.get(t.authorize)!;
              return { service: serviceIndex.get(t.service)!, upTo: targetShares[i]!, teams, scenarios: kinds.map((k) => routineChangeScenario(k, { id: svc.id, name: svc.name, impact, standby: svc.standby }, 'the organization change workload')) };
            }),
          },
        }
      : {}),
    calendar: {
      dayStart: org.calendar.dayStart,
      dayEnd: org.calendar.dayEnd,
      windowDay: org.calendar.windowDay,
      windowStart: org.calendar.windowStart,
      windowHours: org.calendar.windowHours,
    },
    horizon: MINUTES_PER_YEAR,
  };
  const causes = [...stories.map((s) => s.id), ...(world.changes ? [FAILED_CHANGE] : [])];
  const teamLoad = org.teams.map((t, i) => {
    const mine = work.filter((w) => w.team === i);
    const perHour = mine.reduce((a, w) => a + w.perMinute * MINUTES_PER_HOUR, 0);
    const meanWork = perHour > 0 ? mine.reduce((a, w) => a + w.perMinute * MINUTES_PER_HOUR * w.meanWorkMinutes, 0) / perHour : 0;
    const staffs = new Set(t.schedule.map((b) => b.staff));
    const fedByStories = stories.some((s) => s.teams.includes(i)) || (world.changes?.targets.some((c) => c.teams.includes(i)) ?? false);
    return { staff: staffs.size === 1 ? t.schedule[0]!.staff : undefined, arrivalsPerHour: perHour, meanWorkMinutes: meanWork, workOnly: !fedByStories };
  });
  return {
    org,
    world,
    costPerMinute: org.services.map((s) => s.costPerHour / MINUTES_PER_HOUR),
    toleranceMinutes: org.services.map((s) => s.toleranceMinutes),
    causes,
    teamLoad,
  };
}
