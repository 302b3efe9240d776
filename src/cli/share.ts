// A second terminal on the same exercise: the facilitator's terminal shares its display
// on a local socket (`--share PATH`), another (the projector, or a co-facilitator) follows
// it (`--follow PATH`) with its own view. One line of JSON a message: first what fixes
// the story (the session head), then the display (decisions, record, clock) each time it
// changes. The follower replays the decisions through the same engine; nothing but the
// display crosses the socket. A follower that goes away never disturbs the facilitator.
import { existsSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import type { SessionHead, SharedDisplay } from '../tabletop/index.js';
import { UserError } from '../util/index.js';

type Message = { head: SessionHead } | { display: SharedDisplay };

export interface Share {
  /** Sends the display to every follower now and to any that connects later. */
  send(display: SharedDisplay): void;
  /** Stops sharing: followers are told the session ended; the socket file is removed. */
  close(): void;
}

/** Whether something answers on `path` (a stale socket file left by a killed process does not). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

export async function shareOn(path: string, head: SessionHead): Promise<Share> {
  if (existsSync(path)) {
    if (await answers(path)) throw new UserError([{ flag: '--share', file: path, message: 'another exercise is already shared there' }]);
    rmSync(path, { force: true }); // left by a process that was killed
  }
  const clients = new Set<Socket>();
  let last: string | undefined;
  const line = (m: Message) => `${JSON.stringify(m)}\n`;
  const hello = line({ head });
  const server = createServer((socket) => {
    clients.add(socket);
    socket.on('error', () => clients.delete(socket));
    socket.on('close', () => clients.delete(socket));
    socket.write(hello);
    if (last) socket.write(last);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(new UserError([{ flag: '--share', file: path, message: `cannot share there (${e.code ?? e.message})` }])));
    server.listen(path, () => resolve());
  });
  server.on('error', () => undefined);
  return {
    send(display) {
      last = line({ display });
      for (const c of clients) if (!c.destroyed) c.write(last);
    },
    close() {
      for (const c of clients) c.end();
      server.close();
      rmSync(path, { force: true });
    },
  };
}

export interface Following {
  head: SessionHead;
  /** Displays as they come, then `closed` once the facilitator stops sharing (or the connection drops). */
  subscribe(listener: (d: SharedDisplay | 'closed') => void): () => void;
  close(): void;
}

export function follow(path: string): Promise<Following> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let buffer = '';
    let head: SessionHead | undefined;
    let latest: SharedDisplay | undefined;
    let closed = false;
    const listeners = new Set<(d: SharedDisplay | 'closed') => void>();
    const emit = (d: SharedDisplay | 'closed') => listeners.forEach((l) => l(d));
    socket.setEncoding('utf8');
    socket.once('error', (e: NodeJS.ErrnoException) => {
      if (head) return;
      const why = e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? 'no exercise is shared there (start one with --share)' : `cannot connect (${e.code ?? e.message})`;
      reject(new UserError([{ flag: '--follow', file: path, message: why }]));
    });
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let m: Message;
        try {
          m = JSON.parse(text) as Message;
        } catch {
          continue; // a torn or foreign line: the next display replaces it anyway
        }
        if ('head' in m && !head) {
          head = m.head;
          resolve({
            head,
            subscribe(listener) {
              listeners.add(listener);
              if (latest) listener(latest);
              if (closed) listener('closed');
              return () => listeners.delete(listener);
            },
            close: () => socket.destroy(),
          });
        } else if ('display' in m) {
          latest = m.display;
          emit(m.display);
        }
      }
    });
    socket.on('close', () => {
      closed = true;
      if (!head) reject(new UserError([{ flag: '--follow', file: path, message: 'the connection closed before the exercise was shared' }]));
      else emit('closed');
    });
    socket.on('error', () => undefined);
  });
}
