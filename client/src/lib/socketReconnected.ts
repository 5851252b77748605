/**
 * "The live socket is back": graphql-ws resubscribes after a dropped connection, but whatever the API published while
 * the socket was down is gone. Features that keep state fed only by subscriptions (an incoming call that rang and
 * stopped meanwhile) listen here and ask the API again; the queries on screen are refetched by lib/apollo.ts.
 */
import { getCurrentScope, onScopeDispose } from 'vue';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Runs `listener` after each re-connection of the live socket (not the first connection); inside a component or
 * effect scope it stops with it. Returns the way to stop listening. */
export function onSocketReconnected(listener: Listener): () => void {
  listeners.add(listener);
  const stop = () => void listeners.delete(listener);
  if (getCurrentScope()) onScopeDispose(stop);
  return stop;
}

/** Tells the listeners the socket is back (lib/apollo.ts, on graphql-ws's `connected` after a retry). */
export function announceSocketReconnected(): void {
  for (const listener of [...listeners]) listener();
}
