import { useApolloClient } from '@vue/apollo-composable';
import { computed, onScopeDispose, ref } from 'vue';
import { LikeCommentDocument, UnlikeCommentDocument } from '../../gql/graphql';
import { OptimisticToggle, optimisticView, type ToggleView } from './optimisticToggle';

interface CommentLikeState {
  id: string;
  likeCount: number;
  viewerHasLiked: boolean;
}

/**
 * The heart of one comment, as a post's like works (usePostToggle): the click shows at once through Apollo's
 * optimisticResponse, the server's answer replaces the guess, and a refusal rolls back with `error` set.
 */
export function useCommentLike(comment: () => CommentLikeState) {
  const { resolveClient } = useApolloClient();
  const desired = ref<boolean | null>(null);
  const error = ref<unknown>(null);
  let alive = true;
  onScopeDispose(() => (alive = false));
  const viewOf = (c: CommentLikeState): ToggleView => ({ on: c.viewerHasLiked, count: c.likeCount });

  async function send(on: boolean, view: ToggleView): Promise<void> {
    const client = resolveClient();
    const guess = { __typename: 'Comment' as const, id: comment().id, likeCount: view.count, viewerHasLiked: view.on };
    const optimistic = { __typename: 'CommentPayload' as const, comment: guess, userErrors: [] };
    const variables = { commentId: comment().id };
    const payload = on
      ? (await client.mutate({ mutation: LikeCommentDocument, variables, optimisticResponse: { likeComment: optimistic } })).data
          ?.likeComment
      : (await client.mutate({ mutation: UnlikeCommentDocument, variables, optimisticResponse: { unlikeComment: optimistic } })).data
          ?.unlikeComment;
    if (!payload?.comment) throw new Error(payload?.userErrors[0]?.message ?? 'refused');
  }

  const toggle = new OptimisticToggle(
    {
      base: () => viewOf(comment()),
      send,
      failed: (e) => {
        if (alive) error.value = e;
      },
    },
    (next) => {
      if (alive) desired.value = next;
    },
  );

  return {
    view: computed(() => (desired.value === null ? viewOf(comment()) : optimisticView(viewOf(comment()), desired.value))),
    error,
    toggle: () => {
      error.value = null;
      return toggle.toggle();
    },
  };
}
