import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { ContentRemovedDocument } from '../../gql/graphql';
import { dropRemoved } from './contentRemovedCache';

/**
 * Content staff removed (or everything by a suspended user) leaves the viewer's open pages at once — feed, profile,
 * tag page, search, favorites, comments, chat, rooms lobby — by leaving the Apollo cache. Listens only while
 * `enabled` (a member is signed in): staff keep seeing removed content, marked in the console.
 */
export function useContentRemovedLive(enabled: () => boolean) {
  const { resolveClient } = useApolloClient();
  const { onResult } = useSubscription(ContentRemovedDocument, null, () => ({ enabled: enabled() }));
  onResult(({ data }) => {
    if (data?.contentRemoved) dropRemoved(resolveClient().cache, data.contentRemoved);
  });
}
