// Child process of bench/sockets.ts: holds the benchmark's graphql-ws sockets (the graphql-transport-ws protocol
// spoken directly over `ws`, so the client side stays light) and reports when events reach the author's sockets.
import WebSocket from 'ws';
import { ROUND_TRIP_QUERY, SUBSCRIPTIONS } from './operations.js';
import { wallClock, type Arrivals, type ClientProgress, type ClientReply, type ClientRequest, type SocketGroup } from './protocol.js';

const send = (message: ClientReply | ClientProgress) => process.send!(message);
const sockets = new Set<WebSocket>();
const problems: string[] = [];
const noteProblem = (text: string) => void (problems.length < 10 && problems.push(text));

let postLiked: Arrivals = { count: 0, first: null, last: null };
let notificationAdded: Arrivals = { count: 0, first: null, last: null };
let eventErrors: string[] = [];
let onArrival: (() => void) | null = null;
const arrive = (arrivals: Arrivals) => {
  const now = wallClock();
  arrivals.count++;
  arrivals.first ??= now;
  arrivals.last = now;
  onArrival?.();
};

/** Opens one socket, subscribes, and resolves true once the round-trip query has answered. */
function openSocket(url: string, group: SocketGroup): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    let ready = false;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${group.token}` } })));
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type: string; id?: string; payload?: { data?: unknown; errors?: unknown[] } };
      switch (message.type) {
        case 'connection_ack':
          for (const [id, query] of Object.entries(SUBSCRIPTIONS)) ws.send(JSON.stringify({ type: 'subscribe', id, payload: { query } }));
          ws.send(JSON.stringify({ type: 'subscribe', id: 'q', payload: { query: ROUND_TRIP_QUERY } }));
          return;
        case 'ping':
          return ws.send(JSON.stringify({ type: 'pong' }));
        case 'complete':
          if (message.id === 'q' && !ready) {
            ready = true;
            sockets.add(ws);
            resolve(true);
          }
          return;
        case 'error':
          noteProblem(`operation ${message.id}: ${JSON.stringify(message.payload).slice(0, 200)}`);
          return;
        case 'next': {
          if (message.payload?.errors) {
            if (eventErrors.length < 10) eventErrors.push(`${message.id}: ${JSON.stringify(message.payload.errors).slice(0, 200)}`);
            if (message.id === 'q') noteProblem(`round trip: ${JSON.stringify(message.payload.errors).slice(0, 200)}`);
            return;
          }
          if (!group.author) return;
          if (message.id === 'l') arrive(postLiked);
          else if (message.id === 'n') arrive(notificationAdded);
        }
      }
    });
    ws.on('error', (error) => noteProblem(`socket error: ${error.message}`));
    ws.on('close', (code, reason) => {
      sockets.delete(ws);
      if (!ready) {
        noteProblem(`closed before ready: ${code} ${reason.toString()}`);
        resolve(false);
      } else if (code !== 1000) noteProblem(`closed: ${code} ${reason.toString()}`);
    });
  });
}

async function open(url: string, groups: SocketGroup[], concurrency: number) {
  const queue = groups.flatMap((group) => Array.from({ length: group.count }, () => group));
  let ready = 0;
  let failed = 0;
  let next = 0;
  const progress = setInterval(() => send({ progress: { ready, failed, pending: queue.length - ready - failed } }), 1000);
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      while (next < queue.length) {
        if (await openSocket(url, queue[next++]!)) ready++;
        else failed++;
      }
    }),
  );
  clearInterval(progress);
  return { ready, failed, problems: [...problems] };
}

function collect(expect: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if (postLiked.count >= expect && notificationAdded.count >= expect) finish();
    };
    const timer = setTimeout(() => finish(), timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      onArrival = null;
      resolve();
    };
    onArrival = done;
    done();
  });
}

process.on('message', async (request: ClientRequest) => {
  try {
    switch (request.cmd) {
      case 'open':
        return send({ id: request.id, ok: true, ...(await open(request.url, request.groups, request.concurrency)) });
      case 'arm':
        postLiked = { count: 0, first: null, last: null };
        notificationAdded = { count: 0, first: null, last: null };
        eventErrors = [];
        return send({ id: request.id, ok: true });
      case 'collect':
        await collect(request.expect, request.timeoutMs);
        return send({ id: request.id, ok: true, postLiked, notificationAdded, errors: eventErrors });
      case 'close':
        for (const ws of sockets) {
          // Our own close is not a problem to report.
          ws.removeAllListeners('close');
          ws.terminate();
        }
        sockets.clear();
        return send({ id: request.id, ok: true });
    }
  } catch (error) {
    send({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
