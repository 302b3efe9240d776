// Scoring answers to levels. A domain reaches a level when every capability of that level
// and of every level below is in place ("yes"): levels are not skipped (002, Maturity
// levels). "partly" and capabilities above a gap are kept as evidence, never as a level.
// Warnings say where a level stands on a missing foundation: a gap under capabilities
// already in place, a 002 baseline item missing under a level of 3 or more, and the
// caps between domains the simulator applies (model FOUNDATIONS, effectiveProfile).
import { DOMAINS, DOMAIN_TITLES, effectiveProfile, LEVEL_NOTES, LEVELS, type Cap, type Domain, type Level, type Profile } from '../model/index.js';
import type { AnswerSet } from './answers.js';
import { LEVEL_ONE_SOURCE, QUESTIONS, questionsAt, type Answer, type Question } from './questions.js';

export interface Evidence {
  question: Question;
  /** Undefined when the question was left blank (counted as not in place). */
  answer?: Answer;
  note?: string;
  /** Whether it counts toward the level: in place, with every level below in place too. */
  counted: boolean;
}

export interface DomainResult {
  domain: Domain;
  level: Level;
  /** Seed sections behind the level: its capabilities' sources, or the level-1 description. */
  sources: string[];
  /** What the level means, in a line (the model's level notes). */
  means: string;
  /** Every question of the domain, lowest level first. */
  evidence: Evidence[];
  /** The next level's capabilities not in place: what holds the domain at its level. */
  missing: Evidence[];
}

export interface Warning {
  kind: 'skipped-level' | 'baseline' | 'foundation-cap' | 'unanswered';
  domain?: Domain;
  message: string;
  /** The seed section the warning rests on. */
  source: string;
}

export interface Assessment {
  /** The level per domain the answers support: what `today` becomes. */
  profile: Profile;
  /** The profile the simulator runs once a domain is held near the domains it builds on. */
  effective: Profile;
  caps: Cap[];
  domains: DomainResult[];
  /** 002's baseline checklist items and their answers. */
  baseline: Evidence[];
  warnings: Warning[];
  answered: number;
  total: number;
}

const DO_NOT_SKIP = '002 Maturity levels (Do not skip levels)';
const names = (es: readonly Evidence[]) => es.map((e) => `${e.question.id} (${e.answer ?? 'blank'})`).join(', ');

/** Scores an answer set; `lead` is the calibration's model.foundationLead (how far a domain may stand above what it builds on). */
export function assess(set: AnswerSet, lead: number): Assessment {
  const given = (q: Question): Evidence => {
    const g = set.answers.get(q.id);
    return { question: q, ...(g ? { answer: g.answer } : {}), ...(g?.note ? { note: g.note } : {}), counted: false };
  };
  const warnings: Warning[] = [];
  const domains: DomainResult[] = DOMAINS.map((domain) => {
    let level: Level = 1;
    for (const l of LEVELS.slice(1)) {
      if (level !== l - 1) break;
      if (questionsAt(domain, l).every((q) => set.answers.get(q.id)?.answer === 'yes')) level = l;
    }
    const evidence = QUESTIONS.filter((q) => q.domain === domain).map((q) => {
      const e = given(q);
      e.counted = e.answer === 'yes' && q.level! <= level;
      return e;
    });
    const missing = evidence.filter((e) => e.question.level === level + 1 && e.answer !== 'yes');
    // Capabilities in place above the gap: real work, standing on a missing foundation.
    const above = evidence.filter((e) => e.answer === 'yes' && e.question.level! > level + 1);
    if (above.length && missing.length) {
      warnings.push({
        kind: 'skipped-level',
        domain,
        message: `${domain}: ${above.length} capabilit${above.length === 1 ? 'y' : 'ies'} of level ${[...new Set(above.map((e) => e.question.level))].join(' and ')} in place (${above.map((e) => e.question.id).join(', ')}), but level ${level + 1} is not: ${names(missing)}; they count once the levels below them are in place`,
        source: DO_NOT_SKIP,
      });
    }
    const sources = level === 1 ? [LEVEL_ONE_SOURCE[domain]] : [...new Set(questionsAt(domain, level).flatMap((q) => q.source.split('; ')))];
    return { domain, level, sources, means: LEVEL_NOTES[domain][level].text, evidence, missing };
  });
  const profile = Object.fromEntries(domains.map((d) => [d.domain, d.level])) as Record<Domain, Level>;

  const baseline = QUESTIONS.filter((q) => q.domain === 'baseline').map((q) => {
    const e = given(q);
    e.counted = e.answer === 'yes';
    return e;
  });
  // 002: a team without the basics gains more from them than from advanced capability.
  const high = domains.filter((d) => d.level >= 3);
  const gaps = baseline.filter((e) => e.answer !== 'yes');
  if (high.length && gaps.length) {
    warnings.push({
      kind: 'baseline',
      message: `baseline: ${names(gaps)} not in place under ${high.map((d) => `${d.domain} ${d.level}`).join(', ')}; the basics come before advanced capability`,
      source: `002 Baseline checklist; ${DO_NOT_SKIP}`,
    });
  }
  const { profile: effective, caps } = effectiveProfile(profile, lead);
  for (const c of caps) {
    warnings.push({
      kind: 'foundation-cap',
      domain: c.domain,
      message: `${c.domain}: level ${c.nominal} builds on ${c.because} at level ${profile[c.because]}; it delivers level ${c.effective} until ${c.because} is raised (${DOMAIN_TITLES[c.domain]} needs ${DOMAIN_TITLES[c.because]})`,
      source: `${DO_NOT_SKIP}; model.foundationLead ${lead}`,
    });
  }
  const blank = QUESTIONS.filter((q) => !set.answers.has(q.id));
  if (blank.length) {
    const shown = blank.slice(0, 5).map((q) => q.id).join(', ');
    const more = blank.length > 5 ? ` and ${blank.length - 5} more` : '';
    warnings.push({ kind: 'unanswered', message: `${blank.length} of ${QUESTIONS.length} questions left blank, counted as not in place: ${shown}${more}`, source: DO_NOT_SKIP });
  }
  return { profile, effective, caps, domains, baseline, warnings, answered: QUESTIONS.length - blank.length, total: QUESTIONS.length };
}
