import type { Arrivals, SocketGroup } from './protocol.js';
import { wallClock } from './protocol.js';
import { collectGarbage, cpuMs, rssKb, startSocketClient, type SocketClient } from './processes.js';

export interface Target {
  name: string;
  /** The server process whose RSS is measured. */
  pid: number;
  wsUrl: string;
  /** Sends one like of the author's post by liker `i` (resolves when the server has answered). */
  like(i: number): Promise<void>;
}

export interface Plan {
  groups: SocketGroup[];
  /** A few sockets opened and closed before the first RSS reading (lazy code paths, pools, JIT). */
  warmup: SocketGroup;
  authorSockets: number;
  likes: number;
  clientProcesses: number;
  concurrency: number;
  log(line: string): void;
}

export interface Fanout {
  /** ms from sending the like until the last author socket had its event. */
  postLiked: number;
  notificationAdded: number;
  /** ms until the like mutation / trigger request was answered. */
  request: number;
  /** CPU ms the server spent from the like until every event was out. */
  serverCpuMs: number;
  received: { postLiked: number; notificationAdded: number };
}

export interface Measurement {
  name: string;
  rssBeforeKb: number;
  rssAfterKb: number;
  ready: number;
  failed: number;
  openSeconds: number;
  kbPerSocket: number;
  /** The same after a full garbage collection before each reading: what the sockets keep. */
  kbPerSocketAfterGc: number;
  /** Server CPU ms per socket opened (connect, three subscriptions, one query). */
  cpuMsPerSocket: number;
  fanouts: Fanout[];
  problems: string[];
}

/** How long one like may take to reach every author socket before it counts as missed. */
export const FANOUT_TIMEOUT_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Splits every group over `parts` client processes (the first ones take the remainder). */
function split(groups: SocketGroup[], parts: number): SocketGroup[][] {
  return Array.from({ length: parts }, (_, p) =>
    groups.map((g) => ({ ...g, count: Math.floor(g.count / parts) + (p < g.count % parts ? 1 : 0) })).filter((g) => g.count > 0),
  );
}

const merge = (all: Arrivals[]): Arrivals => ({
  count: all.reduce((sum, a) => sum + a.count, 0),
  first: all.some((a) => a.first !== null) ? Math.min(...all.flatMap((a) => (a.first === null ? [] : [a.first]))) : null,
  last: all.some((a) => a.last !== null) ? Math.max(...all.flatMap((a) => (a.last === null ? [] : [a.last]))) : null,
});

/** Opens the plan's sockets on one target, reads its RSS before and after, then times the likes' fan-out. */
export async function measure(target: Target, plan: Plan): Promise<Measurement> {
  const parts = split(plan.groups, plan.clientProcesses);
  const progress = parts.map(() => ({ ready: 0, failed: 0 }));
  const clients: SocketClient[] = parts.map((_, i) => startSocketClient((p) => (progress[i] = p)));
  try {
    await clients[0]!.request({ cmd: 'open', url: target.wsUrl, groups: [plan.warmup], concurrency: 10 });
    await clients[0]!.request({ cmd: 'close' });
    await sleep(2000);
    const rssBeforeKb = rssKb(target.pid);
    const rssBeforeGcKb = await collectGarbage(target.pid);
    plan.log(`${target.name}: RSS after start-up and warm-up ${(rssBeforeKb / 1024).toFixed(0)} MB; opening sockets`);

    const started = Date.now();
    const cpuBefore = cpuMs(target.pid);
    const TICK_MS = 5000;
    let lastReady = 0;
    const ticker = setInterval(() => {
      const ready = progress.reduce((s, p) => s + p.ready, 0);
      const failed = progress.reduce((s, p) => s + p.failed, 0);
      plan.log(
        `  ${String(ready).padStart(6)} ready  ${String(Math.round((ready - lastReady) / (TICK_MS / 1000))).padStart(5)}/s  ${failed} failed  ` +
          `RSS ${(rssKb(target.pid) / 1024).toFixed(0)} MB  ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      lastReady = ready;
    }, TICK_MS);
    const opened = await Promise.all(
      clients.map((c, i) =>
        c.request<{ id: number; ok: true; ready: number; failed: number; problems: string[] }>({
          cmd: 'open',
          url: target.wsUrl,
          groups: parts[i]!,
          concurrency: Math.ceil(plan.concurrency / clients.length),
        }),
      ),
    ).finally(() => clearInterval(ticker));
    const openSeconds = (Date.now() - started) / 1000;
    const openCpuMs = cpuMs(target.pid) - cpuBefore;
    const ready = opened.reduce((s, o) => s + o.ready, 0);
    const failed = opened.reduce((s, o) => s + o.failed, 0);
    const problems = opened.flatMap((o) => o.problems);
    plan.log(
      `  ${ready} sockets ready (×3 subscriptions), ${failed} failed, in ${openSeconds.toFixed(1)} s (${(ready / openSeconds).toFixed(0)}/s)`,
    );
    await sleep(2000);
    const rssAfterKb = rssKb(target.pid);
    const kbPerSocket = ready ? (rssAfterKb - rssBeforeKb) / ready : NaN;
    const rssAfterGcKb = await collectGarbage(target.pid);
    const kbPerSocketAfterGc = ready ? (rssAfterGcKb - rssBeforeGcKb) / ready : NaN;
    plan.log(
      `  RSS ${(rssAfterKb / 1024).toFixed(0)} MB: ${kbPerSocket.toFixed(1)} KB per socket (after a full GC: ${(rssAfterGcKb / 1024).toFixed(0)} MB, ${kbPerSocketAfterGc.toFixed(1)} KB per socket)`,
    );

    const authorShare = split([{ token: '', count: plan.authorSockets, author: true }], clients.length).map((g) => g[0]?.count ?? 0);
    const fanouts: Fanout[] = [];
    for (let i = 0; i < plan.likes; i++) {
      await Promise.all(clients.map((c) => c.request({ cmd: 'arm' })));
      const cpuAtLike = cpuMs(target.pid);
      const sent = wallClock();
      const collected = Promise.all(
        clients.map((c, k) =>
          c.request<{ id: number; ok: true; postLiked: Arrivals; notificationAdded: Arrivals; errors: string[] }>({
            cmd: 'collect',
            expect: authorShare[k]!,
            timeoutMs: FANOUT_TIMEOUT_MS,
          }),
        ),
      );
      await target.like(i);
      const request = wallClock() - sent;
      const replies = await collected;
      const serverCpuMs = cpuMs(target.pid) - cpuAtLike;
      const liked = merge(replies.map((r) => r.postLiked));
      const notified = merge(replies.map((r) => r.notificationAdded));
      for (const r of replies) problems.push(...r.errors);
      const fanout: Fanout = {
        postLiked: liked.last === null ? NaN : liked.last - sent,
        notificationAdded: notified.last === null ? NaN : notified.last - sent,
        request,
        serverCpuMs,
        received: { postLiked: liked.count, notificationAdded: notified.count },
      };
      fanouts.push(fanout);
      plan.log(
        `  like ${i + 1}: answered in ${request.toFixed(0)} ms; postLiked on ${liked.count}/${plan.authorSockets} author sockets after ` +
          `${fanout.postLiked.toFixed(0)} ms, notificationAdded on ${notified.count}/${plan.authorSockets} after ${fanout.notificationAdded.toFixed(0)} ms; server CPU ${serverCpuMs.toFixed(0)} ms`,
      );
      await sleep(500);
    }
    return {
      name: target.name,
      rssBeforeKb,
      rssAfterKb,
      ready,
      failed,
      openSeconds,
      kbPerSocket,
      kbPerSocketAfterGc,
      cpuMsPerSocket: ready ? openCpuMs / ready : NaN,
      fanouts,
      problems,
    };
  } finally {
    await Promise.all(clients.map((c) => c.request({ cmd: 'close' }).catch(() => undefined)));
    await Promise.all(clients.map((c) => c.stop()));
  }
}
