// Terminal conventions in one place: colour only on a TTY and never under NO_COLOR,
// plain aligned tables otherwise, JSON with a trailing newline.

export interface Out {
  write(text: string): void;
  isTTY: boolean;
  color: boolean;
}

export function stdoutOut(): Out {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    write: (text) => void process.stdout.write(text),
    isTTY,
    color: isTTY && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') && process.env.TERM !== 'dumb',
  };
}

/** Whether to draw the Ink UI: a real terminal, not CI, not asked for machine output. */
export function wantsInteractive(out: Out, opts: { json?: boolean; csv?: boolean }): boolean {
  // CONTINUOUS_INTEGRATION too: Ink itself treats it as CI and would draw nothing until exit.
  return out.isTTY && !opts.json && !opts.csv && !process.env.CI && !process.env.CONTINUOUS_INTEGRATION;
}

/**
 * A progress line redrawn in place on a terminal's stderr (silent when stderr is not a
 * terminal): a carriage return and spaces over what was there, no escape codes (so
 * NO_COLOR and dumb terminals get plain text too). `clear()` leaves the line empty.
 */
export function statusLine(stream: NodeJS.WriteStream = process.stderr): { show(text: string): void; clear(): void } {
  if (!stream.isTTY) return { show: () => {}, clear: () => {} };
  let last = 0;
  const show = (text: string) => {
    stream.write(`\r${text.padEnd(last)}`);
    last = text.length;
  };
  return { show, clear: () => (show(''), stream.write('\r')) };
}

const codes = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
export type Style = keyof typeof codes;

export function paint(out: Out, style: Style, text: string): string {
  if (!out.color) return text;
  const [open, close] = codes[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Left-aligned text columns, right-aligned numbers; rows are arrays of cells. */
export function table(rows: string[][], opts: { align?: ('l' | 'r')[]; gap?: number } = {}): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const gap = ' '.repeat(opts.gap ?? 2);
  return rows
    .map((r) =>
      r
        .map((c, i) => (opts.align?.[i] === 'r' ? c.padStart(widths[i]!) : i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join(gap)
        .trimEnd(),
    )
    .join('\n');
}
