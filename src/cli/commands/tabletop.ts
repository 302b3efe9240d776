// `imsim tabletop`: a scenario played by a room on a simulated clock. On a terminal the
// Ink view (loaded only then); with --decisions, --scores, --rehearsal, --json, a pipe or
// CI, the exercise is rehearsed without a keyboard and the after-action review printed.
// Sessions survive: --save keeps the session file up to date, `q` writes it when the
// facilitator confirms, --resume carries on from it (or replays a finished one).
import { canonicalProfile, sameProfile, type Profile } from '../../model/index.js';
import { docHtml, markdownDoc } from '../../report/html/index.js';
import { afterActionJson, afterActionText, transcriptMarkdown, type Invocation } from '../../report/tabletop.js';
import {
  afterAction,
  emptyRecord,
  parseDecisionList,
  parseRehearsal,
  parseScoreList,
  parseScoresFile,
  parseSession,
  play,
  playScripted,
  recordProblems,
  ScriptError,
  scenarioHash,
  sessionHead,
  sessionText,
  VIEWS,
  type SessionFile,
  type SessionRecord,
  type Setup,
  type View,
} from '../../tabletop/index.js';
import { lineOf, outputTarget, UserError, writeOutput, type Problem } from '../../util/index.js';
import { deliveredProfile, screenLabel } from '../../org/profiles.js';
import { choiceLabel, namedProfileArg, profileArg, readText, seedArg, type ProfileChoice } from '../inputs.js';
import { loadCalibration, loadScenario } from '../load.js';
import { orgProfileNames } from '../org.js';
import { json, paint, table, wantsInteractive, type Out } from '../output.js';

export interface TabletopOpts {
  profile?: string;
  seed?: string;
  decisions?: string;
  scores?: string;
  rehearsal?: string;
  report?: string;
  transcript?: string;
  save?: string;
  resume?: string;
  view?: string;
  share?: string;
  follow?: string;
  calibration?: string;
  json?: boolean;
  org?: string;
}

/** Every file this command writes goes through here (whole or not at all). */
const writeFile = (file: string, text: string, flag: string) =>
  writeOutput(outputTarget(file, flag, { streams: flag !== '--save' }), text, (t) => void process.stderr.write(`imsim: ${t}\n`));

/** Where `q` saves the session when no --save is given. */
export const defaultSessionFile = (scenarioId: string, seed: number) => `tabletop-${scenarioId}-seed${seed}.session.yaml`;

function loadSession(file: string): SessionFile & { problemsAgainst(setup: Setup): Problem[] } {
  const { session, src } = parseSession(readText(file, '--resume'), file);
  return { ...session, problemsAgainst: (setup) => recordProblems(session.record, setup.scenario, { file }, src) };
}

/** The record the flags give: the session's, then a rehearsal file's, then --scores (later ones win per expectation). */
function recordFrom(opts: TabletopOpts, setup: Setup, session: ReturnType<typeof loadSession> | undefined): SessionRecord {
  const problems: Problem[] = [];
  let rec: SessionRecord = session?.record ?? emptyRecord();
  if (session) problems.push(...session.problemsAgainst(setup));
  if (opts.rehearsal !== undefined) {
    const { record, src } = parseRehearsal(readText(opts.rehearsal, '--rehearsal'), opts.rehearsal);
    problems.push(...recordProblems(record, setup.scenario, { file: opts.rehearsal }, src));
    rec = {
      choices: session ? [...rec.choices, ...record.choices] : record.choices,
      scores: { ...rec.scores, ...record.scores },
      notes: [...rec.notes, ...record.notes],
      lessons: [...rec.lessons, ...record.lessons],
      owners: { ...rec.owners, ...record.owners },
    };
  }
  if (opts.scores !== undefined) {
    let scores: Record<string, readonly number[]>;
    // `id=score` items are inline; anything else names a file.
    if (!opts.scores.includes('=')) {
      const { record, src } = parseScoresFile(readText(opts.scores, '--scores'), opts.scores);
      // The file is the scores mapping itself: its paths start at the expectation id.
      problems.push(...recordProblems(record, setup.scenario, { file: opts.scores }).map((p) => ({ ...p, path: p.path!.replace(/^scores\./, ''), line: lineOf(src, [p.path!.replace(/^scores\./, '')]) })));
      scores = record.scores;
    } else {
      const parsed = parseScoreList(opts.scores);
      problems.push(...parsed.problems.map((message) => ({ flag: '--scores', message })));
      problems.push(...recordProblems({ ...emptyRecord(), scores: parsed.scores }, setup.scenario, { flag: '--scores' }).map(({ path: _p, ...p }) => p));
      scores = parsed.scores;
    }
    rec = { ...rec, scores: { ...rec.scores, ...scores } };
  }
  if (problems.length) throw new UserError(problems);
  return rec;
}

export async function runTabletop(out: Out, scenarioArg: string | undefined, opts: TabletopOpts): Promise<number> {
  const terminal = wantsInteractive(out, opts) && Boolean(process.stdin.isTTY);
  if (opts.follow !== undefined) return runFollower(out, scenarioArg, opts, terminal);
  if (opts.share !== undefined && !terminal) throw new UserError([{ flag: '--share', message: 'shares the terminal view: it needs a terminal (and no --json or CI)' }]);
  const cal = loadCalibration(opts.calibration);
  const session = opts.resume !== undefined ? loadSession(opts.resume) : undefined;
  const scenarioName = scenarioArg ?? session?.scenario;
  if (scenarioName === undefined) throw new UserError([{ flag: 'SCENARIO', message: 'give a scenario id (see `imsim list`) or a YAML file, or --resume a session file' }]);
  const scenario = loadScenario(scenarioName, cal);
  let profile: Profile;
  // A name (`today`) is looked up in the organization file; the label shown keeps it.
  let choice: ProfileChoice | undefined;
  if (opts.profile !== undefined) profile = (choice = namedProfileArg(opts.profile, '--profile', orgProfileNames(opts.org, opts.calibration))).profile;
  else if (session) profile = profileArg(session.profile, '--resume');
  else throw new UserError([{ flag: '--profile', message: 'required: the maturity profile the room plays at (e.g. 1, or change=2,secOps=1)' }]);
  const seed = opts.seed !== undefined ? seedArg(opts.seed) : (session?.seed ?? 1);
  if (session) {
    const mismatch: string[] = [];
    if (session.scenarioHash !== scenarioHash(scenario)) mismatch.push(`scenario ${scenario.id} has changed since the session was saved (hash ${scenarioHash(scenario)}, the session has ${session.scenarioHash})`);
    if (!sameProfile(profile, profileArg(session.profile, '--resume'))) mismatch.push(`the session was played at profile ${session.profile}, not ${canonicalProfile(profile)}`);
    if (seed !== session.seed) mismatch.push(`the session was played with seed ${session.seed}, not ${seed}`);
    if (cal.hash !== session.calibration) mismatch.push(`the session was played with calibration ${session.calibration}, this one is ${cal.hash}${opts.calibration ? '' : ' (give the same --calibration)'}`);
    if (mismatch.length) throw new UserError(mismatch.map((message) => ({ flag: '--resume', file: opts.resume!, message })));
  }
  let view: View | undefined;
  if (opts.view !== undefined) {
    if (!(VIEWS as readonly string[]).includes(opts.view)) throw new UserError([{ flag: '--view', message: `"${opts.view}" is not a view: players or facilitator` }]);
    view = opts.view as View;
  }
  const report = opts.report ?? opts.transcript;
  const reportFlag = opts.report !== undefined ? '--report' : '--transcript';
  // Looked at before any work: a folder, a pipe or a missing folder fails now, not after the exercise.
  if (report !== undefined) outputTarget(report, reportFlag, { streams: true });
  // A resumed session carries on in its own file unless --save names another.
  const saveFile = opts.save ?? opts.resume;
  if (opts.save !== undefined) outputTarget(opts.save, '--save');
  const setup: Setup = { scenario, profile, seed, replication: session?.replication ?? 0, calibration: cal };
  const rec = recordFrom(opts, setup, session);
  const inv: Invocation = { scenario: scenarioName, ...(opts.calibration ? { calibration: opts.calibration } : {}), ...(choice?.name ? { profileName: choice.name } : {}) };
  const head = sessionHead(setup, scenarioName);
  // A report named .html is the same Markdown through the leaders' report's page (self-contained, prints well).
  const writeReport = (md: string) => report !== undefined && writeFile(report, /\.html?$/i.test(report) ? docHtml(markdownDoc(md, 'After-action report')) : md, reportFlag);
  const interactive = opts.decisions === undefined && opts.scores === undefined && opts.rehearsal === undefined && terminal;

  if (interactive) {
    const { runTabletopView } = await import('../../tui/index.js');
    const saveTo = saveFile ?? defaultSessionFile(scenario.id, seed);
    let written = false;
    let quit: SessionRecord | undefined;
    // A resumed session's decisions must still fit the story (they do unless the scenario changed, which the hash catches).
    checkChoices(setup, rec.choices, '--resume');
    const { shareOn } = await import('../share.js');
    const share = opts.share !== undefined ? await shareOn(opts.share, head) : undefined;
    await runTabletopView(
      {
        setup,
        ...(choice?.name ? { profileName: choice.name } : {}),
        profileLabel: screenLabel(profile, choice?.name, deliveredProfile(profile, cal)),
        replay: (choices) => play(setup, choices),
        afterAction: (p, r) => afterAction(p, r),
        ...(session || opts.rehearsal ? { resume: rec } : {}),
        ...(view ? { view } : {}),
        ...(saveFile !== undefined ? { onChange: (r: SessionRecord) => writeFile(saveFile, sessionText(head, r), '--save') } : {}),
        onEnd: (aa) => {
          if (report === undefined) return undefined;
          try {
            writeReport(transcriptMarkdown(aa, inv));
          } catch (e) {
            // Shown in the view, which stays up: the room can free the disk and play to the end again.
            if (e instanceof UserError) return `after-action report not written: ${e.message}`;
            throw e;
          }
          written = true;
          return `after-action report written to ${report}`;
        },
        onExit: (_ended, r) => {
          quit = r;
        },
        saveTo,
        ...(share ? { onDisplay: share.send } : {}),
      },
      out.color,
    ).finally(() => share?.close());
    if (quit) {
      writeFile(saveTo, sessionText(head, quit), '--save');
      process.stderr.write(`imsim: session saved to ${saveTo}; carry on with: imsim tabletop --resume ${saveTo}\n`);
    }
    // The report is written each time the exercise reaches its end (again after a score,
    // a lesson or an undo), so one exists even if the terminal is closed; none if it never got there.
    if (report !== undefined && !written) process.stderr.write(`imsim: the exercise stopped before its end; no report written to ${report}\n`);
    return 0;
  }

  const tokens = session || opts.rehearsal ? [...rec.choices, ...parseDecisionList(opts.decisions ?? '')] : parseDecisionList(opts.decisions ?? '');
  const flag = opts.decisions !== undefined ? '--decisions' : session ? '--resume' : '--rehearsal';
  let scripted;
  try {
    scripted = playScripted(setup, tokens);
  } catch (e) {
    if (e instanceof ScriptError) throw new UserError([{ flag, message: e.message }]);
    throw e;
  }
  if (scripted.defaulted.length) {
    const why = tokens.length === 0 ? 'no --decisions given' : `the decisions given cover ${tokens.length}`;
    process.stderr.write(`imsim: ${why}: took the first open option at ${scripted.defaulted.join(', ')}\n`);
  }
  const final: SessionRecord = { ...rec, choices: scripted.play.choices };
  const aa = afterAction(scripted.play, final);
  writeReport(transcriptMarkdown(aa, inv));
  if (opts.save !== undefined) writeFile(opts.save, sessionText(head, final), '--save');
  if (opts.json) out.write(json(afterActionJson(aa, inv)));
  else {
    out.write(
      afterActionText(aa, inv, {
        bold: (t) => paint(out, 'bold', t),
        dim: (t) => paint(out, 'dim', t),
        table,
      }),
    );
    if (report !== undefined) out.write(`after-action report: ${report} (profile ${choiceLabel(choice ?? { profile }, cal)}, seed ${seed})\n`);
    if (opts.save !== undefined) out.write(`session: ${opts.save} (imsim tabletop --resume ${opts.save} replays it)\n`);
  }
  return 0;
}

/** A resumed session's decisions replayed: each must still be open where it was taken. */
function checkChoices(setup: Setup, choices: readonly string[], flag: string): void {
  try {
    playScripted(setup, choices, false);
  } catch (e) {
    if (e instanceof ScriptError) throw new UserError([{ flag, message: e.message }]);
    throw e;
  }
}

/** `--follow SOCKET`: a second terminal showing the exercise another one shares (`--share`), in its own view. */
async function runFollower(out: Out, scenarioArg: string | undefined, opts: TabletopOpts, terminal: boolean): Promise<number> {
  if (!terminal) throw new UserError([{ flag: '--follow', message: 'follows in the terminal view: it needs a terminal (and no --json or CI)' }]);
  const clash = (['decisions', 'scores', 'rehearsal', 'resume', 'save', 'share', 'report', 'transcript', 'profile', 'seed', 'org'] as const).filter((k) => opts[k] !== undefined);
  if (clash.length) throw new UserError([{ flag: '--follow', message: `the exercise is the one shared: drop ${clash.map((k) => `--${k}`).join(', ')}` }]);
  const cal = loadCalibration(opts.calibration);
  const view = opts.view === undefined ? 'players' : opts.view;
  if (!(VIEWS as readonly string[]).includes(view)) throw new UserError([{ flag: '--view', message: `"${view}" is not a view: players or facilitator` }]);
  const { follow } = await import('../share.js');
  const following = await follow(opts.follow!);
  try {
    const head = following.head;
    const scenario = loadScenario(scenarioArg ?? head.scenario, cal);
    const mismatch: string[] = [];
    if (scenarioHash(scenario) !== head.scenarioHash) mismatch.push(`scenario ${scenario.id} here is not the one shared (hash ${scenarioHash(scenario)}, shared ${head.scenarioHash})`);
    if (cal.hash !== head.calibration) mismatch.push(`the shared exercise runs calibration ${head.calibration}, this one is ${cal.hash}${opts.calibration ? '' : ' (give the same --calibration)'}`);
    if (mismatch.length) throw new UserError(mismatch.map((message) => ({ flag: '--follow', file: opts.follow!, message })));
    const setup: Setup = { scenario, profile: profileArg(head.profile, '--follow'), seed: head.seed, replication: head.replication, calibration: cal };
    const { runTabletopView } = await import('../../tui/index.js');
    await runTabletopView({ setup, replay: (choices) => play(setup, choices), afterAction: (p, r) => afterAction(p, r), view: view as View, follow: following }, out.color);
  } finally {
    following.close();
  }
  return 0;
}
