// Levels, domains and the crosswalk of level names across the source frameworks.
// Pure data: the rest of imsim reads it; nothing here reads anything else.

export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

export const DOMAINS = ['change', 'config', 'observability', 'serviceDesk', 'secOps'] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_TITLES: Record<Domain, string> = {
  change: 'change management',
  config: 'configuration management (CMDB)',
  observability: 'observability',
  serviceDesk: 'service desk',
  secOps: 'security operations (SOC, detection and response)',
};

export function isLevel(n: unknown): n is Level {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;
}

export function isDomain(s: string): s is Domain {
  return (DOMAINS as readonly string[]).includes(s);
}

/** A source framework's name for each of our five levels. */
export interface Framework {
  /** Seed file prefix, e.g. `000`. */
  seed: string;
  title: string;
  /** Section of the seed the names come from. */
  section: string;
  names: Record<Level, string>;
}

/**
 * The four frameworks of the seed documents mapped onto one 1..5 scale.
 * 004 has four notional levels; its fourth ("cultural") covers our 4 and 5.
 */
export const CROSSWALK: readonly Framework[] = [
  {
    seed: '000',
    title: 'Operational Resilience Framework (infrastructure)',
    section: 'Level 1..5 headings and the summary matrix',
    names: {
      1: 'Reactive (wild west)',
      2: 'Structured (siloed, doc-heavy)',
      3: 'Standardized (unified operations)',
      4: 'Resilient (statistical observability)',
      5: 'Proactive Security (continuous optimization)',
    },
  },
  {
    seed: '001',
    title: 'Incident management capability maturity model',
    section: 'Key Stages / The Five Levels of Maturity',
    names: { 1: 'Initial', 2: 'Repeatable', 3: 'Defined', 4: 'Managed', 5: 'Optimized' },
  },
  {
    seed: '003',
    title: 'MSSP partnership maturity model',
    section: 'Level 1..5 headings',
    names: {
      1: 'Reactive (ticket-based response)',
      2: 'Managed (service-led operations)',
      3: 'Integrated (shared defense)',
      4: 'Optimized (continuous security engineering)',
      5: 'Proactive Security (business-aligned resilience)',
    },
  },
  {
    seed: '004',
    title: 'Notional process maturity for operational resiliency',
    section: '4.3.1 to 4.3.4',
    names: { 1: 'lack of process', 2: 'partial process', 3: 'formal process', 4: 'cultural', 5: 'cultural' },
  },
];

/** imsim's own short label for a level, used in tables. */
export const LEVEL_LABELS: Record<Level, string> = {
  1: 'reactive',
  2: 'structured',
  3: 'standardized',
  4: 'measured',
  5: 'autonomous',
};

export interface LevelNote {
  text: string;
  /** Seed file and section the note paraphrases. */
  source: string;
}

/** One line per level and domain: what an organization at that level has. */
export const LEVEL_NOTES: Record<Domain, Record<Level, LevelNote>> = {
  change: {
    1: { text: 'Engineers change production live; no request, review or record exists.', source: '000 Level 1, Attributes' },
    2: { text: 'Changes are reviewed by hand and logged per team in spreadsheets; patching follows fixed windows.', source: '000 Level 2, Attributes; 003 Level 2, Example scenario' },
    3: { text: 'One risk-based process for all teams: standard changes only notify, urgent ones take an emergency path, risky ones go to CAB.', source: '000 Level 3, Attributes and Steps to Mature' },
    4: { text: 'Deployment risk is predicted from history and CAB paperwork and back-out plans are drafted automatically.', source: '000 Level 4, Attributes' },
    5: { text: 'Changes ship through an infrastructure-as-code pipeline and are rehearsed in a sandbox first.', source: '000 Level 5, Attributes' },
  },
  config: {
    1: { text: 'No asset inventory: nobody can tell what runs where or who owns it.', source: '000 Level 1, Attributes' },
    2: { text: 'Assets live in team spreadsheets that go stale soon after they are written.', source: '000 Level 2, Attributes and Why Move On' },
    3: { text: 'Discovery keeps a dependency map, and tickets show the asset and its recent changes.', source: '000 Level 3, Attributes and Steps to Mature; 003 Level 3, Example scenario' },
    4: { text: 'The live map flags drift and unmapped assets the moment they appear.', source: '000 Level 4, Attributes' },
    5: { text: 'Dependencies sync both ways with the deployment pipeline, ephemeral assets included.', source: '000 Level 5, Attributes and Steps to Maintain' },
  },
  observability: {
    1: { text: 'Up/down pings on core devices are all there is.', source: '000 Level 1, Attributes' },
    2: { text: 'Resource and performance logs from core systems, read in separate consoles.', source: '000 Level 2, Attributes' },
    3: { text: 'Unified telemetry with baseline thresholds; alerts open tickets by themselves.', source: '000 Level 3, Attributes and Steps to Mature' },
    4: { text: 'Statistical baselines flag anomalies before users feel them.', source: '000 Level 4, Attributes and Example scenario' },
    5: { text: 'Closed-loop automation detects degradation and repairs it without people.', source: '000 Level 5, Attributes and Example scenario' },
  },
  serviceDesk: {
    1: { text: 'Best effort: reports arrive by chat or e-mail, leave no trail, and nights are uncovered.', source: '000 Level 1, Attributes' },
    2: { text: 'Structured queues per team with SLAs, but teams share no context, so tickets bounce.', source: '000 Level 2, Attributes; 003 Level 2, Attributes' },
    3: { text: 'One repeatable workflow and escalation path on every shift; problems managed apart from incidents.', source: '000 Level 3, Attributes and Steps to Mature' },
    4: { text: 'Related incidents are grouped under problems automatically and triage is assisted.', source: '000 Level 4, Attributes and Steps to Mature' },
    5: { text: 'Self-service automation remediates before anyone needs to open a ticket.', source: '000 Level 5, Attributes and Steps to Maintain' },
  },
  secOps: {
    1: { text: 'The provider turns alerts into tickets; internal teams get to them when they can.', source: '003 Level 1, Attributes and Example scenario' },
    2: { text: 'Tiered analysts on a central SIEM with response SLAs; tools and queues still siloed.', source: '003 Level 2, SOC focus and Attributes' },
    3: { text: 'One view across endpoint, identity and infrastructure; tested playbooks contain threats quickly.', source: '003 Level 3, SOC focus and Attributes' },
    4: { text: 'Risk scoring around crown-jewel assets and scripted response for repeatable actions.', source: '003 Level 4, SOC focus and Attributes' },
    5: { text: 'Autonomous detection tied to business risk; containment coordinated across teams at once.', source: '003 Level 5, SOC focus and Example scenario' },
  },
};
