// Checking an organization file in three steps, like scenarios: the schema of each
// section (schema.ts), defaults (the calibration's calendar and change mix, the shipped
// improvement costs, a sourced cost per hour), then the rules across sections (ids,
// references, schedules, who does what). Every problem of the file is reported at once,
// each with file, line and dot-path; `--set` overrides are applied to the YAML before
// any of it, so they are checked the same way and their problems name the flag.
import { basename, dirname, extname, join } from 'node:path';
import type { z, ZodType } from 'zod';
import { crossRules, type Calibration } from '../calibration/index.js';
import type { Profile } from '../model/index.js';
import type { Scenario } from '../sim/scenario.js';
import { UserError, didYouMean, lineOf, parseYaml, zodProblems, type Path, type Problem, type YamlSource } from '../util/index.js';
import { defaultImprovementCosts, mergeImprovementCosts } from './costs.js';
import { isProfileName, readProfile, type WrittenProfile } from './profiles.js';
import { onCallSchema, organizationSchema, profileValue, rolesSchema, scenarioTemplateSchema, serviceSchema, SHALLOW, shiftSchema, teamShallow, changesSchema, workTemplateSchema } from './schema.js';
import { applySets } from './set.js';
import { describeShift, gapsOf, parseClock, parseDay, parseDays, resolveSchedule, shiftLength, staffMinutes } from './shifts.js';
import {
  ACTIVITIES,
  type Activity,
  type ChangeTarget,
  type ChangeWorkload,
  type ImprovementCosts,
  type NamedProfile,
  type OrgCalendar,
  type Organization,
  type Routing,
  type Service,
  type Shift,
  type Team,
  type Template,
} from './types.js';

/**
 * A scenario a template names: a shipped id, or a file (the path as written, resolved
 * against the organization file's folder). The loader throws a UserError when it cannot.
 */
export type ScenarioRef = { id: string } | { path: string };
export type ScenarioLoader = (ref: ScenarioRef) => Scenario;

/**
 * The cost of an hour of full outage when a service gives none. ITIC's survey is of
 * whole-firm downtime, so for one service it is a ceiling more than an estimate: give
 * each service its own figure.
 */
export const DEFAULT_COST_PER_HOUR = 300_000;
export const DEFAULT_COST_SOURCE =
  'ITIC 2024 Hourly Cost of Downtime Survey: an hour of downtime costs over $300,000 for more than 90% of mid-size and large firms (whole-firm figure; the default when a service gives none)';

/** Ids of services and teams: a lowercase letter, then letters, digits or hyphens (so `--set teams.<id>.…` reads plainly). */
const ID = /^[a-z][A-Za-z0-9-]*$/;
const MINUTES_PER_HOUR = 60;

export interface ParseOptions {
  /** `path=value` overrides (`--set`), applied to the YAML before it is checked. */
  sets?: readonly string[];
  /** The improvement cost defaults; the shipped table unless given. */
  costs?: ImprovementCosts;
}

/** A reference written as a path (has a slash or a YAML extension), not as a scenario id. */
const isPath = (ref: string) => /\.ya?ml$/i.test(ref) || ref.includes('/');

type Raw = Record<string, unknown>;
type Check = <S extends ZodType>(schema: S, value: unknown, at: Path) => z.output<S> | undefined;

/** Parses, fills defaults and checks the rules; throws one UserError listing every problem. */
export function parseOrganization(text: string, file: string, cal: Calibration, loadScenario: ScenarioLoader, opts: ParseOptions = {}): Organization {
  const src = parseYaml(text, file);
  const problems: Problem[] = [];
  const setFlags = applySets(src, opts.sets ?? [], problems);
  if (problems.length) throw new UserError(problems);
  const data = src.doc.toJS() as unknown;
  src.data = data;

  if (data === null || data === undefined) {
    throw new UserError([{ file, line: 1, message: 'the file is empty: an organization needs profiles, teams and a workload' }]);
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new UserError([{ file, line: 1, message: 'an organization file is a mapping of sections: profiles, services, teams, workload, ...' }]);
  }
  const raw = data as Raw;
  const report = (path: Path, message: string) => problems.push({ file, line: lineOf(src, path), path: path.join('.'), message });
  const anchors = new Map<Problem, number>();

  // ---- step 1: the schema, section by section and entry by entry -----------------------
  const check = <S extends ZodType>(schema: S, value: unknown, at: Path): z.output<S> | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    problems.push(...zodProblems(src, r.error.issues, organizationSchema, at));
    return undefined;
  };
  const known = Object.keys(SHALLOW);
  for (const key of Object.keys(raw)) if (!known.includes(key)) report([key], `unknown section${didYouMean(key, known)}; sections are ${known.join(', ')}`);
  const sections: Partial<{ [K in keyof typeof SHALLOW]: z.output<(typeof SHALLOW)[K]> }> = {};
  for (const key of known as (keyof typeof SHALLOW)[]) {
    if (raw[key] === undefined && !SHALLOW[key].safeParse(undefined).success) report([key], 'missing: a required section');
    else (sections as Raw)[key] = check(SHALLOW[key], raw[key], [key]);
  }
  /** The entries of a mapping section that pass their schema; `complete` when all of them do. */
  const each = <S extends ZodType>(section: Raw | undefined, schema: S, at: string) => {
    const ok: Record<string, z.output<S>> = {};
    for (const [k, v] of Object.entries(section ?? {})) {
      const e = check(schema, v, [at, k]);
      if (e !== undefined) ok[k] = e;
    }
    return { ok, complete: section !== undefined && Object.keys(ok).length === Object.keys(section).length };
  };
  const writtenProfiles = each(sections.profiles, profileValue, 'profiles');
  const writtenServices = each(sections.services, serviceSchema, 'services');
  const writtenTeams = each(sections.teams, teamShallow, 'teams');
  let shiftsComplete = true;
  let rolesComplete = true;
  const teamsIn = Object.fromEntries(
    Object.entries(writtenTeams.ok).map(([id, t]) => {
      const shifts = t.shifts.flatMap((sh, i) => {
        const ok = check(shiftSchema, sh, ['teams', id, 'shifts', i]);
        if (ok === undefined) shiftsComplete = false;
        return ok === undefined ? [] : [{ ...ok, index: i }];
      });
      const onCall = check(onCallSchema, t.onCall, ['teams', id, 'onCall']);
      const roles = check(rolesSchema.default({}), t.roles, ['teams', id, 'roles']);
      if (roles === undefined) rolesComplete = false;
      return [id, { name: t.name, shifts, onCall, roles: roles ?? {} }];
    }),
  );

  // ---- steps 2 and 3: defaults and rules, on every entry that passed --------------------
  // Ids come from the file's keys even where an entry is broken, so a reference to it is
  // not reported a second time as unknown.
  const serviceIds = Object.keys(sections.services ?? (raw.services as Raw | undefined) ?? {});
  const teamIds = Object.keys(sections.teams ?? (raw.teams as Raw | undefined) ?? {});
  const profiles = sections.profiles ? checkProfiles(writtenProfiles.ok as Record<string, WrittenProfile>, Object.keys(sections.profiles).length, report) : [];
  const services = checkServices(writtenServices.ok, report);
  if (sections.teams && teamIds.length === 0) report(['teams'], 'name at least one team: someone has to do the work');
  const teams = checkTeams(teamsIn, serviceIds, report);
  // Who does what is decided over every service and team; with one of them broken it would only repeat its problem.
  const routing = writtenServices.complete && writtenTeams.complete && rolesComplete ? route(teams, services, report) : undefined;
  const workload = sections.workload ? checkWorkload(sections.workload, { src, file, cal, loadScenario, serviceIds, teamIds, routing, report, problems, anchors, check }) : undefined;
  const calendar = checkCalendar(sections.calendar, cal, report);
  if (workload && shiftsComplete) checkStaffed(teams, routing, workload.templates, workload.changes, report);
  const improvementCosts = mergeImprovementCosts(opts.costs ?? defaultImprovementCosts(), sections.improvementCosts as Parameters<typeof mergeImprovementCosts>[1]);

  if (problems.length) {
    // In file order; a scenario file's own problems right after the template that names it.
    const at = (p: Problem) => anchors.get(p) ?? (p.file === file ? p.line ?? 0 : Number.MAX_SAFE_INTEGER);
    throw new UserError(setFlags([...problems].sort((a, b) => at(a) - at(b))));
  }
  const id = basename(file, extname(file));
  return {
    id,
    file,
    name: sections.name ?? id,
    ...(sections.description ? { description: sections.description } : {}),
    profiles,
    services,
    teams,
    routing: routing!,
    workload: workload!,
    calendar,
    improvementCosts,
  };
}

type Report = (path: Path, message: string) => void;

function checkProfiles(written: Record<string, WrittenProfile>, count: number, report: Report): NamedProfile[] {
  const out: NamedProfile[] = [];
  if (count === 0) report(['profiles'], 'name at least one profile, e.g. today: 2 (the first is the baseline)');
  for (const [name, value] of Object.entries(written)) {
    if (!isProfileName(name)) {
      report(['profiles', name], `"${name}" cannot name a profile: a name starts with a lowercase letter, then letters, digits, - or _ (so it never reads as levels)`);
      continue;
    }
    const p = readProfile(value as WrittenProfile);
    if (typeof p === 'string') report(['profiles', name], p);
    else out.push({ name, profile: p });
  }
  return out;
}

function checkServices(written: Record<string, z.output<typeof serviceSchema>>, report: Report): Service[] {
  const out: Service[] = [];
  for (const [id, s] of Object.entries(written)) {
    if (!ID.test(id)) report(['services', id], `"${id}" cannot be a service id: a lowercase letter, then letters, digits or hyphens`);
    if (s.costPerHour !== undefined && s.costSource === undefined) report(['services', id, 'costPerHour'], 'a cost needs its costSource: a published figure or "judgement: <why>"');
    if (s.costPerHour === undefined && s.costSource !== undefined) report(['services', id, 'costSource'], 'a costSource without a costPerHour: give the figure it is the source of');
    out.push({
      id,
      name: s.name,
      costPerHour: s.costPerHour ?? DEFAULT_COST_PER_HOUR,
      costSource: s.costPerHour !== undefined ? s.costSource ?? '' : DEFAULT_COST_SOURCE,
      toleranceMinutes: s.toleranceMinutes,
      standby: s.standby,
    });
  }
  return out;
}

type WrittenShift = z.output<typeof shiftSchema> & { index: number };
interface WrittenTeam {
  name: string;
  shifts: WrittenShift[];
  onCall: z.output<typeof onCallSchema>;
  roles: z.output<typeof rolesSchema>;
}

function checkTeams(written: Record<string, WrittenTeam>, serviceIds: readonly string[], report: Report): Team[] {
  const out: Team[] = [];
  for (const [id, t] of Object.entries(written)) {
    const at = ['teams', id];
    if (!ID.test(id)) report(at, `"${id}" cannot be a team id: a lowercase letter, then letters, digits or hyphens`);
    const shifts: Shift[] = [];
    const indices: number[] = [];
    t.shifts.forEach((s) => {
      const where = [...at, 'shifts', s.index];
      const days = parseDays(s.days);
      const from = parseClock(s.from);
      const to = parseClock(s.to, true);
      if (typeof days === 'string') report([...where, 'days'], days);
      if (typeof from === 'string') report([...where, 'from'], from);
      if (typeof to === 'string') report([...where, 'to'], to);
      if (typeof days === 'string' || typeof from === 'string' || typeof to === 'string') return;
      if (from === to) return report([...where, 'to'], 'a shift that ends when it starts lasts nothing (or a whole day: write 00:00 to 24:00)');
      const shift = { days, from, to, staff: s.staff };
      // Two entries with the same hours on a day are one crew written twice, not a handover.
      const twin = shifts.findIndex((o) => o.from === from && o.to === to && o.days.some((d) => days.includes(d)));
      if (twin >= 0) report(where, `same hours as shift ${indices[twin]} (${describeShift(shifts[twin]!)}) on a shared day: write one entry with their staff added`);
      shifts.push(shift);
      indices.push(s.index);
    });
    const roles = t.roles === 'all' ? Object.fromEntries(ACTIVITIES.map((a) => [a, 'all' as const])) : (t.roles as Team['roles']);
    for (const [activity, list] of Object.entries(roles)) {
      if (list === undefined || list === 'all') continue;
      const seen = new Set<string>();
      list.forEach((svc, i) => {
        if (!serviceIds.includes(svc)) report([...at, 'roles', activity, i], `unknown service "${svc}"${didYouMean(svc, serviceIds)}${serviceIds.length ? `; services are ${serviceIds.join(', ')}` : '; the file has no services'}`);
        if (seen.has(svc)) report([...at, 'roles', activity, i], `"${svc}" is listed twice`);
        seen.add(svc);
      });
    }
    const schedule = resolveSchedule(shifts);
    out.push({
      id,
      name: t.name,
      shifts,
      schedule,
      staffMinutesPerWeek: staffMinutes(schedule),
      gaps: gapsOf(schedule),
      ...(t.onCall ? { onCall: { staff: t.onCall.staff } } : {}),
      roles: Object.fromEntries(Object.entries(roles).filter(([, v]) => v !== undefined)),
    });
  }
  return out;
}

/**
 * The default team per activity and service. A team that lists a service beats one that
 * does the activity for `all` (the database team resolves the ERP; operations the rest);
 * two of the same kind for one pair is ambiguous and a problem.
 */
function route(teams: readonly Team[], services: readonly Service[], report: Report): Routing | undefined {
  const routing = Object.fromEntries(ACTIVITIES.map((a) => [a, {}])) as Routing;
  let complete = true;
  const said = new Set<string>();
  for (const activity of ACTIVITIES) {
    const missing: string[] = [];
    for (const svc of services) {
      const named = teams.filter((t) => Array.isArray(t.roles[activity]) && (t.roles[activity] as string[]).includes(svc.id));
      const all = teams.filter((t) => t.roles[activity] === 'all');
      const claim = named.length ? named : all;
      if (claim.length > 1) {
        const how = named.length ? `list ${svc.id}` : 'do it for all';
        const message = `teams ${claim.map((t) => t.id).join(' and ')} both ${how} under ${activity}: one team per activity and service (a template can pin another with teams:)`;
        if (!said.has(message)) report(['teams', claim[1]!.id, 'roles', activity], message);
        said.add(message);
        complete = false;
      } else if (claim.length === 0) missing.push(svc.id);
      else routing[activity][svc.id] = claim[0]!.id;
    }
    if (missing.length) {
      complete = false;
      report(['teams'], `no team does ${activity} for ${missing.join(', ')}: give one team roles: {${activity}: all} or a list with ${missing.length === 1 ? 'it' : 'them'}`);
    }
  }
  return complete ? routing : undefined;
}

interface WorkloadContext {
  src: YamlSource;
  file: string;
  cal: Calibration;
  loadScenario: ScenarioLoader;
  serviceIds: readonly string[];
  teamIds: readonly string[];
  routing: Routing | undefined;
  report: Report;
  problems: Problem[];
  /** Problems of other files (a template's scenario), placed at the line of the template. */
  anchors: Map<Problem, number>;
  check: Check;
}

function checkWorkload(w: z.output<(typeof SHALLOW)['workload']>, ctx: WorkloadContext): Organization['workload'] {
  const { report, serviceIds, teamIds } = ctx;
  const templates: Template[] = [];
  const ids = new Map<string, Path>();
  const cache = new Map<string, Scenario | undefined>();
  const unknownTeam = (team: string) => `unknown team "${team}"${didYouMean(team, teamIds)}; teams are ${teamIds.join(', ')}`;
  const unknownService = (svc: string) => `unknown service "${svc}"${didYouMean(svc, serviceIds)}${serviceIds.length ? `; services are ${serviceIds.join(', ')}` : '; the file has no services'}`;
  const claimId = (id: string, at: Path, hint: string) => {
    const first = ids.get(id);
    if (first) report([...at, 'id'], `template id "${id}" is already used at ${first.join('.')}: ${hint}`);
    else ids.set(id, at);
  };

  for (const list of ['incidents', 'attacks'] as const) {
    w[list].forEach((entry, i) => {
      const at: Path = ['workload', list, i];
      const t = ctx.check(scenarioTemplateSchema, entry, at);
      if (!t) return;
      const scenario = load(t.scenario, [...at, 'scenario'], ctx, cache);
      if (!serviceIds.includes(t.service)) report([...at, 'service'], unknownService(t.service));
      const pins = (t.teams ?? {}) as Partial<Record<Activity, string>>;
      for (const [activity, team] of Object.entries(pins)) if (team !== undefined && !teamIds.includes(team)) report([...at, 'teams', activity], unknownTeam(team));
      claimId(t.id ?? scenario?.id ?? t.scenario, at, 'give this entry its own id (the same story on another service, say)');
      if (!scenario) return;
      if (list === 'attacks' && scenario.kind !== 'security') report([...at, 'scenario'], `${scenario.id} is ${scenario.kind === 'operational' ? 'an operational' : 'a change'} scenario: list it under workload.incidents`);
      if (list === 'incidents' && scenario.kind === 'security') report([...at, 'scenario'], `${scenario.id} is a security scenario: list it under workload.attacks`);
      if (list === 'incidents' && scenario.change?.role === 'subject') {
        report([...at, 'scenario'], `${scenario.id} follows a change from its request: the change workload (workload.changes) makes those, and their failures become incidents`);
      }
      const routed = ctx.routing && serviceIds.includes(t.service) ? Object.fromEntries(ACTIVITIES.map((a) => [a, pins[a] ?? ctx.routing![a][t.service]!])) : undefined;
      if (!routed) return;
      templates.push({
        kind: list === 'incidents' ? 'incident' : 'attack',
        id: t.id ?? scenario.id,
        scenarioRef: t.scenario,
        scenario,
        perYear: t.perYear,
        service: t.service,
        teams: routed as Record<Activity, string>,
        line: lineOf(ctx.src, at),
      });
    });
  }
  w.work.forEach((entry, i) => {
    const at: Path = ['workload', 'work', i];
    const t = ctx.check(workTemplateSchema, entry, at);
    if (!t) return;
    claimId(t.id, at, 'give each work template its own id');
    if (!teamIds.includes(t.team)) return report([...at, 'team'], unknownTeam(t.team));
    templates.push({ kind: 'work', id: t.id, perYear: t.perYear, meanWorkMinutes: t.meanWorkMinutes, team: t.team, line: lineOf(ctx.src, at) });
  });
  const changes = w.changes === undefined ? undefined : ctx.check(changesSchema, w.changes, ['workload', 'changes']);
  return { templates, changes: checkChanges(changes, ctx) };
}

/** Loads a template's scenario once per reference; its problems are the file's problems, placed at the template. */
function load(ref: string, at: Path, ctx: WorkloadContext, cache: Map<string, Scenario | undefined>): Scenario | undefined {
  if (cache.has(ref)) return cache.get(ref);
  let scenario: Scenario | undefined;
  try {
    scenario = ctx.loadScenario(isPath(ref) ? { path: join(dirname(ctx.file), ref) } : { id: ref });
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const own = e.problems.filter((p) => p.file === undefined);
    for (const p of own) ctx.report(at, p.message);
    const inFile = e.problems.filter((p) => p.file !== undefined);
    if (inFile.length) {
      ctx.report(at, `the scenario ${ref} has ${inFile.length === 1 ? 'a problem' : `${inFile.length} problems`}:`);
      ctx.problems.push(...inFile);
      for (const p of inFile) ctx.anchors.set(p, lineOf(ctx.src, at) ?? 0);
    }
  }
  cache.set(ref, scenario);
  return scenario;
}

function checkChanges(c: z.output<typeof changesSchema> | undefined, ctx: WorkloadContext): ChangeWorkload {
  const { report, serviceIds, teamIds, cal } = ctx;
  const at: Path = ['workload', 'changes'];
  const calMix = cal.byKey.get('workload.mix')?.dist;
  const kinds = calMix?.kind === 'choice' ? Object.keys(calMix.weights) : [];
  let weights: Record<string, number> = calMix?.kind === 'choice' ? { ...calMix.weights } : {};
  if (c?.mix) {
    for (const k of Object.keys(c.mix)) if (!kinds.includes(k)) report([...at, 'mix', k], `unknown kind of change${didYouMean(k, kinds)}; kinds are ${kinds.join(', ')} (the calibration's workload.mix)`);
    if (c.mixSource === undefined) report([...at, 'mix'], 'a mix needs its mixSource: a published figure or "judgement: <why>"');
    weights = Object.fromEntries(kinds.map((k) => [k, c.mix![k] ?? 0]));
  } else if (c?.mixSource !== undefined) report([...at, 'mixSource'], 'a mixSource without a mix: give the mix it is the source of');
  const mixTotal = Object.values(weights).reduce((a, b) => a + b, 0);
  if (c?.mix && mixTotal <= 0 && Object.keys(c.mix).every((k) => kinds.includes(k))) report([...at, 'mix'], 'the weights add up to nothing: give at least one kind a weight above 0');
  const mix = Object.fromEntries(Object.entries(weights).map(([k, v]) => [k, mixTotal > 0 ? v / mixTotal : 0]));

  const perWeek = c?.perWeek ?? 0;
  const written = c?.services ?? Object.fromEntries(serviceIds.map((s) => [s, 1]));
  for (const s of Object.keys(written)) if (!serviceIds.includes(s)) report([...at, 'services', s], `unknown service${didYouMean(s, serviceIds)}; services are ${serviceIds.join(', ')}`);
  const total = Object.values(written).reduce((a, b) => a + b, 0);
  if (perWeek > 0 && total <= 0) report(c?.services ? [...at, 'services'] : ['services'], 'changes need a service to touch: give at least one service a weight above 0');
  for (const k of ['implement', 'authorize'] as const) {
    const team = c?.teams?.[k];
    if (team !== undefined && !teamIds.includes(team)) report([...at, 'teams', k], `unknown team "${team}"${didYouMean(team, teamIds)}; teams are ${teamIds.join(', ')}`);
  }
  const targets: ChangeTarget[] = [];
  if (ctx.routing) {
    for (const [service, w] of Object.entries(written)) {
      if (w <= 0 || !serviceIds.includes(service)) continue;
      targets.push({
        service,
        share: w / total,
        implement: c?.teams?.implement ?? ctx.routing.implement[service]!,
        authorize: c?.teams?.authorize ?? ctx.routing.authorize[service]!,
      });
    }
  }
  return { perWeek, mix, mixFrom: c?.mix ? 'organization' : 'calibration', targets };
}

/** A team routed work must have someone at some hour, on shift or on call, or the work would wait forever. */
function checkStaffed(teams: readonly Team[], routing: Routing | undefined, templates: readonly Template[], changes: ChangeWorkload, report: Report): void {
  const used = new Set<string>();
  for (const t of templates) {
    if (t.perYear <= 0) continue;
    if (t.kind === 'work') used.add(t.team);
    else Object.values(t.teams).forEach((id) => used.add(id));
  }
  if (changes.perWeek > 0) changes.targets.forEach((c) => (used.add(c.implement), used.add(c.authorize)));
  if (routing) for (const a of ACTIVITIES) Object.values(routing[a]).forEach((id) => used.add(id));
  for (const t of teams) {
    if (used.has(t.id) && t.staffMinutesPerWeek === 0) {
      // The on-call pool is paged for urgent work only: what waits for working hours would wait for ever.
      report(['teams', t.id], t.onCall ? 'nobody is on shift at any hour: the on-call is paged for urgent work only, so work that waits for a shift would never be done; give the team a shift' : 'nobody is on shift at any hour and there is no on-call: the work routed to this team would never be done');
    }
  }
}

function checkCalendar(c: z.output<(typeof SHALLOW)['calendar']>, cal: Calibration, report: Report): OrgCalendar {
  const fixed = (key: string) => {
    const d = cal.byKey.get(key)?.dist;
    return d?.kind === 'fixed' ? d.value : Number.NaN;
  };
  const out: OrgCalendar = {
    dayStart: fixed('calendar.businessDayStart'),
    dayEnd: fixed('calendar.businessDayEnd'),
    windowDay: fixed('calendar.changeWindowDay'),
    windowStart: fixed('calendar.changeWindowStart'),
    windowHours: fixed('calendar.changeWindowHours'),
    overridden: [],
  };
  if (c?.businessHours) {
    const from = parseClock(c.businessHours.from);
    const to = parseClock(c.businessHours.to, true);
    if (typeof from === 'string') report(['calendar', 'businessHours', 'from'], from);
    if (typeof to === 'string') report(['calendar', 'businessHours', 'to'], to);
    if (typeof from === 'number' && typeof to === 'number') {
      if (to <= from) report(['calendar', 'businessHours', 'to'], 'business hours end after they start, on the same day');
      out.dayStart = from / MINUTES_PER_HOUR;
      out.dayEnd = to / MINUTES_PER_HOUR;
      out.overridden.push('businessHours');
      // The calibration's rules for a business day hold for the organization's own
      // (at least an hour; a queued ticket's wait worked through in it: src/calibration/bounds.ts).
      const hours: Record<string, number> = { 'calendar.businessDayStart': out.dayStart, 'calendar.businessDayEnd': out.dayEnd };
      for (const rule of crossRules((k) => (k in hours ? { kind: 'fixed', value: hours[k]! } : cal.byKey.get(k)?.dist))) {
        if (to > from) report(['calendar', 'businessHours'], rule.message);
      }
    }
  }
  if (c?.changeWindow) {
    const day = parseDay(c.changeWindow.day);
    const from = parseClock(c.changeWindow.from);
    if (typeof day === 'string') report(['calendar', 'changeWindow', 'day'], day);
    if (typeof from === 'string') report(['calendar', 'changeWindow', 'from'], from);
    if (typeof day === 'number' && typeof from === 'number') {
      out.windowDay = day;
      out.windowStart = from / MINUTES_PER_HOUR;
      out.windowHours = c.changeWindow.hours;
      out.overridden.push('changeWindow');
    }
  }
  return out;
}

/** The profile named `name`, if the organization has one. */
export function namedProfile(org: Pick<Organization, 'profiles'>, name: string): Profile | undefined {
  return org.profiles.find((p) => p.name === name)?.profile;
}

/** The team that does `activity` for `service` by default (a template's own `teams` may differ: read the template's). */
export function teamFor(org: Pick<Organization, 'routing'>, activity: Activity, service: string): string {
  const team = org.routing[activity][service];
  if (team === undefined) throw new Error(`organization: no service "${service}"`);
  return team;
}

/** Minutes a week a shift covers in total (days x length x staff), for checks and docs. */
export function shiftStaffMinutes(s: Shift): number {
  return s.days.length * shiftLength(s) * s.staff;
}
