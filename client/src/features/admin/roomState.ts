import type { AdminRoomState } from '../../gql/graphql';

/** A room's state as the admin filter names it: removed wins over closed, closed over live. */
export function roomState(room: { removedAt?: string | null; closedAt?: string | null; isLive: boolean }): AdminRoomState {
  if (room.removedAt) return 'REMOVED';
  if (room.closedAt) return 'CLOSED';
  return room.isLive ? 'LIVE' : 'OPEN';
}
