/**
 * bench:call's diagnostics, each behind an environment variable (README, "Other commands"): where the callee's main
 * thread spends Accept → first frame (BENCH_PROFILE, BENCH_TIMELINE, BENCH_TASKS), LiveKit's client log
 * (BENCH_LIVEKIT_LOG) and its signal messages on the wire (BENCH_WS).
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

const log = (line: string) => console.log(line);

/** BENCH_PROFILE=1: where Bob's main thread spends Accept → first frame (CPU profile, top functions by own time). */
export async function startProfile(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return session;
}
export async function printProfile(session: CDPSession): Promise<void> {
  const { profile } = await session.send('Profiler.stop');
  await session.detach();
  // BENCH_PROFILE_SAVE=<path prefix>: the whole profile too, for Chrome's DevTools (Performance → Load profile).
  if (process.env.BENCH_PROFILE_SAVE) writeFileSync(`${process.env.BENCH_PROFILE_SAVE}-${Date.now()}.cpuprofile`, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
  const idle = byFunction.get('(idle) :-1') ?? 0;
  log(`    profile: ${Math.round(total)} ms sampled, ${Math.round(total - idle)} ms busy`);
  for (const [key, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 14)) log(`      ${ms.toFixed(1).padStart(7)} ms  ${key}`);
}

/** BENCH_TIMELINE=1: the callee's main-thread time, Accept → first frame, by kind of work (Chrome's timeline trace). */
export async function startTimeline(page: Page): Promise<{ session: CDPSession; events: TraceEvent[] }> {
  const session = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'toplevel', 'v8.execute', '__metadata', 'blink.user_timing'] },
    transferMode: 'ReportEvents',
  });
  return { session, events };
}
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { name?: string; data?: { functionName?: string; type?: string; url?: string } };
}
export async function printTimeline(
  { session, events }: { session: CDPSession; events: TraceEvent[] },
  from: number,
  to: number,
): Promise<void> {
  const done = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.end');
  await done;
  await session.detach();
  const main = events.find(
    (e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'Layout'),
  );
  if (!main) return log('    timeline: no renderer main thread found');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
  // Trace clock → epoch: the span is the last `to − from` ms of the trace that reached the first frame.
  const end = Math.max(...onMain.map((e) => e.ts + e.dur!));
  const start = end - (to - from) * 1000 - 200_000;
  const totals = new Map<string, number>();
  let tasks = 0;
  for (const e of onMain) {
    if (e.ts < start) continue;
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') tasks += e.dur! / 1000;
    else totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur! / 1000);
  }
  log(`    timeline (main thread, last ${Math.round((end - start) / 1000)} ms): tasks ${Math.round(tasks)} ms`);
  if (process.env.BENCH_TASKS) printLongTasks(events, onMain, main.pid, start);
  for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 12)) log(`      ${ms.toFixed(1).padStart(7)} ms  ${name}`);
}

/** BENCH_TASKS=1 (with BENCH_TIMELINE): the callee's `call:*` marks and its main-thread tasks of 8 ms or more, from Accept on. */
function printLongTasks(events: TraceEvent[], onMain: TraceEvent[], pid: number, start: number): void {
  const accept = events.find((e) => e.name === 'call:accept-pressed');
  const zero = accept ? accept.ts : start + 200_000;
  const at = (ts: number) => Math.round((ts - zero) / 1000);
  for (const m of events.filter((e) => e.pid === pid && e.name.startsWith('call:') && e.ts >= zero - 1000))
    log(`      mark ${m.name} @${at(m.ts)}`);
  const isTask = (e: TraceEvent) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
  for (const task of onMain.filter((e) => isTask(e) && e.ts >= zero - 20_000 && e.dur! >= 8000)) {
    const inside = onMain
      .filter((x) => !isTask(x) && x.ts >= task.ts && x.ts + x.dur! <= task.ts + task.dur! && x.dur! > 3000)
      .sort((a, b) => b.dur! - a.dur!)
      .slice(0, 4)
      .map((x) => {
        const data = x.args?.data;
        const what = [data?.functionName, data?.type, data?.url?.split('/').pop()].filter(Boolean).join(':');
        return `${x.name}${what ? ':' + what : ''} ${Math.round(x.dur! / 1000)}`;
      });
    log(`      task @${at(task.ts)} ${Math.round(task.dur! / 1000)} ms: ${inside.join(', ')}`);
  }
}

/**
 * BENCH_LIVEKIT_LOG=1: LiveKit's debug log of each page, kept with epoch times, printed for the accept-to-frame span
 * (Bob's; Alice's when hers took over 3 s); BENCH_LOG_BEFORE=<ms> starts it that long before Accept (while it rang).
 */
const livekitLogs = new WeakMap<Page, { at: number; text: string }[]>();
export async function recordLivekitLog(page: Page): Promise<void> {
  // Each line stamped with the page's own clock (the one the probe uses), not when it reaches this process.
  await page.addInitScript(`try { localStorage.setItem('pp-enter.call.debug', '1') } catch {}
    for (const level of ['log', 'debug', 'info', 'warn', 'error']) {
      const write = console[level].bind(console);
      console[level] = (...args) => write('@' + Math.round(performance.timeOrigin + performance.now()), ...args);
    }`);
  const lines: { at: number; text: string }[] = [];
  livekitLogs.set(page, lines);
  page.on('console', (message) => {
    const [, at, text] = /^@(\d+) (.*)$/s.exec(message.text()) ?? [];
    if (at) lines.push({ at: Number(at), text: text!.replace(/\{room: .*$/s, '').slice(0, 160) });
  });
}
export function printLivekitLog(who: string, page: Page, from: number, to: number): void {
  const lines = livekitLogs.get(page) ?? [];
  for (const line of lines.filter((l) => l.at >= from - Number(process.env.BENCH_LOG_BEFORE ?? 20) && l.at <= to + 20))
    log(`    ${who} +${Math.round(line.at - from)} ${line.text}`);
  lines.length = 0;
}

/** Drops what a page logged (a call whose log is not printed). */
export function forgetLivekitLog(page: Page): void {
  livekitLogs.get(page)?.splice(0);
}

/**
 * BENCH_WS=1: the LiveKit signal frames Bob's page sent and received (Chrome's network log: when they left and arrived,
 * not when the page got round to them), printed for the accept-to-frame span.
 */
const wsFrames = new WeakMap<Page, { at: number; line: string }[]>();
export async function recordSignalFrames(page: Page): Promise<void> {
  const session = await page.context().newCDPSession(page);
  const frames: { at: number; line: string }[] = [];
  wsFrames.set(page, frames);
  // CDP stamps frames with a monotonic clock; the handshake gives it against the wall clock.
  let offsetMs: number | null = null;
  const urls = new Map<string, string>();
  session.on('Network.webSocketCreated', ({ requestId, url }) => urls.set(requestId, url));
  session.on('Network.webSocketWillSendHandshakeRequest', ({ timestamp, wallTime }) => {
    offsetMs = wallTime * 1000 - timestamp * 1000;
  });
  const note =
    (direction: string) => (event: { requestId: string; timestamp: number; response: { payloadData: string; opcode: number } }) => {
      if (offsetMs === null || !urls.get(event.requestId)?.includes('/rtc')) return;
      const bytes =
        event.response.opcode === 2 ? Buffer.from(event.response.payloadData, 'base64') : Buffer.from(event.response.payloadData);
      // The protobuf's first field number (a varint tag) names the message: SignalRequest's / SignalResponse's case.
      const tag = ((bytes[0] ?? 0) & 0x7f) | ((bytes[0] ?? 0) & 0x80 ? ((bytes[1] ?? 0) & 0x7f) << 7 : 0);
      const field = tag >> 3;
      frames.push({ at: event.timestamp * 1000 + offsetMs, line: `${direction} field ${field} ${bytes.length} B` });
    };
  session.on('Network.webSocketFrameSent', note('sent'));
  session.on('Network.webSocketFrameReceived', note('received'));
  await session.send('Network.enable');
  // And when the page itself called send(), to tell a late page from a late network.
  await page.addInitScript(`window.__wsSends = [];
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      const size = data.byteLength ?? data.size ?? data.length;
      window.__wsSends.push([performance.timeOrigin + performance.now(), size]);
      return send.call(this, data);
    };`);
}
export async function printPageSends(who: string, page: Page, from: number, to: number): Promise<void> {
  const sends = await page.evaluate<[number, number][]>(`window.__wsSends.splice(0)`);
  for (const [at, size] of sends.filter(([at]) => at >= from - 20 && at <= to + 20))
    log(`    ${who} page send +${Math.round(at - from)} ${size} B`);
}
export function printSignalFrames(who: string, page: Page, from: number, to: number): void {
  const frames = wsFrames.get(page) ?? [];
  for (const frame of frames.filter((f) => f.at >= from - 20 && f.at <= to + 20))
    log(`    ${who} ws +${Math.round(frame.at - from)} ${frame.line}`);
  frames.length = 0;
}
