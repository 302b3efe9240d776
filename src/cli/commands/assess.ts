// `imsim assess`: where are we today? The questionnaire in the terminal (Ink, loaded
// only then) or answers from a YAML file; the level per domain with its evidence and
// seed sections, warnings where a level stands on a missing foundation, and `today`
// written into an organization file (comments and order kept, atomically) or printed.
import { Parameters } from '../../calibration/index.js';
import { answersYaml, assess, parseAnswers, profileSnippet, QUESTIONS, writeProfile, type AnswerSet, type Assessment } from '../../assess/index.js';
import { canonicalProfile, sameProfile, uniformProfile } from '../../model/index.js';
import { PROFILE_NAME } from '../../org/profiles.js';
import { parseOrganization, type Organization } from '../../org/index.js';
import { UserError, outputTarget, writeOutput } from '../../util/index.js';
import { readText } from '../inputs.js';
import { loadCalibration } from '../load.js';
import { loadOrganization, orgPath, scenarioLoader } from '../org.js';
import { json, paint, table, wantsInteractive, type Out } from '../output.js';

export interface AssessOpts {
  answers?: string;
  org?: string;
  write?: boolean;
  name: string;
  saveAnswers?: string;
  template?: boolean;
  json?: boolean;
  calibration?: string;
}

export async function runAssess(out: Out, opts: AssessOpts): Promise<number> {
  if (opts.template) {
    if (opts.answers || opts.write) throw new UserError([{ flag: '--template', message: 'prints a blank answers file: give it alone' }]);
    out.write(answersYaml());
    return 0;
  }
  if (!PROFILE_NAME.test(opts.name)) throw new UserError([{ flag: '--name', message: `"${opts.name}" cannot name a profile: a lowercase letter, then letters, digits, - or _` }]);
  if (opts.write && opts.org === undefined) throw new UserError([{ flag: '--write', message: 'names no file: give the organization file with --org FILE' }]);
  const target = opts.org === undefined ? undefined : orgPath(opts.org);
  if (opts.write && target && target.path !== opts.org) {
    throw new UserError([{ flag: '--write', message: `--org ${opts.org} is a shipped organization; copy ${target.shown} and write into the copy` }]);
  }
  // Both outputs are looked at before any question is asked (util/files.ts): the organization
  // file is rewritten in place, so it must be a file (a link to one is followed).
  const answersOut = opts.saveAnswers === undefined ? undefined : outputTarget(opts.saveAnswers, '--save-answers', { streams: true });
  const orgOut = opts.write && target ? outputTarget(target.path, '--org') : undefined;
  const note = (t: string) => void process.stderr.write(`imsim: ${t}\n`);
  const cal = loadCalibration(opts.calibration);
  // Read (and check) the organization before the questionnaire: a broken file should not cost the room an hour of answers.
  const before = target ? loadOrganization(opts.org, cal) : undefined;
  const lead = new Parameters(cal, uniformProfile(1)).value('model.foundationLead');

  let set: AnswerSet | undefined;
  if (opts.answers !== undefined) set = parseAnswers(readText(opts.answers, '--answers'), opts.answers);
  else if (wantsInteractive(out, opts) && process.stdin.isTTY) {
    const { runAssessView } = await import('../../tui/assess/index.js');
    await runAssessView({ score: (s) => assess(s, lead), onDone: (s) => (set = s) }, out.color);
    if (!set) {
      process.stderr.write('imsim: stopped before the summary; nothing written\n');
      return 0;
    }
  } else {
    throw new UserError([{ flag: '--answers', message: 'no terminal for the questionnaire: give the answers in a file (imsim assess --template writes a blank one)' }]);
  }

  const result = assess(set, lead);
  if (answersOut) writeOutput(answersOut, answersYaml(set), note);
  let written: string | undefined;
  if (orgOut && target && before) {
    const comment = `imsim assess${opts.answers ? ` --answers ${opts.answers}` : ''}`;
    const text = writeProfile(readText(target.path, '--org'), target.shown, opts.name, result.profile, comment);
    // The edited file must still be a valid organization, or nothing is written.
    try {
      parseOrganization(text, target.shown, cal, scenarioLoader(cal));
    } catch (e) {
      if (e instanceof UserError) throw new UserError([{ flag: '--write', file: target.shown, message: `the file would not check after setting profiles.${opts.name}; nothing written` }, ...e.problems]);
      throw e;
    }
    writeOutput(orgOut, text, note);
    written = target.shown;
  }
  if (opts.json) out.write(json(assessmentJson(result, opts, set, written, before)));
  else out.write(assessmentText(out, result, opts, written, before));
  return 0;
}

function assessmentJson(r: Assessment, opts: AssessOpts, set: AnswerSet, written: string | undefined, org: Organization | undefined) {
  const previous = org?.profiles.find((p) => p.name === opts.name)?.profile;
  return {
    name: opts.name,
    profile: canonicalProfile(r.profile),
    levels: r.profile,
    ...(r.caps.length ? { effective: canonicalProfile(r.effective) } : {}),
    answered: r.answered,
    questions: r.total,
    answers: opts.answers ?? null,
    ...(set.about ? { about: set.about } : {}),
    domains: r.domains.map((d) => ({
      domain: d.domain,
      level: d.level,
      means: d.means,
      sources: d.sources,
      evidence: d.evidence.map((e) => ({ id: e.question.id, level: e.question.level, answer: e.answer ?? null, ...(e.note ? { note: e.note } : {}), counted: e.counted, source: e.question.source })),
      missing: d.missing.map((e) => e.question.id),
    })),
    baseline: r.baseline.map((e) => ({ id: e.question.id, answer: e.answer ?? null, ...(e.note ? { note: e.note } : {}), source: e.question.source })),
    warnings: r.warnings.map((w) => ({ kind: w.kind, ...(w.domain ? { domain: w.domain } : {}), message: w.message, source: w.source })),
    ...(org ? { organization: org.file, ...(previous ? { previous: canonicalProfile(previous) } : {}) } : {}),
    written: written ?? null,
    snippet: profileSnippet(opts.name, r.profile),
  };
}

function assessmentText(out: Out, r: Assessment, opts: AssessOpts, written: string | undefined, org: Organization | undefined): string {
  const answer = (a: string | undefined, note?: string) => `${a ?? 'blank'}${note ? `: ${note}` : ''}`;
  const lines = [
    paint(out, 'bold', `imsim assess: ${r.answered} of ${QUESTIONS.length} questions answered${opts.answers ? ` (${opts.answers})` : ''}`),
    `${opts.name}: ${paint(out, 'bold', canonicalProfile(r.profile))}${r.caps.length ? ` (the simulator runs it as ${canonicalProfile(r.effective)})` : ''}`,
    'a level counts when all its capabilities and those of every level below are in place (002, do not skip levels)',
    '',
  ];
  lines.push(table([['domain', 'level', 'seed sections behind the level'], ...r.domains.map((d) => [d.domain, String(d.level), d.sources.join('; ')])]));
  for (const d of r.domains) {
    lines.push('', paint(out, 'bold', `${d.domain} ${d.level}: ${d.means}`));
    const inPlace = d.evidence.filter((e) => e.counted);
    lines.push(`  in place: ${inPlace.length ? inPlace.map((e) => e.question.id).join(', ') : '(nothing asked at level 1)'}`);
    if (d.missing.length) lines.push(`  level ${d.level + 1} needs: ${d.missing.map((e) => `${e.question.id} (${answer(e.answer, e.note)})`).join('; ')}`);
    const partial = d.evidence.filter((e) => !e.counted && e.answer !== undefined && e.answer !== 'no' && !d.missing.includes(e));
    if (partial.length) lines.push(`  also (not counted): ${partial.map((e) => `${e.question.id} (level ${e.question.level}, ${answer(e.answer, e.note)})`).join('; ')}`);
  }
  if (r.warnings.length) {
    lines.push('', paint(out, 'yellow', 'warnings: where a level stands on a missing foundation'));
    for (const w of r.warnings) lines.push(paint(out, 'yellow', `  ${w.message} (${w.source})`));
  }
  lines.push('');
  const previous = org?.profiles.find((p) => p.name === opts.name)?.profile;
  if (written) {
    const was = previous ? (sameProfile(previous, r.profile) ? ' (unchanged)' : ` (was ${canonicalProfile(previous)})`) : ' (new, first in profiles)';
    lines.push(`wrote profiles.${opts.name} into ${written}${was}`);
  } else {
    if (org && previous && !sameProfile(previous, r.profile)) lines.push(`${org.file} has ${opts.name}: ${canonicalProfile(previous)}; the answers give ${canonicalProfile(r.profile)}`);
    lines.push(`put it in an organization file (or run with --org FILE --write):`, '', profileSnippet(opts.name, r.profile).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}
