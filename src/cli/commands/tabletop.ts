// `imsim tabletop`: a scenario played by a room on a simulated clock. On a terminal the
// Ink view (loaded only then); with --decisions, --json, a pipe or CI, the choices are
// played without a keyboard and the after-action record is printed.
import { afterActionJson, afterActionText, transcriptMarkdown, type Invocation } from '../../report/tabletop.js';
import { afterAction, parseDecisionList, play, playScripted, ScriptError, type Setup } from '../../tabletop/index.js';
import { UserError, outputTarget, writeOutput } from '../../util/index.js';
import { choiceLabel, namedProfileArg, seedArg } from '../inputs.js';
import { loadCalibration, loadScenario } from '../load.js';
import { orgProfileNames } from '../org.js';
import { json, paint, table, wantsInteractive, type Out } from '../output.js';

export interface TabletopOpts {
  profile: string;
  seed: string;
  decisions?: string;
  transcript?: string;
  calibration?: string;
  json?: boolean;
  org?: string;
}

export async function runTabletop(out: Out, scenarioArg: string, opts: TabletopOpts): Promise<number> {
  const cal = loadCalibration(opts.calibration);
  const scenario = loadScenario(scenarioArg, cal);
  const choice = namedProfileArg(opts.profile, '--profile', orgProfileNames(opts.org, opts.calibration));
  const profile = choice.profile;
  const seed = seedArg(opts.seed);
  // Looked at before any work: a folder, a pipe or a missing folder fails now, not after the exercise.
  const transcript = opts.transcript === undefined ? undefined : outputTarget(opts.transcript, '--transcript', { streams: true });
  const setup: Setup = { scenario, profile, seed, replication: 0, calibration: cal };
  const inv: Invocation = { scenario: scenarioArg, ...(opts.calibration ? { calibration: opts.calibration } : {}) };
  const writeTranscript = (md: string) => transcript && writeOutput(transcript, md, (t) => void process.stderr.write(`imsim: ${t}\n`));

  if (opts.decisions === undefined && wantsInteractive(out, opts) && process.stdin.isTTY) {
    const { runTabletopView } = await import('../../tui/index.js');
    let written = false;
    await runTabletopView(
      {
        setup,
        replay: (choices) => play(setup, choices),
        afterAction,
        onEnd: (aa) => {
          if (opts.transcript === undefined) return undefined;
          try {
            writeTranscript(transcriptMarkdown(aa, inv));
          } catch (e) {
            // Shown in the view, which stays up: the room can free the disk and play to the end again.
            if (e instanceof UserError) return `transcript not written: ${e.message}`;
            throw e;
          }
          written = true;
          return `transcript written to ${opts.transcript}`;
        },
      },
      out.color,
    );
    // Written each time the exercise reaches its end (again after an undo), so a record
    // exists even if the terminal is closed; none if it never got there.
    if (opts.transcript !== undefined && !written) process.stderr.write(`imsim: the exercise stopped before its end; no transcript written to ${opts.transcript}\n`);
    return 0;
  }

  const tokens = parseDecisionList(opts.decisions ?? '');
  let scripted;
  try {
    scripted = playScripted(setup, tokens);
  } catch (e) {
    if (e instanceof ScriptError) throw new UserError([{ flag: '--decisions', message: e.message }]);
    throw e;
  }
  if (scripted.defaulted.length) {
    const why = opts.decisions === undefined ? 'no --decisions given' : `--decisions covers ${tokens.length}`;
    process.stderr.write(`imsim: ${why}: took the first open option at ${scripted.defaulted.join(', ')}\n`);
  }
  const aa = afterAction(scripted.play);
  writeTranscript(transcriptMarkdown(aa, inv));
  if (opts.json) out.write(json(afterActionJson(aa, inv)));
  else {
    out.write(
      afterActionText(aa, inv, {
        bold: (t) => paint(out, 'bold', t),
        dim: (t) => paint(out, 'dim', t),
        table,
      }),
    );
    if (opts.transcript !== undefined) out.write(`transcript: ${opts.transcript} (profile ${choiceLabel(choice)}, seed ${seed})\n`);
  }
  return 0;
}
