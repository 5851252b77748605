/**
 * Messages the viewer sent that the server has not confirmed yet (optimistic send). Each carries a clientId the
 * API echoes on the stored message, so the pending copy is dropped exactly when the real one is in the list —
 * whether the mutation's answer or the live event brings it first. A failed one stays, marked, for a retry.
 */
export interface OutgoingImage {
  mediaId: string;
  /** What to show meanwhile (the uploaded picture's URL). */
  previewUrl: string;
  width?: number | null;
  height?: number | null;
}

export interface PendingMessage {
  clientId: string;
  conversationId: string;
  body: string | null;
  image: OutgoingImage | null;
  createdAt: string;
  state: 'sending' | 'failed';
  /** Why it failed (already in words), when the API said. */
  problem?: string;
}

let counter = 0;
/** A clientId unique in this tab (and practically everywhere). */
export function newClientId(): string {
  counter += 1;
  const random = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2);
  return `c${counter}-${random}`;
}

/** The pending messages of `conversationId` whose server copy is not among `confirmed`. */
export function stillPending(
  pending: readonly PendingMessage[],
  conversationId: string,
  confirmed: readonly { clientId?: string | null }[],
): PendingMessage[] {
  const echoed = new Set(confirmed.map((m) => m.clientId).filter(Boolean));
  return pending.filter((p) => p.conversationId === conversationId && !echoed.has(p.clientId));
}

/** `pending` with the one of `clientId` changed (a retry, a failure). */
export function updatePending(pending: readonly PendingMessage[], clientId: string, change: Partial<PendingMessage>): PendingMessage[] {
  return pending.map((p) => (p.clientId === clientId ? { ...p, ...change } : p));
}

/** Adds `message` on top of a newest-first list of edges unless it (or its clientId) is already there. */
export function withNewest<E extends { node: { id: string; clientId?: string | null } }>(edges: readonly E[], edge: E): E[] | null {
  const { id, clientId } = edge.node;
  if (edges.some((e) => e.node.id === id || (clientId && e.node.clientId === clientId))) return null;
  return [edge, ...edges];
}
