import { useApolloClient, useMutation, useSubscription } from '@vue/apollo-composable';
import { computed } from 'vue';
import {
  AddCommentDocument,
  CommentRepliesDocument,
  DeleteCommentDocument,
  PostActivityDocument,
  PostCommentsDocument,
  UpdateCommentDocument,
} from '../../gql/graphql';
import { usePagedQuery } from '../../composables/usePagedQuery';
import { usePostOutcome } from './usePostOutcome';

const COMMENTS_PAGE = 20;
const REPLIES_FIRST = 3;
const REPLIES_PAGE = 20;

/**
 * A post's comments (oldest first, each with its first replies) and what can be done with them.
 * Comments by others on my post (or replies to mine) arrive as notifications: the list reloads.
 */
export function useComments(postId: () => string) {
  const { resolveClient } = useApolloClient();
  const outcome = usePostOutcome();
  const list = usePagedQuery(
    PostCommentsDocument,
    () => ({ postId: postId(), replies: REPLIES_FIRST }),
    (data) => data.post?.comments,
    {
      pageSize: COMMENTS_PAGE,
      fetchPolicy: 'cache-first',
    },
  );
  const post = computed(() => list.result.value?.post ?? null);

  const reload = () => list.refetch();

  const { onResult } = useSubscription(PostActivityDocument);
  onResult(({ data }) => {
    const event = data?.notificationAdded;
    if (event?.post?.id === postId() && (event.type === 'COMMENT' || event.type === 'REPLY')) void reload();
  });

  /** The next replies of a comment; the cache merges them into its list. */
  async function loadReplies(commentId: string, after: string): Promise<void> {
    await resolveClient().query({
      query: CommentRepliesDocument,
      variables: { id: commentId, first: REPLIES_PAGE, after },
      fetchPolicy: 'network-only',
    });
  }

  const { mutate: add } = useMutation(AddCommentDocument);
  const { mutate: update } = useMutation(UpdateCommentDocument);
  const { mutate: remove } = useMutation(DeleteCommentDocument);

  async function afterChange<T extends { ok: boolean }>(result: T): Promise<T> {
    if (result.ok) await reload();
    return result;
  }

  return {
    post,
    comments: list.items,
    loading: list.loading,
    failed: list.failed,
    hasMore: list.hasMore,
    loadingMore: list.loadingMore,
    loadMore: list.loadMore,
    loadReplies,
    reload,
    addComment: async (body: string, parentId?: string) =>
      afterChange(outcome((await add({ input: { postId: postId(), body, parentId } }))?.data?.addComment)),
    updateComment: async (id: string, body: string) => outcome((await update({ id, body }))?.data?.updateComment),
    deleteComment: async (id: string) => afterChange(outcome((await remove({ id }))?.data?.deleteComment)),
  };
}
