import { useSubscription } from '@vue/apollo-composable';
import { LobbyUpdatedDocument } from '../../gql/graphql';

/** How long to gather lobby events before reloading the list (rooms often change several times at once). */
const GATHER_MS = 250;

/**
 * Keeps the lobby current over graphql-ws (`lobbyUpdated`). A changed room's card follows on its own (the cache
 * normalises it); a room that joins or leaves the list reloads the list's first page, in the server's order and
 * with the search applied. `shownIds`: the rooms on screen.
 */
export function useLobbyLive(shownIds: () => readonly string[], reload: () => unknown) {
  const { onResult } = useSubscription(LobbyUpdatedDocument);
  let timer: ReturnType<typeof setTimeout> | null = null;
  onResult(({ data }) => {
    const event = data?.lobbyUpdated;
    if (!event || event.inLobby === shownIds().includes(event.roomId)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void reload();
    }, GATHER_MS);
  });
}
