// Authoring help: decisions and injects of a scenario that no path reaches. Two checks,
// each with a precise meaning:
//
// 1. The workflow (definitive). For the scenario's incident (its facts: cause, security
//    alert, standby, self-healing, recurring; a change-caused incident both recorded and
//    not), the compiled incident workflow is built at every one of the 3,125 profiles
//    (each domain at each level; profiles with the same level rules share a table). A
//    state "no path reaches" is one that no sequence of events the workflow accepts leads
//    to, from the start, at any of them. A decision there is never asked; an inject
//    waiting for it (or for a tag or an event no reachable state has) never fires; an
//    option whose event no reachable snapshot of its state accepts is never open.
// 2. Seeded exploration (evidence, for what the workflow allows but the simulator never
//    does, such as a decision on a state that only waits). Only for what passes 1: the
//    scenario is run EXPLORE_RUNS times at each uniform level 1..5, the room's choice at
//    each decision drawn at random among the open options and the calibrated behaviour;
//    a decision never asked, or an inject never fired, in all of them is reported with
//    the number of runs.
// Both give warnings (the file stays valid): the author decides.
import seedrandom from 'seedrandom';
import { incidentWorkflow } from '../../machines/index.js';
import type { Calibration } from '../calibration/index.js';
import { DOMAINS, LEVELS, uniformProfile, type Level, type Profile } from '../model/index.js';
import { compiled, type CompiledWorkflow } from '../sim/lifecycles/compile.js';
import { simulate, type DecisionPolicy } from '../sim/engine.js';
import { conditionText, injectId, withinState } from '../sim/world/injects.js';
import { planFor } from '../sim/world/plan.js';
import type { Condition, Scenario } from '../sim/scenario.js';
import type { Path } from '../util/index.js';

/** Runs per uniform level in the seeded exploration: 5 x 40 = 200 runs, well under a second. */
export const EXPLORE_RUNS = 40;
const EXPLORE_SEED = 1;

export interface Warning {
  path: Path;
  message: string;
}

/** Everything the incident workflow can reach for one scenario, over every profile. */
export interface Reach {
  states: Set<string>;
  tags: Set<string>;
  events: Set<string>;
  /** Events accepted in some reachable snapshot of each state. */
  accepted: Map<string, Set<string>>;
  /** Profiles tried and distinct tables built, for the message. */
  tables: number;
}

function* everyProfile(): Generator<Profile> {
  const levels = LEVELS as readonly Level[];
  const idx = DOMAINS.map(() => 0);
  for (;;) {
    yield Object.fromEntries(DOMAINS.map((d, i) => [d, levels[idx[i]!]!])) as Profile;
    let k = 0;
    while (k < idx.length && ++idx[k]! === levels.length) idx[k++] = 0;
    if (k === idx.length) return;
  }
}

export function incidentReach(scenario: Scenario, cal: Calibration): Reach {
  const plan = planFor(scenario, uniformProfile(1), cal);
  const factsList = scenario.change ? [plan.incidentFacts(false), plan.incidentFacts(true)] : [plan.incidentFacts(false)];
  const tables = new Set<CompiledWorkflow>();
  for (const facts of factsList) for (const profile of everyProfile()) tables.add(compiled(incidentWorkflow, incidentWorkflow.input(profile, facts)));
  const reach: Reach = { states: new Set(), tags: new Set(), events: new Set(), accepted: new Map(), tables: tables.size };
  const events = incidentWorkflow.events;
  for (const c of tables) {
    c.stateKeys.forEach((key, n) => {
      reach.states.add(key);
      c.tagLists[n]!.forEach((t) => reach.tags.add(t));
      let set = reach.accepted.get(key);
      if (!set) reach.accepted.set(key, (set = new Set()));
      events.forEach((e, i) => {
        if (c.next[n * events.length + i]! >= 0) {
          set.add(e);
          reach.events.add(e);
        }
      });
    });
  }
  return reach;
}

/** Why no path meets a condition in the workflow, or undefined if some path may. */
function unreachable(c: Condition, reach: Reach, scenario: Scenario): string | undefined {
  if ('tag' in c && !reach.tags.has(c.tag)) return `no state tagged ${c.tag} is reachable`;
  if ('state' in c && ![...reach.states].some((k) => withinState(k, c.state))) return `${c.state} is not reachable`;
  if ('event' in c) {
    if (incidentWorkflow.events.includes(c.event)) return reach.events.has(c.event) ? undefined : `no reachable state takes ${c.event}`;
    if (!scenario.change && scenario.remediation.via !== 'change') return 'the scenario has no change workflow';
  }
  if ('decision' in c) {
    const d = scenario.decisions.find((x) => x.id === c.decision);
    if (d && !reach.states.has(d.at)) return `decision ${d.id} is never asked`;
  }
  return undefined;
}

const AT_EVERY_PROFILE = 'at any of the 3,125 profiles';

/** Warnings about decisions, options and injects that no path reaches (see the top of this file). */
export function reachWarnings(scenario: Scenario, cal: Calibration): Warning[] {
  const out: Warning[] = [];
  const reach = incidentReach(scenario, cal);
  const exploreDecisions: number[] = [];
  scenario.decisions.forEach((d, i) => {
    if (!reach.states.has(d.at)) {
      const inside = [...reach.states].filter((k) => withinState(k, d.at));
      const why = inside.length
        ? `decisions are asked in the state itself, and ${d.at} is a parent state (it holds ${inside.join(', ')})`
        : `no sequence of events the incident workflow accepts leads to ${d.at} ${AT_EVERY_PROFILE}, for this scenario's incident`;
      out.push({ path: ['decisions', i, 'at'], message: `decision "${d.id}" is never asked: ${why}` });
      return;
    }
    exploreDecisions.push(i);
    const accepted = reach.accepted.get(d.at)!;
    d.options.forEach((o, j) => {
      if (!accepted.has(o.event)) out.push({ path: ['decisions', i, 'options', j, 'event'], message: `option "${o.id}" is never open: ${d.at} never takes ${o.event} ${AT_EVERY_PROFILE}, for this scenario's incident` });
    });
  });
  const exploreInjects: number[] = [];
  scenario.injects.forEach((j, i) => {
    const why = (j.when && unreachable(j.when, reach, scenario)) ?? (j.presumes && unreachable(j.presumes, reach, scenario));
    if (why) {
      const key = j.when && unreachable(j.when, reach, scenario) ? 'when' : 'presumes';
      out.push({ path: ['injects', i, key], message: `inject "${injectId(j, i)}" never fires: it waits for ${conditionText((j[key] as Condition))}, and ${why} ${AT_EVERY_PROFILE}` });
    } else if (j.when || j.presumes) exploreInjects.push(i);
  });
  if (exploreDecisions.length || exploreInjects.length) {
    const { asked, fired } = explore(scenario, cal);
    const runs = `${EXPLORE_RUNS * LEVELS.length} seeded runs (levels 1 to 5, choices drawn at random)`;
    for (const i of exploreDecisions) {
      const d = scenario.decisions[i]!;
      if (!asked.has(d.id)) out.push({ path: ['decisions', i, 'at'], message: `decision "${d.id}" was never asked in ${runs}: the workflow can reach ${d.at}, but the simulation never decides there` });
    }
    for (const i of exploreInjects) {
      const j = scenario.injects[i]!;
      if (!fired.has(injectId(j, i))) out.push({ path: ['injects', i, j.when ? 'when' : 'presumes'], message: `inject "${injectId(j, i)}" never fired in ${runs}` });
    }
  }
  return out;
}

/** Decisions asked and injects fired over the seeded exploration. */
function explore(scenario: Scenario, cal: Calibration): { asked: Set<string>; fired: Set<string> } {
  const asked = new Set<string>();
  const fired = new Set<string>();
  for (const level of LEVELS as readonly Level[]) {
    const profile = uniformProfile(level);
    for (let r = 0; r < EXPLORE_RUNS; r++) {
      const rng = seedrandom(`explore:${scenario.id}:${level}:${r}`);
      const policy: DecisionPolicy = (req) => {
        asked.add(req.point.id);
        const open = req.options.filter((o) => o.open);
        const k = Math.floor(rng() * (open.length + 1));
        return k < open.length ? open[k]!.id : null;
      };
      const result = simulate(scenario, profile, { seed: EXPLORE_SEED, replication: r, calibration: cal, policy });
      for (const e of result.log) if (e.kind === 'inject') fired.add(e.id);
    }
  }
  return { asked, fired };
}
