// The tabletop screen: holds the facilitator state (the room's decisions, the
// facilitator's record, the view on show and the display clock) and maps keys to its
// actions; everything it shows comes from the replay function it is given, and the
// after-action review from `afterAction`. Real time only paces the display; the story is
// the engine's, fixed by the seed and the decisions.
// This folder holds the tabletop's components, one per file. They may import ink, react,
// @inkjs/ui, ../theme, model, report, src/tabletop and types from sim; never the engine
// itself (it comes in as `replay`), files or the CLI.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import { canonicalProfile } from '../../model/index.js';
import { duration, timelineRows } from '../../report/timeline.js';
import type { AfterAction } from '../../tabletop/after-action.js';
import { expectationStates, moduleAt } from '../../tabletop/exercise.js';
import { createReducer, initialState, openExpectations, phase, recordOf, seen, sharedDisplay, SPEEDS, visible, type Notebook, type SharedDisplay } from '../../tabletop/facilitator.js';
import type { SessionRecord } from '../../tabletop/record.js';
import { promptText, type Play, type Setup } from '../../tabletop/session.js';
import { incidentStateOf, statusLine, type View } from '../../tabletop/views.js';
import { KeyBar } from '../KeyBar.js';
import { useTint } from '../theme.js';
import { AfterActionView, exerciseLines } from './AfterActionView.js';
import { DecisionPanel } from './DecisionPanel.js';
import { ExpectationsPane } from './ExpectationsPane.js';
import { Header } from './Header.js';
import { IncidentPath } from './IncidentPath.js';
import { InjectBanner } from './InjectBanner.js';
import { LessonsPane } from './LessonsPane.js';
import { ModuleBanner } from './ModuleBanner.js';
import { StatusLine } from './StatusLine.js';
import { TextPrompt } from './TextPrompt.js';
import { TimelinePane } from './TimelinePane.js';

export interface TabletopAppProps {
  setup: Setup;
  /** The engine, replaying the scenario with the room's choices. */
  replay: (choices: readonly string[]) => Play;
  afterAction: (play: Play, record: SessionRecord) => AfterAction;
  /** A resumed session: its decisions are replayed, its scores, notes and lessons kept. */
  resume?: SessionRecord;
  /** The view on screen at the start. */
  view?: View;
  /** Called whenever the record changes (a decision, a score, a note, a lesson): the session file follows it. */
  onChange?: (record: SessionRecord) => void;
  /** Called each time the exercise's review changes at its end; may return a line to show (where the report went). */
  onEnd?: (aa: AfterAction) => string | undefined;
  /** Called when the facilitator has confirmed the quit, with whether the exercise had ended and the record. */
  onExit?: (ended: boolean, record: SessionRecord) => void;
  /** Where the session is written on quitting, for the confirmation line. */
  saveTo?: string;
  /** Called whenever what a second terminal shows changes (decisions, record, clock): `--share` sends it. */
  onDisplay?: (display: SharedDisplay) => void;
  /**
   * Follow another terminal's exercise (`--follow`): the display comes from it, the keys
   * here only switch the view and stop following.
   */
  follow?: { subscribe(listener: (d: SharedDisplay | 'closed') => void): () => void };
  /** Milliseconds between clock ticks while running. */
  tickMs?: number;
  /** Show how long the room has been at it (real time; off in tests). */
  roomClock?: boolean;
  /** The name the profile was chosen by (`today`): the header's first line shows it instead of the levels. */
  profileName?: string;
  /** The profile in full for a screen (`today = change=2,...`, `... · delivers change=3`): the header's second line opens with it. */
  profileLabel?: string;
}

const speedText = (m: number) => (m < 60 ? `${m} min/s` : `${m / 60} h/s`);

const mmss = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

export function TabletopApp({ setup, replay, afterAction, resume, view, onChange, onEnd, onExit, saveTo, onDisplay, follow, tickMs = 100, roomClock = true, profileName, profileLabel }: TabletopAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const tint = useTint();
  const reduce = useMemo(() => createReducer(replay), [replay]);
  const [state, dispatch] = useReducer(reduce, undefined, () => {
    const { choices, ...notebook } = resume ?? { choices: [] };
    return initialState(replay(choices), { ...(view ? { view } : {}), ...(resume ? { notebook: notebook as Notebook } : {}) });
  });
  const [roomSeconds, setRoomSeconds] = useState(0);
  const [endNotice, setEndNotice] = useState<string | undefined>();
  const ph = phase(state);
  const sc = setup.scenario;
  const plan = sc.exercise;

  useEffect(() => {
    if (ph !== 'running' || state.mode !== 'main' || follow) return;
    const timer = setInterval(() => dispatch({ type: 'tick', seconds: tickMs / 1000 }), tickMs);
    return () => clearInterval(timer);
  }, [ph, tickMs, state.mode]);

  useEffect(() => {
    if (!roomClock) return;
    const timer = setInterval(() => setRoomSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, [roomClock]);

  const record = useMemo(() => recordOf(state), [state.play, state.notebook]);

  // A second terminal: shares what this one shows, or follows another's.
  useEffect(() => {
    onDisplay?.(sharedDisplay(state));
  }, [onDisplay, state.play, state.notebook, state.now, state.paused, state.speed, state.inject, state.module]);
  const [followEnded, setFollowEnded] = useState(false);
  useEffect(() => {
    if (!follow) return;
    return follow.subscribe((d) => (d === 'closed' ? setFollowEnded(true) : dispatch({ type: 'sync', display: d })));
  }, [follow]);
  useEffect(() => {
    if (followEnded) exit();
  }, [followEnded]);
  const first = useRef(true);
  useEffect(() => {
    // The first render is the session as loaded: nothing new to write.
    if (first.current) {
      first.current = false;
      return;
    }
    onChange?.(record);
  }, [record, onChange]);

  const aa = useMemo(() => (ph === 'ended' ? afterAction(state.play, record) : undefined), [ph, state.play, record, afterAction]);
  useEffect(() => {
    if (!aa || !onEnd) return;
    try {
      setEndNotice(onEnd(aa));
    } catch (e) {
      setEndNotice(`could not write the report: ${(e as Error).message}`);
    }
  }, [aa, onEnd]);

  const log = state.play.result.log;
  const now = state.now;
  const opened = useMemo(() => expectationStates(sc, visible(state), state.notebook.scores), [sc, state.play, state.now, state.notebook.scores]);
  const openedNow = useMemo(() => openExpectations(state), [state.play, state.now, state.notebook.scores]);

  // Quitting is confirmed in the state (y on the question); saving and exiting happen here.
  useEffect(() => {
    if (!state.quit) return;
    onExit?.(ph === 'ended', record);
    exit();
  }, [state.quit]);

  // Every key goes to the state in the order it came, even when several arrive in one chunk
  // (fast typing, a script): what a key means depends on the mode the previous key left.
  useInput((input, key) => {
    if (follow) {
      // Following: the facilitator's terminal drives; here one may only look differently, or stop.
      if (input === 'v') dispatch({ type: 'view' });
      if (input === 'q') exit();
      return;
    }
    if (key.upArrow) return dispatch({ type: 'key', key: { special: 'up' } });
    if (key.downArrow) return dispatch({ type: 'key', key: { special: 'down' } });
    if (key.escape) return dispatch({ type: 'key', key: { special: 'escape' } });
    if (key.backspace || key.delete) return dispatch({ type: 'key', key: { special: 'backspace' } });
    if (key.return) return dispatch({ type: 'key', key: { special: 'enter' } });
    // Esc followed at once by a key arrives as one "meta" key (ESC o): it is Esc, then the key.
    if (key.meta && input) dispatch({ type: 'key', key: { special: 'escape' } });
    for (const ch of input) {
      if (ch === '\r' || ch === '\n') dispatch({ type: 'key', key: { special: 'enter' } });
      else dispatch({ type: 'key', key: { ch } });
    }
  });

  const cal = state.play.result.calendar;
  const shownLog = seen(state);
  const status = statusLine(state.view, visible(state));
  const incident = incidentStateOf(state.view, visible(state));
  let change: string | undefined;
  for (const e of shownLog) {
    if (e.kind === 'start' && e.machine === 'change') change = e.state;
    else if (e.kind === 'step' && e.machine === 'change') change = e.to;
  }
  const lastInject = [...shownLog].reverse().find((e) => e.kind === 'inject');
  const inject = state.inject ?? (lastInject?.kind === 'inject' ? { t: lastInject.t, text: lastInject.text, to: lastInject.to } : undefined);
  const teamName = (id: string) => plan?.teams.find((t) => t.id === id)?.name ?? id;
  const module = plan ? moduleAt(sc, log, now) : undefined;
  const moduleIndex = module ? plan!.modules.indexOf(module) + 1 : 0;

  const header = (
    <Header
      scenario={sc.id}
      // The title tells the whole story ("... lateral movement and exfiltration"): the players see the service at stake instead.
      title={state.view === 'facilitator' ? sc.title : `the ${sc.service.name}`}
      profile={profileName ?? canonicalProfile(setup.profile)}
      {...(profileLabel && profileLabel !== (profileName ?? canonicalProfile(setup.profile)) ? { detail: profileLabel } : {})}
      seed={setup.seed}
      wall={cal.format(now)}
      elapsed={duration(now)}
      state={ph}
      speed={speedText(SPEEDS[state.speed]!)}
      view={state.view}
      following={Boolean(follow)}
      {...(module ? { module: `${moduleIndex}. ${module.title}` } : {})}
      {...(roomClock ? { room: mmss(roomSeconds) } : {})}
    />
  );

  // The panel the keyboard is on (a note, a score, a lesson, the quit question).
  const picked = openedNow[Math.min(state.pick, openedNow.length - 1)];
  const category = plan?.lessons[Math.min(state.pick, plan.lessons.length - 1)];
  let panel: ReactNode = null;
  let panelLines = 0;
  if (state.mode === 'quit') {
    panel = (
      <Box borderStyle="round" borderColor={tint('yellow')} paddingX={1}>
        <Text wrap="wrap">
          <Text bold>Quit the exercise?</Text> {ph === 'ended' ? 'The report is written. ' : 'It has not reached its end. '}
          The session {saveTo ? `is saved to ${saveTo}` : 'is saved'} (carry on with --resume). <Text bold>y</Text> quit · <Text bold>n</Text> carry on
        </Text>
      </Box>
    );
    panelLines = 4;
  } else if (state.mode === 'note') {
    panel = <TextPrompt label={`NOTE at ${cal.format(Math.round(now))} (simulated time)`} hint="what the room did or said" text={state.draft} />;
    panelLines = 5;
  } else if (state.mode === 'score' && picked) {
    const x = picked.expectation;
    const members = picked.team?.members ?? [];
    panel = (
      <TextPrompt
        label={`SCORE ${x.id} (${picked.team?.name ?? x.team}): 0 to 100, expected ${x.score}${x.who === 'all' ? `; one per member: ${members.join(' / ')}` : ''}`}
        hint="↑↓ another expectation"
        text={state.draft}
      />
    );
    panelLines = 5;
  } else if (state.mode === 'lesson' && category) {
    panel = (
      <Box flexDirection="column">
        <LessonsPane categories={plan!.lessons} lessons={state.notebook.lessons} pick={state.pick} />
        <TextPrompt label={`LESSON for ${category.title}`} hint="+ a strength, - something to improve; optional #domain and @name (anonymous without)" text={state.draft} />
      </Box>
    );
    panelLines = 6 + plan!.lessons.length + category.questions.length;
  }
  const notice = state.notice;

  const rows = stdout?.rows ?? 30;
  const cols = stdout?.columns ?? 100;
  const lines = (text: string, indent: number) => Math.max(1, Math.ceil(text.length / Math.max(10, cols - indent)));

  if (ph === 'ended' && aa) {
    const extra = exerciseLines(aa).length + 1;
    return (
      <Box flexDirection="column">
        {header}
        {panel ? null : (
          <Box marginTop={1}>
            <AfterActionView aa={aa} {...(profileLabel ? { label: profileLabel } : {})} height={Math.max(4, rows - 18 - extra - aa.names.length - (notice ? 1 : 0) - Math.max(aa.room.decisions.length, (aa.replay?.decisions.length ?? 0) * 2))} />
          </Box>
        )}
        {panel}
        {endNotice ? <Text color={tint('green')}>{endNotice}</Text> : null}
        {notice ? <Text color={tint('yellow')}>{notice}</Text> : null}
        {followEnded ? <Text color={tint('yellow')}>the facilitator's session ended</Text> : null}
        <KeyBar
          keys={
            follow
              ? [['v', 'view'], ['q', 'stop following']]
              : state.mode === 'main'
              ? [...(plan ? ([['l', 'lessons learned'], ['s', 'score']] as const) : []), ['o', 'note'], ['u', 'undo the last decision'], ['q', 'quit']]
              : [['Esc', 'back to the summary']]
          }
        />
      </Box>
    );
  }

  const pending = state.play.pending;
  const facilitator = state.view === 'facilitator';
  const decisionLines =
    ph === 'decision' && pending
      ? 3 + lines(promptText(sc, state.play.result, pending), 4) + pending.options.reduce((n, o) => n + 1 + (o.open ? 0 : lines(`not open at this profile: ${o.reason}`, 9)), 0)
      : 0;
  const injectFull = inject ? 2 + lines(`INJECT Mon 00:00 to ${inject.to.map(teamName).join(', ')}: ${inject.text} (space to continue)`, 4) : 0;
  const moduleFull = state.module
    ? 2 + lines(`MODULE 9: ${state.module.module.title} from Mon 00:00 (discuss, then space to continue)`, 4) + state.module.module.questions.reduce((n, q) => n + lines(`  9. ${q}`, 4), 0)
    : 0;
  const expectationLines = facilitator && plan && state.mode !== 'lesson' ? Math.min(1 + Math.max(1, openedNow.length), 6) : 0;
  // Header, margin, path and status, the change line, the timeline's title, the keys; a margin when no banner sits above the timeline.
  const fixed = 3 + 1 + 2 + (change ? 1 : 0) + 1 + decisionLines + expectationLines + panelLines + (notice ? 1 : 0) + 1 + (inject ? 0 : 1);
  // On a small terminal (60x20) the banners shrink to a line each before the timeline
  // goes: a module's questions are the facilitator's to read out, an inject's text is in
  // the timeline too; an inject already read out gives way entirely. The header with the
  // seed, the decision and the keys always stay.
  let moduleLines = moduleFull;
  let injectLines = injectFull;
  const free = () => rows - fixed - moduleLines - injectLines;
  const compactModule = free() < 1 && moduleFull > 1;
  if (compactModule) moduleLines = 1;
  const compactInject = free() < 1 && injectFull > 1;
  if (compactInject) injectLines = 1;
  const dropInject = free() < 1 && inject !== undefined && state.inject === undefined;
  if (dropInject) injectLines = 0;
  const rowsAvailable = free();
  const showTimeline = rowsAvailable >= 1;

  // The keys that work in the main mode whatever the clock is doing.
  const always: [string, string][] = [['v', facilitator ? "players' view" : "facilitator's view"], ...(plan ? ([['s', 'score']] as [string, string][]) : []), ['o', 'note'], ['u', 'undo'], ['q', 'quit']];
  const keys: [string, string][] = follow
    ? [['v', facilitator ? "players' view" : "facilitator's view"], ['q', 'stop following']]
    : state.mode !== 'main'
      ? [['Esc', 'close'], ...(state.mode === 'score' || state.mode === 'lesson' ? ([['↑↓', 'choose']] as [string, string][]) : [])]
      : ph === 'decision'
        ? [['1-9', 'choose'], ['↑↓', 'move'], ['Enter', 'take the highlighted'], ...always]
        : [['space', ph === 'running' ? 'pause' : 'resume'], ['n', 'next event'], ['+/-', 'speed'], ...always];

  return (
    <Box flexDirection="column">
      {header}
      <Box marginTop={1} flexDirection="column">
        <IncidentPath {...(incident ? { incident } : {})} {...(change ? { change } : {})} />
        <StatusLine {...(status.impact !== undefined ? { impact: status.impact } : {})} attacker={status.attacker} known={status.known} security={Boolean(sc.attack)} />
      </Box>
      {state.module ? (
        <ModuleBanner index={plan!.modules.indexOf(state.module.module) + 1} title={state.module.module.title} wall={cal.format(state.module.t)} questions={state.module.module.questions} compact={compactModule} />
      ) : null}
      {inject && !dropInject ? <InjectBanner wall={cal.format(inject.t)} text={inject.text} to={inject.to.map(teamName)} fresh={state.inject !== undefined} compact={compactInject} /> : null}
      {showTimeline ? (
        <Box marginTop={inject && !dropInject ? 0 : 1}>
          <TimelinePane rows={timelineRows(shownLog, cal)} height={rowsAvailable} />
        </Box>
      ) : null}
      {expectationLines ? (
        <ExpectationsPane
          states={openedNow}
          wall={(t) => cal.format(t)}
          now={now}
          waiting={opened.length - openedNow.length}
          height={expectationLines - 1}
          {...(state.mode === 'score' ? { pick: Math.min(state.pick, openedNow.length - 1) } : {})}
        />
      ) : null}
      {ph === 'decision' && pending ? (
        <DecisionPanel request={pending} cursor={state.cursor} wall={cal.format(pending.t)} prompt={promptText(sc, state.play.result, pending)} {...(pending.point.team ? { team: teamName(pending.point.team) } : {})} />
      ) : null}
      {panel}
      {notice ? <Text color={tint('yellow')}>{notice}</Text> : null}
      {followEnded ? <Text color={tint('yellow')}>the facilitator's session ended</Text> : null}
      <KeyBar keys={keys} />
    </Box>
  );
}
