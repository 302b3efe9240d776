// The live view of `imsim year` (Ink, on stderr): years done of total, each profile's
// running mean annual loss and downtime with their 95% intervals, the paired change, and
// each team's load. It only displays the YearResult it is given (computed by src/year
// from the years done so far); it computes nothing itself.
import { Box, render, Text } from 'ink';
import { money } from '../../report/compare.js';
import type { YearFrame, YearResult } from '../../year/index.js';

const WIDTH = 30;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const range = (ci: [number, number], f: (x: number) => string) => `[${f(ci[0])}, ${f(ci[1])}]`;
const hours = (x: number) => x.toFixed(1);

export interface YearViewProps {
  frame: YearFrame;
  total: number;
  done: number;
  elapsedMs: number;
  result: YearResult | undefined;
  /** Bold and dim text only when colour is wanted (a TTY without NO_COLOR). */
  color?: boolean;
}

export function YearView({ frame, total, done, elapsedMs, result, color = true }: YearViewProps) {
  const filled = total ? Math.min(WIDTH, Math.round((done / total) * WIDTH)) : WIDTH;
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold={color}>imsim year</Text> {frame.org.name}, seed {frame.seed}
      </Text>
      <Text>
        {'█'.repeat(filled)}
        {'░'.repeat(WIDTH - filled)} {done}/{total} years  {rate.toFixed(1)} years/s
      </Text>
      {result?.profiles.map((p) => (
        <Box key={p.name} flexDirection="column">
          <Text>
            {p.name.padEnd(10)} loss {money(p.totals.cost.mean)} {range(p.totals.cost.ci95, money)}  downtime {hours(p.totals.downtimeHours.mean)} h{' '}
            {range(p.totals.downtimeHours.ci95, hours)}
          </Text>
          {p.change && (
            <Text>
              {' '.repeat(10)} change against {p.change.against}: loss {money(p.change.totals.cost.mean)} {range(p.change.totals.cost.ci95, money)}  downtime{' '}
              {hours(p.change.totals.downtimeHours.mean)} h
            </Text>
          )}
        </Box>
      ))}
      {result && (
        <Text dimColor={color}>
          busy: {result.profiles[0]!.teams.map((t, i) => `${t.id} ${result.profiles.map((p) => pct(p.teams[i]!.figures.utilization.mean)).join('/')}`).join('  ')}
        </Text>
      )}
    </Box>
  );
}

/** Draws on stderr, at most ten times a second; `end` leaves the last frame on screen. */
export function startYearView(frame: YearFrame, total: number, color: boolean, stream: NodeJS.WriteStream = process.stderr) {
  let last = -Infinity;
  let app: ReturnType<typeof render> | undefined;
  let props: YearViewProps = { frame, total, done: 0, elapsedMs: 0, result: undefined, color };
  const draw = () => {
    const node = <YearView {...props} />;
    if (app) app.rerender(node);
    else app = render(node, { stdout: stream, patchConsole: false, exitOnCtrlC: false });
  };
  draw();
  return {
    update(done: number, result: YearResult, elapsedMs: number) {
      props = { ...props, done, result, elapsedMs };
      if (elapsedMs - last < 100 && done < total) return;
      last = elapsedMs;
      draw();
    },
    end() {
      draw();
      app?.unmount();
    },
  };
}
