/**
 * The pure parts of group calls: how many people a call holds, which friends a name filter keeps, and how a callee
 * who is not connected is described and ordered (ringing first, then declined, missed, left).
 */

/** A call room holds 16 people: the caller and 15 more. */
export const CALL_CAPACITY = 16;
export const MAX_CALLEES = CALL_CAPACITY - 1;

export interface NamedPerson {
  id: string;
  username: string;
  displayName: string;
  avatar?: { thumbnailUrl: string; blurhash?: string | null } | null;
}

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase().trim();

/** The friend's display name or username contains the typed text (any case; empty text keeps everyone). */
export function matchesName(person: Pick<NamedPerson, 'username' | 'displayName'>, query: string): boolean {
  const wanted = fold(query);
  return !wanted || fold(person.displayName).includes(wanted) || fold(person.username).includes(wanted);
}

export type CalleeApiStatus = 'RINGING' | 'ACCEPTED' | 'DECLINED' | 'MISSED';
/** What the People panel says of a callee who is not connected. */
export type CalleeState = 'RINGING' | 'JOINING' | 'DECLINED' | 'MISSED' | 'LEFT';

export interface CalleeLike {
  user: { id: string; displayName: string; avatar?: NamedPerson['avatar'] };
  status: CalleeApiStatus;
  inCall: boolean;
}

/** Accepted and in the call by the API but not (yet) in the media room: joining; accepted and out: left. */
export function calleeState(callee: Pick<CalleeLike, 'status' | 'inCall'>): CalleeState {
  if (callee.status === 'ACCEPTED') return callee.inCall ? 'JOINING' : 'LEFT';
  return callee.status;
}

const ORDER: Record<CalleeState, number> = { RINGING: 0, JOINING: 1, DECLINED: 2, MISSED: 3, LEFT: 4 };

/** The callees not among `connectedIds` (user ids), with their state, ringing first, then by name. */
export function absentCallees<C extends CalleeLike>(
  callees: readonly C[],
  connectedIds: ReadonlySet<string>,
  locale?: string,
): { callee: C; state: CalleeState }[] {
  return callees
    .filter((callee) => !connectedIds.has(callee.user.id))
    .map((callee) => ({ callee, state: calleeState(callee) }))
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.callee.user.displayName.localeCompare(b.callee.user.displayName, locale));
}

interface RingingCallLike {
  status: string;
  calleeStatuses: readonly { user: { id: string }; status: CalleeApiStatus }[];
}

/**
 * The call still rings for the viewer: their own answer is pending (a group call goes on ringing for the others after
 * the first accept, and someone added to a running call is rung while it is ACCEPTED); once it is over, it is not.
 */
export function ringsFor(call: RingingCallLike, viewerId: string | undefined): boolean {
  if (call.status !== 'RINGING' && call.status !== 'ACCEPTED') return false;
  const mine = call.calleeStatuses.find((callee) => callee.user.id === viewerId);
  return mine ? mine.status === 'RINGING' : call.status === 'RINGING';
}
