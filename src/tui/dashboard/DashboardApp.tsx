// The comparison dashboard: a scenario list, the selected scenario's profiles side by
// side with the change against the first and a histogram of the metric in focus, and a
// progress bar while the runner (passed in) works through the replications in chunks.
// Keys: up/down scenario, tab/shift+tab metric, q quit (the caller prints the final table).
// This folder holds the dashboard's components, one per file. They may import ink, react,
// ../theme, model, report, stats (to read summaries) and types from sim; never run
// replications themselves (the runner comes in as `run`), touch files or the CLI.
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { canonicalProfile, type Profile } from '../../model/index.js';
import { METRIC_LABELS } from '../../report/compare.js';
import { histogramOf } from '../../report/histogram.js';
import type { Scenario } from '../../sim/scenario.js';
import type { ChunkUpdate } from '../../experiment/chunks.js';
import { metricsFor, type MetricName } from '../../stats/compare.js';
import { KeyBar } from '../KeyBar.js';
import { useTint } from '../theme.js';
import { ComparisonTable } from './ComparisonTable.js';
import { DeltaTable } from './DeltaTable.js';
import { Histogram } from './Histogram.js';
import { ProgressBar } from './ProgressBar.js';
import { ScenarioList } from './ScenarioList.js';

export interface DashboardAppProps {
  scenarios: readonly Scenario[];
  profiles: readonly Profile[];
  runs: number;
  seed: number;
  /** The calibration's hash (and overrides), as the header shows it. */
  calibration: string;
  /** Starts the replications: merged results per scenario, chunk by chunk. */
  run: () => AsyncIterable<ChunkUpdate>;
  /** On quit, with what has run so far (undefined for scenarios not started). */
  onExit?: (results: readonly (ChunkUpdate | undefined)[]) => void;
}

const BASE: MetricName[] = ['mttr', 'disruption', 'cost'];

/** Profile names short enough for a column: the canonical form, or P1, P2... */
export function shortNames(profiles: readonly Profile[]): string[] {
  return profiles.map((p, i) => {
    const c = canonicalProfile(p);
    return c.length <= 10 ? c : `P${i + 1}`;
  });
}

export function DashboardApp({ scenarios, profiles, runs, seed, calibration, run, onExit }: DashboardAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const tint = useTint();
  const [results, setResults] = useState<(ChunkUpdate | undefined)[]>(() => scenarios.map(() => undefined));
  const [selected, setSelected] = useState(0);
  // The selection follows the running scenario until the user picks one.
  const follow = useRef(true);
  const [focus, setFocus] = useState<MetricName>('mttr');
  const [quitting, setQuitting] = useState(false);

  useEffect(() => {
    let stopped = false;
    const it = run()[Symbol.asyncIterator]();
    void (async () => {
      for (;;) {
        const r = await it.next();
        if (r.done || stopped) return;
        const u = r.value;
        setResults((prev) => prev.map((x, i) => (i === u.index ? { ...u } : x)));
        if (follow.current) setSelected(u.index);
      }
    })().catch((e: unknown) => exit(e instanceof Error ? e : new Error(String(e))));
    return () => {
      stopped = true;
      void it.return?.(undefined);
    };
  }, [run, exit]);

  useEffect(() => {
    if (!quitting) return;
    onExit?.(results);
    exit();
  }, [quitting]); // eslint-disable-line react-hooks/exhaustive-deps

  const scenario = scenarios[selected]!;
  const metrics = metricsFor(scenario);
  useInput((input, key) => {
    if (input.includes('q')) setQuitting(true);
    else if (key.upArrow || key.downArrow) {
      follow.current = false;
      setSelected((s) => Math.min(scenarios.length - 1, Math.max(0, s + (key.upArrow ? -1 : 1))));
    } else if (key.tab) {
      // Functional updates: keys arriving faster than redraws must each count.
      setFocus((f) => metrics[((metrics.includes(f) ? metrics.indexOf(f) : metrics.indexOf('mttr')) + (key.shift ? metrics.length - 1 : 1)) % metrics.length]!);
    }
  });

  // Drawn empty on the way out, so only the plain table printed afterwards stays on screen.
  if (quitting) return null;

  const columns = stdout?.columns ?? 100;
  const rows = stdout?.rows ?? 40;
  // Below 100 columns the scenario list gives way to a "2/10" counter, and the change
  // table shows the metric in focus only.
  const compact = columns < 100;
  const names = shortNames(profiles);
  const abbreviated = names.some((n, i) => n !== canonicalProfile(profiles[i]!));
  const listW = compact ? 0 : Math.min(34, Math.max(...scenarios.map((s) => s.id.length)) + 4);
  const rightW = Math.max(40, columns - listW - (compact ? 0 : 2));
  const barWidth = Math.max(3, Math.min(20, Math.floor((rightW - 18) / profiles.length) - 5));
  const done = results.reduce((s, r) => s + (r?.done ?? 0), 0);
  const running = results.findIndex((r, i) => (r?.done ?? 0) < runs && (i === 0 || (results[i - 1]?.done ?? 0) >= runs));
  const current = results[selected]?.comparison;
  const shown = metrics.includes(focus) ? focus : 'mttr';
  const tableColumns = BASE.includes(shown) ? BASE : [...BASE, shown];
  // Everything but the histogram's bins, so the frame fits the terminal's height.
  const fixed = 14 + 2 * profiles.length + (abbreviated ? 1 : 0);
  const bins = Math.min(8, rows - fixed);

  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>imsim compare</Text> · {scenarios.length} scenario{scenarios.length === 1 ? '' : 's'} · profiles {names.join(', ')} · {runs} runs each ·
        seed {seed} · calibration {calibration}
      </Text>
      {abbreviated ? (
        <Text dimColor wrap="truncate-end">
          {names.map((n, i) => (n === canonicalProfile(profiles[i]!) ? '' : `${n} = ${canonicalProfile(profiles[i]!)}`)).filter(Boolean).join('  ')}
        </Text>
      ) : null}
      <ProgressBar done={done} total={scenarios.length * runs} width={Math.min(40, Math.max(10, columns - 60))} {...(running >= 0 ? { label: scenarios[running]!.id } : {})} />
      <Box marginTop={1}>
        {compact ? null : <ScenarioList items={scenarios.map((s, i) => ({ id: s.id, done: results[i]?.done ?? 0, runs }))} selected={selected} width={listW} />}
        <Box flexDirection="column" width={rightW} marginLeft={compact ? 0 : 2}>
          <Text bold color={tint('cyan')} wrap="truncate-end">
            {compact ? `${selected + 1}/${scenarios.length} ` : ''}
            {scenario.id}: {scenario.title}
          </Text>
          {current ? (
            <>
              <Text dimColor>
                {results[selected]!.done < runs ? `${results[selected]!.done} of ${runs} runs so far` : `${runs} runs`} · means (p90); times from the onset
              </Text>
              <ComparisonTable comparison={current} names={names} columns={tableColumns} focus={shown} />
              <Box marginTop={1}>
                <DeltaTable comparison={current} names={names} columns={compact ? [shown] : tableColumns} />
              </Box>
              <Box marginTop={1}>
                {bins >= 3 ? (
                  <Histogram
                    title={`${METRIC_LABELS[shown]} distribution`}
                    data={histogramOf(
                      shown,
                      current.results.map((r) => r.cell.metrics.get(shown)!.sketch!),
                      bins,
                    )}
                    names={names}
                    barWidth={barWidth}
                  />
                ) : (
                  <Text dimColor>(the {METRIC_LABELS[shown]} histogram needs a taller terminal: {3 - bins} more rows)</Text>
                )}
              </Box>
            </>
          ) : (
            <Text dimColor>waiting for its replications...</Text>
          )}
        </Box>
      </Box>
      <Box marginTop={1}>
        <KeyBar
          keys={[
            ['↑↓', 'scenario'],
            ['tab', `metric (${METRIC_LABELS[shown]})`],
            ['q', 'quit'],
          ]}
        />
      </Box>
    </Box>
  );
}
