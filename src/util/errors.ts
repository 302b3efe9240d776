/**
 * One thing wrong with a user's input: where (file, line, dot-path or flag) and what.
 * Validators collect all of them before failing, so a user fixes a file in one pass.
 */
export interface Problem {
  file?: string;
  line?: number;
  column?: number;
  /** Dot-path of the field, e.g. `decisions.0.options.1.event`. */
  path?: string;
  /** Command-line flag or argument, e.g. `--profile`. */
  flag?: string;
  message: string;
}

/**
 * A mistake in what the user gave us (a file, a flag, a value). The CLI prints it
 * without a stack trace and exits 2; anything else that escapes is a bug.
 */
export class UserError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[] | string) {
    const list = typeof problems === 'string' ? [{ message: problems }] : problems;
    super(formatProblems(list));
    this.name = 'UserError';
    this.problems = list;
  }
}

export function formatProblem(p: Problem): string {
  const where: string[] = [];
  if (p.flag) where.push(p.flag);
  if (p.file) where.push(p.line ? `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}` : p.file);
  if (p.path) where.push(p.path);
  return where.length ? `${where.join(' ')}: ${p.message}` : p.message;
}

export function formatProblems(problems: Problem[]): string {
  return problems.map(formatProblem).join('\n');
}

