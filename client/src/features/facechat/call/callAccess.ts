import type { RoomAccessFieldsFragment } from '../../../gql/graphql';

/**
 * Room access handed from the page that got it (startCall, acceptCall) to the call page, in memory
 * only: a token never goes into the address or storage. The call page takes it once; without one
 * (a reload, a link) it asks `joinRoom` for a fresh token.
 */
const pending = new Map<string, HandedAccess>();

export interface HandedAccess {
  access: RoomAccessFieldsFragment;
  /** The others join after us (a call just placed: its callees still ring). */
  othersLater: boolean;
}

/** Tokens this close to expiry are not worth connecting with. */
const MARGIN_MS = 15_000;

export function handOverAccess(roomId: string, access: RoomAccessFieldsFragment, { othersLater = false } = {}): void {
  pending.set(roomId, { access, othersLater });
}

export function takeAccess(roomId: string, now = Date.now()): HandedAccess | null {
  const handed = pending.get(roomId) ?? null;
  pending.delete(roomId);
  if (!handed || new Date(handed.access.expiresAt).getTime() - MARGIN_MS < now) return null;
  return handed;
}

/** Where a call (or a room) is: `/call/<roomId>`, with `?call=<callId>` for calls (hang up = endCall). */
export function callRoute(roomId: string, callId?: string | null) {
  return { name: 'call', params: { roomId }, query: callId ? { call: callId } : {} } as const;
}

/**
 * A room's invite code from the link that opened the call page (`?invite=`), for `joinRoom` — kept while the page
 * may retry, so "Try again" still carries it.
 */
const invites = new Map<string, string>();

export function handOverInvite(roomId: string, code: string): void {
  invites.set(roomId, code);
}

export function inviteFor(roomId: string): string | null {
  return invites.get(roomId) ?? null;
}
