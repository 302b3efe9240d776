// The checkpoint next to a sweep's output (`OUT.checkpoint`). A sweep streams finished
// cells, in order, into `OUT.inprogress`; the checkpoint says how many cells and bytes
// of that file are good, and holds the exact state of the cells still open (some of
// their units done) with the list of those units. Every unit is therefore either in
// the good part of the file, or in an open cell's state and listed, or to be run again:
// a resume after `kill -9` loses no run and counts none twice. The checkpoint is
// replaced atomically (files.ts) after the in-progress file is flushed to disk.
import { readFileSync } from 'node:fs';
import { UserError } from '../util/index.js';
import { FORMATS, stateProblem, type CellState, type Format, type Header } from './output.js';

export const CHECKPOINT_TYPE = 'imsim-sweep-checkpoint';

export interface OpenCell {
  cell: number;
  /** The cell's units already summed into `state`. */
  units: number[];
  state: CellState;
}

export interface Checkpoint {
  type: typeof CHECKPOINT_TYPE;
  header: Header;
  /** Format of the in-progress file. */
  format: Format;
  /** Cells written in full to the in-progress file, counted from the shard's first cell. */
  written: number;
  /** Bytes of the in-progress file that hold the head and those cells. */
  bytes: number;
  open: OpenCell[];
}

export const checkpointPath = (out: string) => `${out}.checkpoint`;
export const inProgressPath = (out: string) => `${out}.inprogress`;

export function readCheckpoint(file: string): Checkpoint {
  let cp: Checkpoint;
  const corrupt = (why: string) =>
    new UserError([{ flag: '--resume', file, message: `not a usable sweep checkpoint (${why}); delete it to start over` }]);
  try {
    cp = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint;
  } catch (e) {
    throw corrupt((e as Error).message);
  }
  const ok =
    cp !== null &&
    typeof cp === 'object' &&
    cp.type === CHECKPOINT_TYPE &&
    typeof cp.header === 'object' &&
    (FORMATS as readonly string[]).includes(cp.format) &&
    Number.isSafeInteger(cp.written) &&
    Number.isSafeInteger(cp.bytes) &&
    Array.isArray(cp.open) &&
    cp.open.every((o) => Number.isSafeInteger(o.cell) && Array.isArray(o.units) && typeof o.state === 'object');
  if (!ok) throw corrupt('unexpected content');
  for (const o of cp.open) {
    const wrong = stateProblem(o.state, cp.header.baseline !== undefined);
    if (wrong) throw corrupt(`open cell ${o.cell} ${wrong}`);
  }
  return cp;
}
