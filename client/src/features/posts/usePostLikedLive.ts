import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { PostLikedDocument, type PostLikedSubscription } from '../../gql/graphql';
import { useAuthStore } from '../auth/useAuthStore';

export type LikeEventData = PostLikedSubscription['postLiked'];

/**
 * Likes on any of my posts over graphql-ws (`postLiked` without a post id) while signed in:
 * the like count in the cache follows (every card and page showing the post), and `onLike`
 * hears of each one from somebody else.
 */
export function usePostLikedLive(onLike: (event: LikeEventData) => void) {
  const { resolveClient } = useApolloClient();
  const auth = useAuthStore();
  const { onResult } = useSubscription(PostLikedDocument, {}, () => ({ enabled: auth.isSignedIn }));

  onResult(({ data }) => {
    const event = data?.postLiked;
    if (!event) return;
    resolveClient().cache.modify({
      id: resolveClient().cache.identify({ __typename: 'Post', id: event.post.id }),
      fields: { likeCount: () => event.likeCount },
    });
    if (event.like.user.id !== auth.user?.id) onLike(event);
  });
}
