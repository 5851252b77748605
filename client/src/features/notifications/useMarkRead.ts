import type { ApolloCache, Reference } from '@apollo/client/core';
import { useApolloClient } from '@vue/apollo-composable';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { MarkNotificationsReadDocument } from '../../gql/graphql';
import { refetchActive } from '../../lib/refetchActive';
import { isUnreadOnlyList, markReadInList, type MarkRead } from './notificationsCache';

/** Marks cached notifications read (all when `ids` is 'all') and returns how many were unread. */
function markInCache(cache: ApolloCache<unknown>, ids: readonly string[] | 'all'): number {
  const refs =
    ids === 'all'
      ? Object.keys(cache.extract() as Record<string, unknown>).filter((key) => key.startsWith('Notification:'))
      : ids.map((id) => cache.identify({ __typename: 'Notification', id })!);
  let newlyRead = 0;
  for (const id of refs) {
    cache.modify({
      id,
      fields: {
        read: (read: boolean) => {
          if (!read) newlyRead++;
          return true;
        },
      },
    });
  }
  const change: MarkRead = { ids: ids === 'all' ? 'all' : new Set(ids), newlyRead };
  cache.modify({
    id: 'ROOT_QUERY',
    fields: {
      notifications: (list, { storeFieldName, readField }) =>
        markReadInList(list, change, isUnreadOnlyList(storeFieldName), (node) => readField<string>('id', node as Reference)),
    },
  });
  return newlyRead;
}

/**
 * `markNotificationsRead`, shown at once: the bell's count and every cached list change before
 * the server answers; when its count differs (another tab was faster) or it fails, the lists are
 * fetched again.
 */
export function useMarkRead() {
  const { resolveClient } = useApolloClient();
  const { t } = useI18n();
  const error = ref('');

  async function markRead(ids: readonly string[] | 'all'): Promise<void> {
    const client = resolveClient();
    error.value = '';
    const expected = markInCache(client.cache, ids);
    if (ids !== 'all' && !expected) return;
    try {
      const { data } = await client.mutate({ mutation: MarkNotificationsReadDocument, variables: ids === 'all' ? {} : { ids: [...ids] } });
      if (ids !== 'all' && data?.markNotificationsRead !== expected) await refetchActive(client, ['Notifications']);
    } catch {
      error.value = t('notifications.markError');
      await refetchActive(client, ['Notifications']);
    }
  }

  return { markRead, error };
}
