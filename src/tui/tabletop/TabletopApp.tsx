// The tabletop screen: holds the facilitator state (the room's decisions and the display
// clock) and maps keys to its actions; everything it shows comes from the replay function
// it is given, and the after-action record from `afterAction`. Real time only paces the
// display; the story is the engine's, fixed by the seed and the decisions.
// This folder holds the tabletop's components, one per file. They may import ink, react,
// ../theme, model, report, src/tabletop and types from sim; never the engine itself (it
// comes in as `replay`), files or the CLI.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { canonicalProfile } from '../../model/index.js';
import { duration, timelineRows } from '../../report/timeline.js';
import type { AfterAction } from '../../tabletop/after-action.js';
import { createReducer, initialState, phase, SPEEDS, visible, type Action } from '../../tabletop/facilitator.js';
import type { Play, Setup } from '../../tabletop/session.js';
import { KeyBar } from '../KeyBar.js';
import { useTint } from '../theme.js';
import { AfterActionView } from './AfterActionView.js';
import { DecisionPanel } from './DecisionPanel.js';
import { Header } from './Header.js';
import { IncidentPath } from './IncidentPath.js';
import { InjectBanner } from './InjectBanner.js';
import { StatusLine } from './StatusLine.js';
import { TimelinePane } from './TimelinePane.js';

export interface TabletopAppProps {
  setup: Setup;
  /** The engine, replaying the scenario with the room's choices. */
  replay: (choices: readonly string[]) => Play;
  afterAction: (play: Play) => AfterAction;
  /** Called each time the exercise reaches its end; may return a line to show (where the transcript went). */
  onEnd?: (aa: AfterAction) => string | undefined;
  /** Called on quit with whether the exercise had reached its end. */
  onExit?: (ended: boolean) => void;
  /** Milliseconds between clock ticks while running. */
  tickMs?: number;
  /** Show how long the room has been at it (real time; off in tests). */
  roomClock?: boolean;
}

const speedText = (m: number) => (m < 60 ? `${m} min/s` : `${m / 60} h/s`);

/** What a facilitator's key does (arrows and Enter aside). */
export function keyAction(ch: string): Action | 'quit' | undefined {
  if (ch === 'q') return 'quit';
  if (ch === ' ') return { type: 'toggle' };
  if (ch === 'n') return { type: 'next' };
  if (ch === '+' || ch === '=') return { type: 'faster' };
  if (ch === '-' || ch === '_') return { type: 'slower' };
  if (ch === 'u') return { type: 'undo' };
  if (/^[1-9]$/.test(ch)) return { type: 'choose', index: Number(ch) - 1 };
  return undefined;
}

const words = (id: string) => id.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const mmss = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

export function TabletopApp({ setup, replay, afterAction, onEnd, onExit, tickMs = 100, roomClock = true }: TabletopAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const tint = useTint();
  const reduce = useMemo(() => createReducer(replay), [replay]);
  const [state, dispatch] = useReducer(reduce, undefined, () => initialState(replay([])));
  const [roomSeconds, setRoomSeconds] = useState(0);
  const [endNotice, setEndNotice] = useState<string | undefined>();
  const ph = phase(state);

  useEffect(() => {
    if (ph !== 'running') return;
    const timer = setInterval(() => dispatch({ type: 'tick', seconds: tickMs / 1000 }), tickMs);
    return () => clearInterval(timer);
  }, [ph, tickMs]);

  useEffect(() => {
    if (!roomClock) return;
    const timer = setInterval(() => setRoomSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, [roomClock]);

  const aa = useMemo(() => (ph === 'ended' ? afterAction(state.play) : undefined), [ph, state.play, afterAction]);
  useEffect(() => {
    if (!aa || !onEnd) return;
    try {
      setEndNotice(onEnd(aa));
    } catch (e) {
      setEndNotice(`could not write the transcript: ${(e as Error).message}`);
    }
  }, [aa, onEnd]);

  useInput((input, key) => {
    if (key.upArrow) return dispatch({ type: 'move', by: -1 });
    if (key.downArrow) return dispatch({ type: 'move', by: 1 });
    if (key.return) return dispatch({ type: 'choose' });
    // Keys typed quickly (or sent by a script) can arrive as one chunk: take them in order.
    for (const ch of input) {
      const a = keyAction(ch);
      if (a === 'quit') {
        onExit?.(ph === 'ended');
        exit();
        return;
      }
      if (a) dispatch(a);
    }
  });

  const result = state.play.result;
  const cal = result.calendar;
  const seen = visible(state);
  let incident: string | undefined;
  let change: string | undefined;
  let impact = 0;
  const attacker: string[] = [];
  let inject: { t: number; text: string } | undefined;
  for (const e of seen) {
    if (e.kind === 'start') (e.machine === 'incident' ? (incident = e.state) : (change = e.state));
    else if (e.kind === 'step') (e.machine === 'incident' ? (incident = e.to) : (change = e.to));
    else if (e.kind === 'impact') impact = e.impact;
    else if (e.kind === 'stage' && e.happened) attacker.push(words(e.id));
    else if (e.kind === 'inject') inject = { t: e.t, text: e.text };
  }
  // The timeline gets whatever the other panes leave; a frame taller than the terminal
  // would scroll the header away. Wrapped lines are estimated from the width.
  const cols = stdout?.columns ?? 100;
  const lines = (text: string, indent: number) => Math.max(1, Math.ceil(text.length / Math.max(10, cols - indent)));
  const pending = state.play.pending;
  const decisionLines =
    ph === 'decision' && pending
      ? 3 + lines(pending.point.prompt, 4) + pending.options.reduce((n, o) => n + 1 + (o.open ? 0 : lines(`not open at this profile: ${o.reason}`, 9)), 0)
      : 0;
  const injectLines = inject ? 2 + lines(`INJECT Mon 00:00 ${inject.text} (space to continue)`, 4) : 1;
  const used = 3 + 1 + 2 + (change ? 1 : 0) + injectLines + 1 + decisionLines + (state.notice ? 1 : 0) + 1;
  const rows = stdout?.rows ?? 30;
  // On a small terminal (60x20) a decision with wrapped reasons leaves no row for the
  // timeline. Then the banner of an inject already read out gives way (it is in the
  // timeline too), and if even that is not enough the timeline goes; the header with the
  // seed, the decision and the keys always stay.
  const dropInject = inject !== undefined && state.inject === undefined && rows - used < 1;
  const rowsAvailable = rows - used + (dropInject ? injectLines - 1 : 0);
  const showTimeline = rowsAvailable >= 1;

  const header = (
    <Header
      scenario={setup.scenario.id}
      title={setup.scenario.title}
      profile={canonicalProfile(setup.profile)}
      seed={setup.seed}
      wall={cal.format(state.now)}
      elapsed={duration(state.now)}
      state={ph}
      speed={speedText(SPEEDS[state.speed]!)}
      {...(roomClock ? { room: mmss(roomSeconds) } : {})}
    />
  );

  if (ph === 'ended' && aa) {
    return (
      <Box flexDirection="column">
        {header}
        <Box marginTop={1}>
          <AfterActionView aa={aa} height={Math.max(4, (stdout?.rows ?? 30) - 18 - aa.names.length - (state.notice ? 1 : 0) - Math.max(aa.room.decisions.length, aa.replay.decisions.length * 2))} />
        </Box>
        {endNotice ? <Text color={tint('green')}>{endNotice}</Text> : null}
        {state.notice ? <Text color={tint('yellow')}>{state.notice}</Text> : null}
        <KeyBar keys={[['u', 'undo the last decision'], ['q', 'quit']]} />
      </Box>
    );
  }

  const keys: [string, string][] =
    ph === 'decision'
      ? [['1-9', 'choose'], ['↑↓', 'move'], ['Enter', 'take the highlighted'], ['u', 'undo'], ['q', 'quit']]
      : [['space', ph === 'running' ? 'pause' : 'resume'], ['n', 'next event'], ['+/-', 'speed'], ['u', 'undo'], ['q', 'quit']];

  return (
    <Box flexDirection="column">
      {header}
      <Box marginTop={1} flexDirection="column">
        <IncidentPath {...(incident ? { incident } : {})} {...(change ? { change } : {})} />
        <StatusLine impact={impact} attacker={attacker} security={Boolean(setup.scenario.attack)} />
      </Box>
      {inject && !dropInject ? <InjectBanner wall={cal.format(inject.t)} text={inject.text} fresh={state.inject !== undefined} /> : null}
      {showTimeline ? (
        <Box marginTop={inject && !dropInject ? 0 : 1}>
          <TimelinePane rows={timelineRows(seen, cal)} height={rowsAvailable} />
        </Box>
      ) : null}
      {ph === 'decision' && pending ? <DecisionPanel request={pending} cursor={state.cursor} wall={cal.format(pending.t)} /> : null}
      {state.notice ? <Text color={tint('yellow')}>{state.notice}</Text> : null}
      <KeyBar keys={keys} />
    </Box>
  );
}
