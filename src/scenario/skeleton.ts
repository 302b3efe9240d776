// `imsim new scenario`: a commented starting point with every part of the format, the
// exercise plan included, that validates as written (a test runs it through `validate`).
// The numbers in it are placeholders to replace; each says so and what it means.

export type SkeletonKind = 'security' | 'operational';

export function scenarioSkeleton(id: string, kind: SkeletonKind): string {
  const story =
    kind === 'security'
      ? `kind: security
onset: Tue 02:00                  # weekday and time the attack starts (virtual minute 0)
service:
  name: customer records          # what the business would lose
  impact: 0                       # share of the business out of service (an intrusion takes nothing offline)
attack:
  signals: [intrusion, external]  # what the attack makes observable at its start (see docs/scenario-format.md)
  stages:                         # each happens after its delay unless the attacker is contained first
    - id: lateralMovement
      label: the attacker moves from the first host to others
      after: {param: attacker.breakoutTime}       # a calibration parameter, drawn at the profile's level
      flag: lateralMovement
      signals: [intrusion, anomaly]
    - id: exfiltration
      label: data leaves the network
      after: {lognormal90: [30, 600], why: "replace: your source for how long staging and transfer take"}
      flag: exfiltration
      loss: breach                # the calibrated cost of a breach`
      : `kind: operational
onset: Mon 22:00                  # weekday and time the fault starts (virtual minute 0)
service:
  name: customer database         # what the business loses while it is down
  impact: 0.6                     # share of the business affected at full impact (0..1)
  standby: true                   # a standby exists to fail over to
fault:
  phases:                         # the first starts at the onset; later ones need after
    - name: the database slows down
      impact: 0.2
      signals: [saturation]       # what makes it observable (see docs/scenario-format.md)
    - name: the database drops connections
      after: {lognormal90: [20, 240], why: "replace: your source for how fast it gets worse"}
      impact: 0.6
      signals: [users, down]`;

  const decision =
    kind === 'security'
      ? `decisions:
  # Where the room decides: an incident state (\`imsim machines incident\` lists them) and
  # options, each an event that state takes. Prompts are templates like inject texts.
  - id: contain
    at: respond.containing
    team: soc
    prompt: At {time} the intrusion is confirmed. How does the SOC contain it?
    options:
      - id: isolate
        label: Isolate the affected hosts from the SOC console
        event: CONTAINED
        requires: {secOps: 3}     # greyed out below this level, with why
        why: isolating hosts from one console needs secOps level 3
      - id: disable
        label: Disable the compromised account
        event: CONTAINED
        after: {lognormal90: [10, 90], why: "replace: how long finding and disabling the account takes"}`
      : `decisions:
  # Where the room decides: an incident state (\`imsim machines incident\` lists them) and
  # options, each an event that state takes. Prompts are templates like inject texts.
  - id: restore
    at: respond.remediating
    team: operations
    prompt: It is {time} and {impact} of the business is affected. How do you restore the {service}?
    options:
      - {id: fix, label: Fix the database in place, event: FIX_APPLIED}
      - id: failover
        label: Fail over to the standby
        event: FAILOVER_DONE      # open only where the service has a standby (service.standby)
        after: {lognormal90: [5, 30], why: "replace: how long a failover takes here"}`;

  const firstTeam = kind === 'security' ? 'soc' : 'operations';
  const check = kind === 'security' ? '{tag: acknowledged}' : '{tag: acknowledged}';
  const domain = kind === 'security' ? 'secOps' : 'serviceDesk';
  return `# A scenario for imsim: one story, replayed at any maturity profile.
#   imsim validate ${id}.yaml                  check it (every problem at once, with lines)
#   imsim run ${id}.yaml --profile 1           one replication as a timeline
#   imsim tabletop ${id}.yaml --profile 1      play it as a tabletop exercise
# docs/scenario-format.md describes every field. Replace the text and the numbers: the
# ones here are placeholders that validate, not facts.
id: ${id}                          # lowercase words joined by hyphens; name the file after it
title: Replace with a one-line title
source: {seed: "000", section: "replace: the document and section the story comes from"}
toldAt: 1                         # the level the source tells the story at
anecdote: >-
  Replace with the story's point at that level, in your own words.
${story}

# Injects reach the room during the exercise: at a time (at: minutes) or when the
# simulation reaches something (when: {tag|state|event|stage|phase|inject|decision}),
# plus after: minutes. presumes: holds an inject until what its text takes as known is
# true. Texts are templates: {time} {day} {clock} {elapsed} {onset} {service} {impact}.
injects:
  - id: first-alert
    when: {tag: detected}         # the moment the organization learns of it
    to: [${firstTeam}]                    # team ids from exercise.teams
    text: At {time} the first alert about the ${kind === 'security' ? 'intrusion' : '{service}'} reaches the ${firstTeam === 'soc' ? 'SOC' : 'operations team'}.
    expect:                       # what the team should do, scored 0..100 by the facilitator
      - id: acknowledge
        text: Acknowledge the alert and name who owns the response
        score: 80                 # expected score: at or above is a success, 0 failed, between partial
        within: 30                # simulated minutes allowed after the inject
        who: one                  # one member meeting it is enough (all: every member must)
        domain: ${domain}            # the maturity domain it exercises, for the improvement plan
        check: ${check}   # optional: what the simulation shows when it is met
  - id: leadership-call
    when: {tag: acknowledged}
    after: 30
    to: [leadership]
    text: "{elapsed} after the onset, leadership asks what to tell customers."
    expect:
      - id: brief-leadership
        text: Give leadership a first assessment and a time for the next update
        within: 60
        who: all
${decision}

# ---- the exercise plan (optional: tabletops only) ----
exercise:
  objectives:                     # each shown met or not by the expectations it lists
    - id: detect-and-own
      text: Get the alert to someone who owns the response, and keep leadership informed
      expectations: [acknowledge, brief-leadership]
  teams:                          # roles: service-desk, operations, soc, leadership, communications
    - {id: ${firstTeam}, name: ${firstTeam === 'soc' ? 'SOC' : 'Operations'}, role: ${firstTeam}}
    - id: leadership
      name: Leadership
      role: leadership
      members: [CIO, head of communications]   # for expectations every member must meet
  modules:                        # phases of the exercise, each with questions for the room
    - id: detection
      title: Detection and escalation
      questions:
        - Who would see the first sign of this, and when?
    - id: response
      title: Response and recovery
      from: {tag: acknowledged}   # when the simulation reaches this
      questions:
        - Who decides, and with what information?
  lessons:                        # the lessons-learned round at the end
    - id: detection
      title: Detection
      questions:
        - What would have shown this sooner?
    - id: coordination
      title: Coordination
      questions:
        - Where did a handover cost time?
`;
}
