// Two views of one story. The facilitator sees the whole log. The players see what the
// organization could know at that moment:
// - nothing of the incident before it is detected (no onset, no fault phase, no business
//   impact, no attacker): the first thing they see is the signal that reaches someone;
// - the cause only once someone finds it (a threat confirmed, the cause or the causing
//   change found, a known problem matched): from then on the attacker's stages (those
//   before it too, as the investigation found them), the fault's phases and the change
//   behind the fault; until then the change that caused the fault stays hidden;
// - never a report the organization lost (it does not know it lost it).
// Injects and decisions are seen by everyone (an inject that presumes something waits for
// it in the engine).
import type { LogEntry } from '../sim/log.js';
import type { Scenario } from '../sim/scenario.js';

export type View = 'players' | 'facilitator';
export const VIEWS: readonly View[] = ['players', 'facilitator'];

/** Incident events after which the organization knows what it is facing. */
export const DIAGNOSIS_EVENTS: ReadonlySet<string> = new Set(['THREAT_CONFIRMED', 'CAUSE_FOUND', 'CHANGE_IDENTIFIED', 'CHANGE_CORRELATED', 'PROBLEM_MATCHED']);

/** What the organization knows by the end of `log`. */
export interface Knowledge {
  /** When the incident was first detected. */
  detected?: number;
  /** When its cause was first found. */
  diagnosed?: number;
}

export function knowledgeOf(log: readonly LogEntry[]): Knowledge {
  const k: Knowledge = {};
  for (const e of log) {
    if (e.kind !== 'step' || e.machine !== 'incident') continue;
    if (k.detected === undefined && e.tags.includes('detected')) k.detected = e.t;
    if (k.diagnosed === undefined && DIAGNOSIS_EVENTS.has(e.event)) k.diagnosed = e.t;
  }
  return k;
}

/**
 * The entries a view shows when the display clock has reached the end of `seen` (the
 * log up to now). The players' view depends on what is known *now*: a stage that
 * happened unseen appears once the cause is found.
 */
export function shown(view: View, seen: readonly LogEntry[], scenario: Scenario): LogEntry[] {
  if (view === 'facilitator') return [...seen];
  const k = knowledgeOf(seen);
  const detected = k.detected !== undefined;
  const diagnosed = k.diagnosed !== undefined;
  const causingChange = scenario.change?.role === 'cause';
  let changeRun = -1;
  return seen.filter((e) => {
    switch (e.kind) {
      case 'start':
        if (e.machine === 'change') changeRun++;
        return e.machine === 'change' ? !(causingChange && changeRun === 0) || diagnosed : false;
      case 'step':
        if (e.machine === 'change') return !(causingChange && changeRun === 0) || diagnosed;
        return e.event !== 'TICKET_LOST';
      case 'impact':
        return detected;
      case 'phase':
      case 'stage':
        return diagnosed;
      case 'inject':
      case 'decision':
        return true;
    }
  });
}

/** What the status line may say: the business impact now (undefined: nothing known yet) and the attacker's stages known so far. */
export function statusLine(view: View, seen: readonly LogEntry[]): { impact?: number; attacker: string[]; known: boolean } {
  const k = knowledgeOf(seen);
  const all = view === 'facilitator';
  let impact = 0;
  const attacker: string[] = [];
  for (const e of seen) {
    if (e.kind === 'impact') impact = e.impact;
    else if (e.kind === 'stage' && e.happened) attacker.push(e.id);
  }
  const detected = all || k.detected !== undefined;
  const diagnosed = all || k.diagnosed !== undefined;
  return { ...(detected ? { impact } : {}), attacker: diagnosed ? attacker : [], known: diagnosed };
}

/** The incident's state as the view may show it (players: none before detection). */
export function incidentStateOf(view: View, seen: readonly LogEntry[]): string | undefined {
  let state: string | undefined;
  for (const e of seen) {
    if (e.kind === 'start' && e.machine === 'incident') state = e.state;
    else if (e.kind === 'step' && e.machine === 'incident') state = e.to;
  }
  if (view === 'players' && knowledgeOf(seen).detected === undefined) return undefined;
  return state;
}
