import { useApolloClient } from '@vue/apollo-composable';
import { computed, onScopeDispose, ref } from 'vue';
import {
  FavoritePostDocument,
  LikePostDocument,
  PostToggleStateFragmentDoc,
  UnfavoritePostDocument,
  UnlikePostDocument,
  type PostToggleStateFragment,
  type UserErrorFieldsFragment,
} from '../../gql/graphql';
import { OptimisticToggle, optimisticView, type ToggleView } from './optimisticToggle';

export type ToggleKind = 'like' | 'favorite';

/** The server refused (the post is gone, the author blocked the viewer…). */
class ToggleRefused extends Error {
  constructor(readonly userErrors: readonly UserErrorFieldsFragment[]) {
    super(userErrors[0]?.message ?? 'refused');
  }
}

const viewOf = (post: PostToggleStateFragment, kind: ToggleKind): ToggleView =>
  kind === 'like' ? { on: post.viewerHasLiked, count: post.likeCount } : { on: post.viewerHasFavorited, count: 0 };

/**
 * A like or favorite button of one post: the click shows at once (Apollo optimisticResponse,
 * so every view of the post follows), the server's answer then replaces the guess (its like
 * count includes everybody's likes), and a refusal rolls back with `error` set.
 */
export function usePostToggle(post: () => PostToggleStateFragment, kind: ToggleKind) {
  const { resolveClient } = useApolloClient();
  const desired = ref<boolean | null>(null);
  const error = ref<unknown>(null);
  let alive = true;
  onScopeDispose(() => (alive = false));

  function cached(): PostToggleStateFragment {
    const client = resolveClient();
    const id = client.cache.identify({ __typename: 'Post', id: post().id });
    return client.cache.readFragment({ id, fragment: PostToggleStateFragmentDoc, optimistic: true }) ?? post();
  }

  async function send(on: boolean, view: ToggleView): Promise<void> {
    const client = resolveClient();
    const current = cached();
    const guess = {
      __typename: 'Post' as const,
      id: current.id,
      likeCount: kind === 'like' ? view.count : current.likeCount,
      viewerHasLiked: kind === 'like' ? view.on : current.viewerHasLiked,
      viewerHasFavorited: kind === 'favorite' ? view.on : current.viewerHasFavorited,
    };
    const optimistic = { __typename: 'PostPayload' as const, post: guess, userErrors: [] };
    const variables = { postId: current.id };
    let payload;
    if (kind === 'like' && on)
      payload = (await client.mutate({ mutation: LikePostDocument, variables, optimisticResponse: { likePost: optimistic } })).data
        ?.likePost;
    else if (kind === 'like')
      payload = (await client.mutate({ mutation: UnlikePostDocument, variables, optimisticResponse: { unlikePost: optimistic } })).data
        ?.unlikePost;
    else if (on)
      payload = (await client.mutate({ mutation: FavoritePostDocument, variables, optimisticResponse: { favoritePost: optimistic } })).data
        ?.favoritePost;
    else
      payload = (await client.mutate({ mutation: UnfavoritePostDocument, variables, optimisticResponse: { unfavoritePost: optimistic } }))
        .data?.unfavoritePost;
    if (!payload?.post) throw new ToggleRefused(payload?.userErrors ?? []);
  }

  const toggle = new OptimisticToggle(
    {
      base: () => viewOf(cached(), kind),
      send,
      failed: (e) => {
        if (alive) error.value = e;
      },
    },
    (next) => {
      if (alive) desired.value = next;
    },
  );

  const view = computed(() => {
    const base = viewOf(post(), kind);
    return desired.value === null ? base : optimisticView(base, desired.value);
  });

  return {
    view,
    error,
    toggle: () => {
      error.value = null;
      return toggle.toggle();
    },
  };
}
