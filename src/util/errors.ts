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

/** Where one replication ran: enough to replay it alone. */
export interface ReplicationSite {
  scenario: string;
  /** Canonical profile text. */
  profile: string;
  seed: number;
  replication: number;
}

/**
 * A bug met while simulating one replication. Its message names the replication and the
 * `imsim run` line that replays just that one (it survives a worker thread's boundary,
 * which keeps only the message); the cause keeps the original stack.
 */
export class ReplicationError extends Error {
  constructor(
    readonly site: ReplicationSite,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `${why}\n(in ${site.scenario} at profile ${site.profile}, seed ${site.seed}, replication ${site.replication}; ` +
        `replay it alone: imsim run ${site.scenario} --profile ${site.profile} --seed ${site.seed} --replication ${site.replication})`,
      { cause },
    );
    this.name = 'ReplicationError';
  }
}

/** Wraps what a replication threw, unless it already says where it happened or is the user's. */
export function replicationError(cause: unknown, site: ReplicationSite): unknown {
  return cause instanceof ReplicationError || cause instanceof UserError ? cause : new ReplicationError(site, cause);
}
