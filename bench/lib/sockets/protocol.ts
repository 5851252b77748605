/** Messages between bench/sockets.ts and its socket-client child processes (Node IPC). */

/** One group of sockets signed in with the same access token. */
export interface SocketGroup {
  token: string;
  count: number;
  /** The author's sockets are the fan-out targets. */
  author: boolean;
}

export type ClientRequest =
  | { id: number; cmd: 'open'; url: string; groups: SocketGroup[]; concurrency: number }
  /** Forget earlier arrivals: the next event counts from here. */
  | { id: number; cmd: 'arm' }
  /** Resolves once `expect` author sockets have their event of each kind, or after `timeoutMs`. */
  | { id: number; cmd: 'collect'; expect: number; timeoutMs: number }
  | { id: number; cmd: 'close' };

/** A request before the IPC helper numbers it. */
export type ClientCommand = ClientRequest extends infer R ? (R extends ClientRequest ? Omit<R, 'id'> : never) : never;

export interface Arrivals {
  count: number;
  /** Wall-clock ms (performance.timeOrigin + performance.now()) of the first and last arrival. */
  first: number | null;
  last: number | null;
}

export type ClientReply =
  | { id: number; ok: true; ready: number; failed: number; problems: string[] }
  | { id: number; ok: true; postLiked: Arrivals; notificationAdded: Arrivals; errors: string[] }
  | { id: number; ok: true }
  | { id: number; ok: false; error: string };

/** Sent every second while sockets open. */
export interface ClientProgress {
  progress: { ready: number; failed: number; pending: number };
}

/** Wall-clock time in ms with sub-millisecond precision, comparable across processes on one machine. */
export const wallClock = () => performance.timeOrigin + performance.now();
