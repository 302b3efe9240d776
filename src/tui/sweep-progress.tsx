// The sweep's progress bar on a terminal (Ink): a bar, lifecycles done of total, the rate
// and the time left, and the seed. Imported only by `imsim sweep`, with a dynamic
// import(), and only when stderr is a TTY, so piped runs and CI never load Ink or React.
// Displays what it is given; the sweep (src/sweep) measures.
import { Box, render, Text } from 'ink';
import { percent, rateAndEta, seconds, type ProgressSink, type ProgressState } from '../sweep/progress.js';

const WIDTH = 30;
const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function SweepProgress({ state, color, label }: { state: ProgressState; color: boolean; label: string }) {
  const pct = percent(state);
  const filled = Math.min(WIDTH, Math.round((pct / 100) * WIDTH));
  const { rate, eta } = rateAndEta(state);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{label}</Text>, seed {state.seed}
      </Text>
      <Text>
        <Text {...(color ? { color: 'green' } : {})}>{'█'.repeat(filled)}</Text>
        <Text dimColor={color}>{'░'.repeat(WIDTH - filled)}</Text> {Math.floor(pct)}%  {int(state.done)}/{int(state.total)} lifecycles
      </Text>
      <Text>
        {int(rate)}/s  ETA {eta === undefined ? '?' : seconds(eta)}  elapsed {seconds(state.elapsedMs / 1000)}
      </Text>
    </Box>
  );
}

/** A ProgressSink drawing on `stream` (stderr), redrawn at most ten times a second. */
export function inkProgress(stream: NodeJS.WriteStream, color: boolean, label: string): ProgressSink {
  let last = -Infinity;
  let app: ReturnType<typeof render> | undefined;
  const draw = (s: ProgressState) => {
    const node = <SweepProgress state={{ ...s }} color={color} label={label} />;
    if (app) app.rerender(node);
    else app = render(node, { stdout: stream, patchConsole: false, exitOnCtrlC: false });
  };
  return {
    update(s) {
      if (s.elapsedMs - last < 100) return;
      last = s.elapsedMs;
      draw(s);
    },
    end(s) {
      draw(s);
      app?.unmount();
    },
  };
}
