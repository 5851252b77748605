import type { Reference } from '@apollo/client/core';
import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { NotificationAddedDocument, type NotificationAddedSubscription } from '../../gql/graphql';
import { useAuthStore } from '../auth/useAuthStore';
import { refetchActive } from '../../lib/refetchActive';
import { prependNotification } from './notificationsCache';
import { changesRelation } from './notificationView';

export type LiveNotification = NotificationAddedSubscription['notificationAdded'];

/**
 * The viewer's new notifications over graphql-ws: each goes on top of every cached list (the
 * bell's count rises), the viewer's own counts and pending requests follow when it is about
 * friends or follows, and `onNew` hears of it (the toast).
 */
export function useNotificationsLive(onNew: (n: LiveNotification) => void) {
  const { resolveClient } = useApolloClient();
  const auth = useAuthStore();
  const { onResult } = useSubscription(NotificationAddedDocument);

  onResult(({ data }) => {
    const n = data?.notificationAdded;
    if (!n) return;
    const client = resolveClient();
    const { cache } = client;
    const id = cache.identify({ __typename: 'Notification', id: n.id });
    let listed = false;
    cache.modify({
      id: 'ROOT_QUERY',
      fields: {
        notifications: (list, { toReference, readField }) => {
          listed = true;
          return prependNotification(list, { __typename: 'NotificationEdge', cursor: '', node: toReference(id!)! }, (node) =>
            readField<string>('id', node as Reference),
          );
        },
      },
    });
    // No list in the cache (it was just cleared, e.g. on signing in): the bell asks the server instead.
    if (!listed) void refetchActive(client, ['Notifications']);
    if (changesRelation(n.type) && auth.user) {
      // The actor's side arrived with the event; the viewer's own counts and lists are asked again when shown.
      const viewer = cache.identify({ __typename: 'User', id: auth.user.id });
      const fields = n.type === 'FOLLOW' ? ['followerCount', 'followers'] : n.type === 'FRIEND_ACCEPTED' ? ['friendCount', 'friends'] : [];
      for (const fieldName of fields) cache.evict({ id: viewer, fieldName });
      void refetchActive(client, ['FriendRequests', 'FollowRequests']);
    }
    onNew(n);
  });
}
