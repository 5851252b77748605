import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { PostLikesChangedDocument, type PostLikesChangedSubscription } from '../../gql/graphql';
import { useAuthStore } from '../auth/useAuthStore';

type LikesChange = PostLikesChangedSubscription['postLikesChanged'];
/** A like somebody added to one of my posts (the change with its like present). */
export type LikeEventData = LikesChange & { like: NonNullable<LikesChange['like']> };

/**
 * Likes and unlikes on any of my posts over graphql-ws (`postLikesChanged` without a post id) while
 * signed in: the like count in the cache follows every change, up and down (every card and page showing
 * the post), and `onLike` hears of each new like from somebody else.
 */
export function usePostLikedLive(onLike: (event: LikeEventData) => void) {
  const { resolveClient } = useApolloClient();
  const auth = useAuthStore();
  const { onResult } = useSubscription(PostLikesChangedDocument, {}, () => ({ enabled: auth.isSignedIn }));

  onResult(({ data }) => {
    const event = data?.postLikesChanged;
    if (!event) return;
    resolveClient().cache.modify({
      id: resolveClient().cache.identify({ __typename: 'Post', id: event.post.id }),
      fields: { likeCount: () => event.likeCount },
    });
    if (event.liked && event.like && event.user.id !== auth.user?.id) onLike(event as LikeEventData);
  });
}
