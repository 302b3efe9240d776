// The questionnaire: one question per capability, filed under the domain and level that
// has it in the seed documents (000's attributes, steps and matrix per level for the
// infrastructure domains; 003's SOC focus for security operations; 002's baseline
// checklist for the foundations under all of them). Paraphrased, with the section cited.
import type { Domain, Level } from '../model/index.js';

export const ANSWERS = ['yes', 'partly', 'no'] as const;
/** yes: in place and used; partly: started, or in some teams only; no: not there. */
export type Answer = (typeof ANSWERS)[number];

export interface Question {
  /** `domain.capability`, or `baseline.item`: how an answers file names it. */
  id: string;
  /** The domain it scores, or `baseline` for 002's checklist (foundations under every domain). */
  domain: Domain | 'baseline';
  /** The level this capability belongs to (2..5); baseline items have none. */
  level?: Exclude<Level, 1>;
  /** The question, answered yes, partly or no. */
  text: string;
  /** Seed file and section the capability comes from. */
  source: string;
}

/** What a domain at level 1 rests on: nothing to ask, the seed that describes the starting point. */
export const LEVEL_ONE_SOURCE: Record<Domain, string> = {
  change: '000 Level 1, Attributes',
  config: '000 Level 1, Attributes',
  observability: '000 Level 1, Attributes',
  serviceDesk: '000 Level 1, Attributes',
  secOps: '003 Level 1, SOC focus and Attributes',
};

export const QUESTIONS: readonly Question[] = [
  // ---- change management (000) ---------------------------------------------------------
  { id: 'change.recordedRequests', domain: 'change', level: 2, text: 'Does every change to production start from a recorded request, so nobody edits a live system without a ticket?', source: '000 Level 1, Steps to Mature (Change Management)' },
  { id: 'change.manualReview', domain: 'change', level: 2, text: 'Is each change reviewed by someone other than its author before it goes live, even if by hand and tracked in documents or spreadsheets?', source: '000 Level 2, Attributes; 000 summary matrix' },
  { id: 'change.ownersAndChecklists', domain: 'change', level: 3, text: 'Does every change have a named owner, and do teams test before and after implementing with a standard checklist?', source: '000 Level 2, Steps to Mature (Change Management)' },
  { id: 'change.riskBased', domain: 'change', level: 3, text: 'Is there one change process for every department, in which low-risk standard changes only notify and a change board reviews the risky ones with test and back-out plans?', source: '000 Level 3, Attributes and Steps to Mature; 000 summary matrix' },
  { id: 'change.predictiveRisk', domain: 'change', level: 4, text: "Is a change's risk scored from the history of past changes and incidents, with the board's paperwork and back-out plans drafted automatically?", source: '000 Level 4, Attributes; 000 summary matrix' },
  { id: 'change.pipeline', domain: 'change', level: 5, text: 'Do infrastructure changes ship as code through an automated pipeline that rehearses them in an isolated copy before production?', source: '000 Level 4, Steps to Mature; 000 Level 5, Attributes' },
  { id: 'change.policyAsCode', domain: 'change', level: 5, text: 'Does that pipeline refuse a deployment that breaks a performance or security policy (compliance checks written as code)?', source: '000 Level 5, Steps to Maintain and Evolve' },

  // ---- configuration management (000) --------------------------------------------------
  { id: 'config.inventory', domain: 'config', level: 2, text: 'Is there a list of the live servers with their addresses and owners, even a spreadsheet kept by hand?', source: '000 Level 1, Steps to Mature (Config); 002 Baseline checklist' },
  { id: 'config.owners', domain: 'config', level: 2, text: 'Does every production service and every privileged account have a named owner?', source: '002 Baseline checklist' },
  { id: 'config.centralDatabase', domain: 'config', level: 3, text: "Have the teams' separate lists been merged into one configuration database that everyone queries as the source of truth?", source: '000 Level 2, Steps to Mature (Config)' },
  { id: 'config.discovery', domain: 'config', level: 3, text: 'Does discovery find new devices by itself and map which components depend on which?', source: '000 Level 3, Attributes; 000 summary matrix' },
  { id: 'config.ticketLink', domain: 'config', level: 3, text: 'Do incident and change tickets show the affected asset, its owner and its recent changes, for the help desk and the security team alike?', source: '003 Level 3, Infrastructure focus and Example scenario; 000 Level 3, Steps to Mature (Config)' },
  { id: 'config.driftTelemetry', domain: 'config', level: 4, text: 'Does the configuration database take live telemetry and flag unmapped or non-compliant assets and configuration drift as it happens?', source: '000 Level 4, Attributes; 000 summary matrix' },
  { id: 'config.pipelineSync', domain: 'config', level: 5, text: 'Is the configuration database kept in step both ways with the deployment pipelines, so short-lived assets are recorded and retired automatically?', source: '000 Level 5, Attributes and Steps to Maintain and Evolve' },
  { id: 'config.isolateDrift', domain: 'config', level: 5, text: 'Is unauthorized configuration drift isolated automatically the moment it is detected?', source: '000 Level 4, Steps to Mature (Config)' },

  // ---- observability (000) -------------------------------------------------------------
  { id: 'observability.agents', domain: 'observability', level: 2, text: 'Do the critical servers run monitoring agents that track CPU, memory and disk, beyond ping checks?', source: '000 Level 1, Steps to Mature (Observability); 000 Level 2, Attributes' },
  { id: 'observability.availability', domain: 'observability', level: 2, text: 'Do monitoring tools show in real time whether each core system is up or down?', source: '000 Level 2, Steps to Mature (Observability); 000 summary matrix' },
  { id: 'observability.unified', domain: 'observability', level: 3, text: 'Is the status telemetry of all infrastructure and systems brought together in one place across the enterprise?', source: '000 Level 3, Attributes; 000 summary matrix' },
  { id: 'observability.baselines', domain: 'observability', level: 3, text: 'Are there baseline thresholds on performance metrics, so degradation alerts before it becomes an outage?', source: '000 Level 3, Steps to Mature (Observability)' },
  { id: 'observability.alertTickets', domain: 'observability', level: 3, text: 'Do monitoring alerts open service desk tickets by themselves, with the noise suppressed during scheduled changes?', source: '000 Level 3, Steps to Mature (Service Desk)' },
  { id: 'observability.statistical', domain: 'observability', level: 4, text: 'Do statistical baselines and trend analysis flag anomalies before users feel them?', source: '000 Level 4, Attributes and Example scenario; 000 summary matrix' },
  { id: 'observability.closedLoop', domain: 'observability', level: 5, text: 'Does automation detect degradation and repair it without a person (closed loop, self-healing)?', source: '000 Level 5, Attributes and Example scenario; 000 summary matrix' },
  { id: 'observability.failoverSimulation', domain: 'observability', level: 5, text: 'Are failover scenarios simulated from historical performance baselines?', source: '000 Level 4, Steps to Mature (Observability)' },

  // ---- service desk (000) --------------------------------------------------------------
  { id: 'serviceDesk.singleChannel', domain: 'serviceDesk', level: 2, text: 'Do all technical issues come in through one help desk queue, rather than chats and e-mails to engineers?', source: '000 Level 1, Steps to Mature (Service Desk)' },
  { id: 'serviceDesk.severities', domain: 'serviceDesk', level: 2, text: 'Are there written severity definitions and an incident channel everyone knows?', source: '002 Baseline checklist; 000 Level 2, Attributes' },
  { id: 'serviceDesk.escalationPath', domain: 'serviceDesk', level: 3, text: 'Is there a standard escalation path from front-line triage to second- and third-line engineers?', source: '000 Level 2, Steps to Mature (Service Desk); 002 Baseline checklist' },
  { id: 'serviceDesk.everyShift', domain: 'serviceDesk', level: 3, text: 'Does every shift, nights and weekends included, follow the same workflow and escalation?', source: '000 Level 3, Attributes' },
  { id: 'serviceDesk.problemManagement', domain: 'serviceDesk', level: 3, text: 'Is problem management run apart from incident management, tracking the root causes of recurring outages?', source: '000 Level 3, Steps to Mature (Service Desk)' },
  { id: 'serviceDesk.problemGrouping', domain: 'serviceDesk', level: 4, text: 'Are related incidents grouped under problem records automatically, from telemetry, before engineers spot the pattern?', source: '000 Level 4, Attributes; 000 summary matrix' },
  { id: 'serviceDesk.assistedTriage', domain: 'serviceDesk', level: 4, text: 'Do triage bots categorize incoming tickets and route the frequent kinds?', source: '000 Level 4, Steps to Mature (Service Desk)' },
  { id: 'serviceDesk.selfService', domain: 'serviceDesk', level: 5, text: 'Do self-service bots fix common problems, some before the user would have opened a ticket?', source: '000 Level 5, Attributes and Steps to Maintain and Evolve; 000 summary matrix' },

  // ---- security operations (003, 002) --------------------------------------------------
  { id: 'secOps.ownership', domain: 'secOps', level: 2, text: 'Is it written down who detects, who escalates and who contains (a RACI between your teams and any provider), and what the provider monitors?', source: '003 Level 1, Steps to mature; 003 Level 2, Attributes' },
  { id: 'secOps.centralSiem', domain: 'secOps', level: 2, text: 'Are logs from identity, cloud, applications and databases normalized in one central SIEM?', source: '003 Level 2, SOC focus; 002 Capability areas (Detection and response)' },
  { id: 'secOps.tiersAndSla', domain: 'secOps', level: 2, text: 'Are analysts organized in tiers, with response SLAs and documented playbooks?', source: '003 Level 2, SOC focus and Attributes' },
  { id: 'secOps.unifiedView', domain: 'secOps', level: 3, text: 'Do analysts work from one view combining endpoint, identity and infrastructure data?', source: '003 Level 3, SOC focus' },
  { id: 'secOps.sharedPlaybooks', domain: 'secOps', level: 3, text: 'Are response playbooks shared with IT and tested, for example in tabletop exercises at least twice a year?', source: '003 Level 3, Attributes; 003 Level 2, Steps to mature; 002 Capability areas (Detection and response)' },
  { id: 'secOps.threatIntel', domain: 'secOps', level: 3, text: 'Does threat intelligence, and the lessons of real incidents, change detection rules and defences?', source: '003 Level 3, Attributes' },
  { id: 'secOps.riskScoring', domain: 'secOps', level: 4, text: 'Is threat level scored continuously around the crown-jewel assets, from threat intelligence, vulnerability data and SIEM correlation?', source: '003 Level 4, SOC focus' },
  { id: 'secOps.scriptedResponse', domain: 'secOps', level: 4, text: 'Do scripted automations carry out repeatable response actions, with outcome metrics such as MTTD and MTTR tracked?', source: '003 Level 4, Attributes' },
  { id: 'secOps.businessRisk', domain: 'secOps', level: 5, text: 'Is security telemetry correlated with financial risk models, so threats are weighed in business terms?', source: '003 Level 5, SOC focus and Attributes' },
  { id: 'secOps.coordinatedContainment', domain: 'secOps', level: 5, text: 'Do security, IT and infrastructure contain an attack together at once, with leadership weighing business impact alongside?', source: '003 Level 5, Example scenario' },

  // ---- 002's baseline checklist: foundations under every domain --------------------------
  { id: 'baseline.mfa', domain: 'baseline', text: 'Is single sign-on with multi-factor authentication enforced for cloud consoles, CI/CD, source control, monitoring and secrets, with no shared admin accounts?', source: '002 Baseline checklist' },
  { id: 'baseline.secretScanning', domain: 'baseline', text: 'Are repositories scanned for secrets, with dependency alerts switched on?', source: '002 Baseline checklist' },
  { id: 'baseline.restoreTested', domain: 'baseline', text: 'Have backups been verified by restoring at least one representative system?', source: '002 Baseline checklist' },
  { id: 'baseline.evidence', domain: 'baseline', text: 'Is it documented where the evidence of access reviews, deployments, backups and incidents is kept?', source: '002 Baseline checklist' },
];

export const QUESTION_IDS = QUESTIONS.map((q) => q.id);

/** A domain's questions at one level. */
export function questionsAt(domain: Domain, level: Level): Question[] {
  return QUESTIONS.filter((q) => q.domain === domain && q.level === level);
}
