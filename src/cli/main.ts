// The command line: commander definitions and the one place errors are caught.
// Command bodies live in ./commands and are imported only when their command runs,
// so `imsim --help` loads neither the simulator nor Ink. The CLI may import anything.
import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../util/errors.js';
import { CALIBRATION_HELP, ORG_NAMES_HELP, PROFILE_HELP, PROFILES_HELP, SEED_HELP } from './help.js';
import { stdoutOut } from './output.js';

const VERSION = '0.1.0';

type Action = (...args: any[]) => Promise<number> | number;

/** The command whose action is running, for the report of an internal error. */
let running: Command | undefined;

export function buildProgram(setCode: (code: number) => void): Command {
  const program = new Command('imsim')
    .description(
      'Simulate IT incident and change lifecycles at different maturity levels:\n' +
        'replay worked scenarios at any maturity profile and compare MTTD, MTTR, disruption and cost.',
    )
    .version(VERSION)
    .showHelpAfterError('(add --help for usage)')
    // Options after a subcommand belong to it (`calibration check --json`).
    .enablePositionalOptions()
    .configureOutput({ outputError: (str, write) => write(`imsim: ${str.replace(/^error: /, '')}`) })
    .exitOverride();

  /** Wraps a lazily imported command so its exit code reaches main. */
  const run =
    (load: () => Promise<Action>) =>
    async (...args: unknown[]) => {
      // Commander passes the command itself last: its options (the seed, defaulted or
      // not) are what an internal error's report shows.
      running = args.at(-1) as Command;
      const action = await load();
      setCode(await action(...args));
    };

  program
    .command('levels')
    .description('the maturity levels, their names in each source framework, and what each domain has at each level')
    .option('--json', 'machine-readable output')
    .action(
      run(async () => {
        const { runLevels } = await import('./commands/levels.js');
        return (opts: { json?: boolean }) => runLevels(stdoutOut(), opts);
      }),
    );

  program
    .command('machines')
    .description('the states and transitions a workflow has at a profile')
    .argument('[machine]', 'incident or change (default: both)')
    .option('-p, --profile <profile>', PROFILE_HELP, '3')
    .addOption(new Option('--json', 'machine-readable output').conflicts('mermaid'))
    .option('--mermaid', 'a Mermaid stateDiagram-v2')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--org <file>', ORG_NAMES_HELP)
    .action(
      run(async () => {
        const { runMachines } = await import('./commands/machines.js');
        return (machine: string | undefined, opts: { profile: string; json?: boolean; mermaid?: boolean; calibration?: string; org?: string }) =>
          runMachines(stdoutOut(), machine, opts);
      }),
    );

  program
    .command('list')
    .description('the scenarios that ship with imsim (--orgs: the organizations)')
    .option('--orgs', 'the shipped organization files instead (scenarios/orgs)')
    .option('--json', 'machine-readable output')
    .action(
      run(async () => {
        const { runList } = await import('./commands/list.js');
        return (opts: { json?: boolean; orgs?: boolean }) => runList(stdoutOut(), opts);
      }),
    );

  program
    .command('validate')
    .description('check scenario, organization and answers files (or folders of them); exit 2 naming file, line and field on any problem')
    .argument('<files...>', 'scenario, organization or assessment-answers YAML files, or folders (a file with `workload:` or `teams:` is an organization, one with `answers:` an answers file)')
    .option('--json', 'machine-readable report')
    .option('--calibration <file>', 'calibration overrides the scenarios are checked against')
    .action(
      run(async () => {
        const { runValidate } = await import('./commands/validate.js');
        return (files: string[], opts: { json?: boolean; calibration?: string }) => runValidate(stdoutOut(), files, opts);
      }),
    );

  program
    .command('run')
    .description('one replication of a scenario as a timeline, with its metrics')
    .argument('<scenario>', 'a scenario id (see `imsim list`) or a YAML file')
    .option('-p, --profile <profile>', PROFILE_HELP, '1')
    .option('-s, --seed <n>', SEED_HELP, '1')
    .option('-r, --replication <i>', 'which replication of the seed', '0')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--org <file>', ORG_NAMES_HELP)
    .option('--json', 'machine-readable output')
    .action(
      run(async () => {
        const { runRun } = await import('./commands/run.js');
        return (scenario: string, opts: import('./commands/run.js').RunOpts) => runRun(stdoutOut(), scenario, opts);
      }),
    );

  program
    .command('compare')
    .description('replay scenarios at several profiles and compare MTTD, MTTA, MTTR, disruption and cost, with paired deltas')
    .argument('[scenarios...]', 'scenario ids or YAML files')
    .option('-a, --all', 'every scenario that ships with imsim')
    .option('-P, --profiles <list>', `${PROFILES_HELP}; the first is the baseline the others are paired with`, '1,3')
    .option('-n, --runs <n>', 'replications per scenario and profile', '1000')
    .option('-s, --seed <n>', SEED_HELP, '1')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--org <file>', `${ORG_NAMES_HELP}; given, each scenario its workload draws costs what the organization's service costs`)
    .option('--json', 'one JSON document')
    .option('--csv', 'CSV, one row per statistic (the schema sweeps write: seed, scenario, profile, profile_name, effective, baseline, metric, statistic, value)')
    .addHelpText(
      'after',
      '\nOn a terminal (not --json/--csv, CI unset) a live dashboard: up/down scenario, tab/shift+tab metric, q quit;\n' +
        'the plain table stays on screen after it. Piped, it prints the plain table only.',
    )
    .action(
      run(async () => {
        const { runCompare } = await import('./commands/compare.js');
        return (scenarios: string[], opts: import('./commands/compare.js').CompareOpts) => runCompare(stdoutOut(), scenarios, opts);
      }),
    );

  const calibration = program
    .command('calibration')
    .description('every number the simulator uses, with its source; `calibration check` tests it against published bands')
    .option('--json', 'machine-readable output')
    .option('--markdown', 'the Markdown document (docs/calibration.md)')
    .option('-d, --domain <domain>', 'only this domain or area (change, config, observability, serviceDesk, secOps, users, attacker, ...)')
    .option('-l, --level <level>', 'only entries at this level (and those that hold at every level)')
    .option('--calibration <file>', CALIBRATION_HELP)
    .action(
      run(async () => {
        const { runCalibration } = await import('./commands/calibration.js');
        return (opts: import('./commands/calibration.js').CalibrationOpts) => runCalibration(stdoutOut(), opts);
      }),
    );

  calibration
    .command('check')
    .description('run the change workload and the scenarios and check them against DORA, CrowdStrike and the documents; exit 1 if any check fails')
    .option('-n, --runs <n>', 'replications per check', '1000')
    .option('-s, --seed <n>', SEED_HELP, '1')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--json', 'machine-readable output')
    .action(
      run(async () => {
        const { runCalibrationCheck } = await import('./commands/calibration-check.js');
        return (opts: import('./commands/calibration-check.js').CheckOpts) => runCalibrationCheck(stdoutOut(), opts);
      }),
    );

  // ---- sweeps (src/sweep): many runs on every core, shards, merge --------------------
  program
    .command('sweep')
    .description('scenarios x profiles x seeded runs on every core, to CSV, NDJSON or JSON; checkpointed, resumable, shardable')
    .option('-S, --scenarios <list>', 'scenario ids or YAML files, separated by commas, or "all"', 'all')
    .option('-P, --profiles <grid>', `${PROFILES_HELP} (default: 1..5; with --years, the organization's named profiles)`)
    .option('-n, --runs <n>', 'replications per scenario and profile', '1000')
    .option('-s, --seed <n>', SEED_HELP, '1')
    .requiredOption('-o, --out <file>', 'output file, written whole (a link is followed, one sweep at a time); its extension picks the format: .ndjson, .json (both mergeable) or .csv')
    .option('-w, --workers <k>', 'worker threads (default: one per core)')
    .option('--shard <i/N>', 'run only shard i of N (i from 0, as JOB_COMPLETION_INDEX); combine the outputs with `imsim merge`')
    .option('--resume', 'finish a sweep that was interrupted, from OUT.checkpoint')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--block <n>', 'replications per unit of work and of checkpoint; results do not depend on it (default: 1000)')
    .option('--baseline <profile>', 'also pair every replication with the same one at this profile: the change against it, with its 95% interval, per cell')
    .option('--org <file>', ORG_NAMES_HELP)
    .option('--years <n>', "an organization's years as the unit: --org FILE (default midsize) x its profiles x --set variants x N simulated years (see `imsim year`)")
    .option('--set <path=values>', 'with --years: vary a field of the organization file, e.g. teams.serviceDesk.shifts.0.staff=3..6 or a list a,b,c; every combination of the --set options is a variant (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--checkpoint-every <s>', 'seconds between checkpoints', '2')
    .option('--progress <mode>', 'auto (a bar on a terminal, else a line every 5 s on stderr), bar, lines or none', 'auto')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  imsim sweep --profiles 1..5 --runs 10000 -o sweep.ndjson                       every scenario at every level\n' +
        '  imsim sweep --org midsize --years 200 --set teams.serviceDesk.shifts.0.staff=2..6 -o desk.csv\n' +
        '                                                      a staffing what-if: 5 variants x 2 profiles x 200 years\n' +
        '  imsim sweep --org my-org.yaml --years 1000 --shard 0/8 -o part0.ndjson     one shard; imsim merge the parts',
    )
    .action(
      run(async () => {
        const { runSweepCommand } = await import('./commands/sweep.js');
        return (opts: import('./commands/sweep.js').SweepOpts) => runSweepCommand(stdoutOut(), opts);
      }),
    );

  program
    .command('tabletop')
    .description(
      'a tabletop exercise: the scenario unfolds on a simulated clock, injects reach the teams, the room decides, the facilitator scores and takes notes; ' +
        'then the after-action report and improvement plan, with the same story one level up and the best choices open',
    )
    .argument('[scenario]', 'a scenario id (see `imsim list`) or a YAML file (optional with --resume)')
    .option('-p, --profile <profile>', `${PROFILE_HELP} (required unless --resume)`)
    .option('-s, --seed <n>', `${SEED_HELP} (default 1, or the session's)`)
    .option('-d, --decisions <list>', 'play these choices without a keyboard, in order: option numbers as shown or option ids ("2,disable"); decisions beyond the list take the first open option')
    .option('--scores <list|file>', 'expectation scores without a keyboard: "ack-ticket=100,contain=50/100" (one per member with /), or a YAML file of id: score')
    .option('--rehearsal <file>', 'a YAML file with decisions, scores, notes, lessons and owners: an unattended rehearsal (a saved session file works too, with --resume)')
    .option('-r, --report <file>', 'write the after-action report and improvement plan: Markdown, or one self-contained HTML page when the name ends in .html (same inputs: same bytes); a file is written whole, a link followed, /dev/stdout or - streams; folders, pipes and disks are refused')
    .addOption(new Option('-t, --transcript <file>', 'the former name of --report').hideHelp())
    .option('--save <file>', 'keep the session (decisions, scores, notes, lessons) in this file as it goes; q writes it too')
    .option('--resume <file>', 'carry on a saved session (its scenario, profile, seed and record) and keep saving to it; the same inputs end with the same report')
    .option('--view <view>', "players (what the organization could know: the default) or facilitator (everything, and the expectations to score)")
    .option('--share <socket>', 'share this terminal\'s exercise on a local socket, for a second terminal to follow (the projector)')
    .option('--follow <socket>', 'follow the exercise another terminal shares, in this terminal\'s own view (players by default); v switches, q stops')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--org <file>', ORG_NAMES_HELP)
    .option('--json', 'the after-action review as one JSON document (no terminal UI)')
    .addHelpText(
      'after',
      '\nOn a terminal: space pause/resume, n next event, +/- speed, v players\' or facilitator\'s view, s score expectations,\n' +
        'o take a note (stamped with the simulated time), l lessons-learned round, u undo the last decision, q quit (asks, then saves the session);\n' +
        'at a decision, 1-9 or up/down and Enter choose (Enter alone takes the highlighted option, the first open one).\n' +
        'With --decisions, --scores, --rehearsal, --json, a pipe or CI set, no terminal UI: the exercise is rehearsed and the review printed.',
    )
    .action(
      run(async () => {
        const { runTabletop } = await import('./commands/tabletop.js');
        return (scenario: string | undefined, opts: import('./commands/tabletop.js').TabletopOpts) => runTabletop(stdoutOut(), scenario, opts);
      }),
    );

  const create = program.command('new').description('write a starting point to edit: `new scenario`');
  create
    .command('scenario')
    .description('a commented scenario skeleton with an exercise plan, one that `imsim validate` accepts')
    .option('-o, --out <file>', 'write it to this file (refused if it exists) instead of printing it')
    .option('--id <id>', 'the scenario id (lowercase words joined by hyphens)', 'my-scenario')
    .option('--kind <kind>', 'operational (a fault) or security (an attack)', 'security')
    .action(
      run(async () => {
        const { runNewScenario } = await import('./commands/new.js');
        return (opts: import('./commands/new.js').NewScenarioOpts) => runNewScenario(stdoutOut(), opts);
      }),
    );

  program
    .command('assess')
    .description('where are we today? a questionnaire (or a YAML answers file) scored to a level per domain, with its evidence and seed sections; writes `today` into an organization file')
    .option('-a, --answers <file>', 'answers from a YAML file instead of the questionnaire (for CI and consultants; --template writes a blank one)')
    .option('--org <file>', 'the organization file the profile belongs to (compared with its current profile; written with --write)')
    .option('-w, --write', 'write the profile into --org as profiles.NAME, keeping comments and order; the file must still check, or nothing is written')
    .option('--name <name>', 'the profile name to set', 'today')
    .option('--save-answers <file>', 'also write the answers given as an answers file (to rerun them with --answers)')
    .option('--template', 'print a blank answers file: every question with its seed section')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nOn a terminal without --answers: one question at a time, y yes, p partly, n no, space leave blank, b back,\n' +
        '? summary, Enter (on the summary) done, q quit. Piped or in CI, give --answers.\n' +
        'A level counts when all its capabilities and those of every level below are in place (seed 002, do not skip levels).',
    )
    .action(
      run(async () => {
        const { runAssess } = await import('./commands/assess.js');
        return (opts: import('./commands/assess.js').AssessOpts) => runAssess(stdoutOut(), opts);
      }),
    );

  program
    .command('year')
    .description("an organization's year of operations: incidents, attacks, changes and routine work competing for its teams, at each profile, over many simulated years")
    .argument('[org]', 'an organization YAML file, or a shipped one (`imsim list --orgs`)', 'midsize')
    .option('-P, --profiles <list>', 'profiles to run, the first is the baseline: names from the organization file ("today,target") or levels ("2;3"); default: every profile the file names')
    .option('-y, --years <n>', 'simulated years per profile (year i is the same year at every profile)', '200')
    .option('-s, --seed <n>', 'master seed', '1')
    .option('--set <path=value>', 'override a field of the organization file, e.g. teams.serviceDesk.shifts.0.staff=4 (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-w, --workers <k>', 'worker threads (default: one per core); results do not depend on it')
    .option('--calibration <file>', CALIBRATION_HELP)
    .addOption(new Option('--json', 'the YearResult as one JSON document').conflicts('csv'))
    .option('--csv', 'one CSV row per profile, section, item and figure')
    .option('--shard <i/N>', 'run only shard i of N of the years (i from 0, as JOB_COMPLETION_INDEX) into --out; `imsim merge` combines the parts')
    .option('-o, --out <file>', 'with --shard: the part file (.json)')
    .option('--progress <mode>', 'auto (a live view on a terminal, else a line every 5 s on stderr), live, lines or none', 'auto')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  imsim year --profiles today,target --years 200          the shipped mid-size organization\n' +
        '  imsim year my-org.yaml --years 1000 --json > year.json  your organization, as data\n' +
        '  imsim year --set teams.serviceDesk.shifts.0.staff=4     a staffing what-if\n' +
        '  imsim year scenarios/orgs/mmc.yaml --years 20 --json    the M/M/c reference queue (Erlang C beside it)\n' +
        '  imsim year --years 1000 --shard 0/4 -o part0.json       one of four shards; then imsim merge part*.json -o year.json\n' +
        '\nThe same seed gives the same output byte for byte, whatever --workers or the shard split.\n' +
        'See docs/year.md for the model: arrivals, teams, downtime, tolerance and SLA breaches, common random numbers.',
    )
    .action(
      run(async () => {
        const { runYear } = await import('./commands/year.js');
        return (org: string | undefined, opts: import('./commands/year.js').YearOpts) => runYear(stdoutOut(), org, opts);
      }),
    );

  program
    .command('advise')
    .description('which domain to raise next, what each step avoids a year against what it costs (ROSI), and a roadmap of steps that never skips a level')
    .argument('[org]', 'an organization YAML file, or a shipped one (`imsim list --orgs`)', 'midsize')
    .option('-f, --from <profile>', 'the starting profile: a name from the organization file ("today") or levels; default: its first profile')
    .option('-b, --budget <dollars>', 'the most the plan may spend in its first year (one-off costs plus a year of running costs), e.g. 750k or 1.5M')
    .option('-k, --steps <n>', 'steps in the roadmap at most', '3')
    .option('-y, --years <n>', 'simulated years per profile (year i is the same year at every profile)', '20')
    .option('-s, --seed <n>', 'master seed', '1')
    .option('--set <path=value>', 'override a field of the organization file, e.g. improvementCosts.secOps.3.oneOff=150000 (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-w, --workers <k>', 'worker threads (default: one per core); results do not depend on it')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--json', 'the AdviceResult as one JSON document')
    .option('--progress <mode>', 'auto (a line every 5 s on stderr), lines or none', 'auto')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  imsim advise --from today                        the shipped mid-size organization, three steps\n' +
        '  imsim advise my-org.yaml --budget 750k --json    your organization within a first-year budget, as data\n' +
        '  imsim advise --steps 2 --years 100               two steps, a tighter ranking\n' +
        '\nEvery profile reachable within the limits is simulated on the same years (common random numbers);\n' +
        'the same seed gives the same roadmap, whatever --workers. See docs/advise.md: how it decides, ROSI, caps, search.',
    )
    .action(
      run(async () => {
        const { runAdvise } = await import('./commands/advise.js');
        return (org: string | undefined, opts: import('./commands/advise.js').AdviseOpts) => runAdvise(stdoutOut(), org, opts);
        }),
      );

  program
    .command('report')
    .description("the leaders' report: one self-contained HTML page (or Markdown) with the year's annual loss, its exceedance curve, restoration times, tolerance, team load, the roadmap and what drives the result")
    .argument('[org]', 'an organization YAML file, or a shipped one (`imsim list --orgs`)', 'midsize')
    .requiredOption('-o, --out <file>', 'the report: .html (self-contained, prints well), .md, or .json (the data behind it)')
    .option('-P, --profiles <list>', 'profiles to compare, the first is the baseline: names from the organization file ("today,target") or levels ("2;3"); default: every profile the file names')
    .option('-y, --years <n>', 'simulated years per profile (as `imsim year --years`)', '200')
    .option('-s, --seed <n>', 'master seed', '1')
    .option('--set <path=value>', 'override a field of the organization file (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-w, --workers <k>', 'worker threads (default: one per core); results do not depend on it')
    .option('--calibration <file>', CALIBRATION_HELP)
    .option('--runs <n>', 'single-incident runs per scenario and profile for the restoration times', '500')
    .option('--driver-years <n>', 'simulated years per calibration entry setting for the drivers (0 leaves them out)', '20')
    .option('-k, --steps <n>', 'the roadmap: the advisor runs from the first profile for at most this many steps, 0 leaves the roadmap out (default: 3)')
    .option('-b, --budget <dollars>', "the roadmap's first-year spend at most (as `imsim advise --budget`)")
    .option('--advice-years <n>', 'simulated years per profile for the advisor (as `imsim advise --years`)', '20')
    .option('--advice <file>', 'draw a saved roadmap instead: a file written by `imsim advise --json` for the same organization')
    .option('--progress <mode>', 'lines (a line per stage on stderr) or none', 'lines')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  imsim report --out report.html                          the shipped mid-size organization\n' +
        '  imsim report my-org.yaml --years 500 --out r.html       your organization\n' +
        '  imsim report --steps 2 --budget 500k --out r.html       a two-step roadmap within a first-year budget\n' +
        '  imsim advise --json > a.json && imsim report --advice a.json --out r.html   a saved roadmap\n' +
        '\nThe same seed gives the same file byte for byte. Every figure equals what `imsim year --json` prints\n' +
        '(`imsim compare --json` for restoration times, `imsim advise --json` for the roadmap) for the same seed\n' +
        'and years; the methods section prints those commands. See docs/report.md.',
    )
    .action(
      run(async () => {
        const { runReport } = await import('./commands/report.js');
        return (org: string | undefined, opts: import('./commands/report.js').ReportOpts) => runReport(stdoutOut(), org, opts);
      }),
    );

  program
    .command('merge')
    .description('merge the outputs of a sharded sweep (or the parts of a sharded `imsim year`) into what one unsharded run writes (or convert one output to another format)')
    .argument('<parts...>', 'sweep outputs (.ndjson or .json), or year parts (.json), one per shard')
    .requiredOption('-o, --out <file>', 'merged output: .ndjson, .json or .csv (year parts: .json as `year --json`, .csv or .txt)')
    .action(
      run(async () => {
        const { runMergeCommand } = await import('./commands/sweep.js');
        return (parts: string[], opts: import('./commands/sweep.js').MergeOpts) => runMergeCommand(stdoutOut(), parts, opts);
      }),
    );

  return program;
}

/** A word as a POSIX shell reads it back unchanged: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line that reproduces this run: the arguments as given, plus the seed the
 * command ran with when it was left to its default (a later default would replay another run).
 */
export function reproduceLine(argv: readonly string[], command: Command | undefined): string {
  const args = argv.slice(2);
  const seed = command?.opts().seed as string | undefined;
  const gaveSeed = args.some((a) => /^(--seed(=.*)?|-s.*)$/.test(a));
  return ['imsim', ...args, ...(seed !== undefined && !gaveSeed ? ['--seed', seed] : [])].map(shellQuote).join(' ');
}

let pipeGuard = false;

/** Runs the CLI; resolves to the exit code: 0 ok, 1 run failed, 2 bad input or usage. */
export async function main(argv: string[]): Promise<number> {
  // A reader that closes the pipe early (`imsim ... | head`) wants no more output: stop
  // quietly, as Unix tools do on SIGPIPE, instead of dying on an unhandled EPIPE. Once
  // per process: main may run many times in one (tests).
  if (!pipeGuard) {
    pipeGuard = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(0);
    });
  }
  let code = 0;
  running = undefined;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end here too, with their own zero code.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`imsim: ${e.message.split('\n').join('\nimsim: ')}\n`);
      return 2;
    }
    // A bug, not the user's input: say so, how to run into it again, and the trace.
    process.stderr.write(
      `imsim: internal error (a bug in imsim, not a mistake in your input): ${(e as Error)?.message ?? String(e)}\n` +
        `imsim: this command reproduces it: ${reproduceLine(argv, running)}\n` +
        'imsim: please report it with that command line, the files it names, and the trace below\n' +
        `${(e as Error)?.stack ?? String(e)}\n`,
    );
    return 1;
  }
}
