import { useApolloClient, useMutation, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, ref } from 'vue';
import {
  AddCommentDocument, CommentRepliesDocument, DeleteCommentDocument, PostActivityDocument, PostCommentsDocument, UpdateCommentDocument,
} from '../../gql/graphql';
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
  const variables = () => ({ postId: postId(), first: COMMENTS_PAGE, replies: REPLIES_FIRST });
  const { result, loading, error, fetchMore, refetch } = useQuery(PostCommentsDocument, variables, { notifyOnNetworkStatusChange: true });
  const loadingMore = ref(false);

  const post = computed(() => result.value?.post ?? null);
  const comments = computed(() => post.value?.comments.edges.map((edge) => edge.node) ?? []);

  const reload = () => refetch(variables());

  const { onResult } = useSubscription(PostActivityDocument);
  onResult(({ data }) => {
    const event = data?.notificationAdded;
    if (event?.post?.id === postId() && (event.type === 'COMMENT' || event.type === 'REPLY')) void reload();
  });

  async function loadMore(): Promise<void> {
    const after = post.value?.comments.pageInfo.endCursor;
    if (!after || loadingMore.value) return;
    loadingMore.value = true;
    try {
      await fetchMore({ variables: { ...variables(), after } });
    } finally {
      loadingMore.value = false;
    }
  }

  /** The next replies of a comment; the cache merges them into its list. */
  async function loadReplies(commentId: string, after: string): Promise<void> {
    await resolveClient().query({ query: CommentRepliesDocument, variables: { id: commentId, first: REPLIES_PAGE, after }, fetchPolicy: 'network-only' });
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
    comments,
    loading: computed(() => loading.value && !post.value),
    failed: computed(() => !!error.value && !post.value),
    hasMore: computed(() => !!post.value?.comments.pageInfo.hasNextPage),
    loadingMore,
    loadMore,
    loadReplies,
    reload,
    addComment: async (body: string, parentId?: string) =>
      afterChange(outcome((await add({ input: { postId: postId(), body, parentId } }))?.data?.addComment)),
    updateComment: async (id: string, body: string) => outcome((await update({ id, body }))?.data?.updateComment),
    deleteComment: async (id: string) => afterChange(outcome((await remove({ id }))?.data?.deleteComment)),
  };
}
