/**
 * The room's chat: history (the API answers newest first; the panel shows oldest at the top),
 * live messages over `chatMessageAdded`, and sending. A message is put into the cached list once,
 * whether it comes back from the mutation or from the subscription first.
 */
import type { ApolloCache } from '@apollo/client/core';
import { useApolloClient, useMutation, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, ref } from 'vue';
import {
  ChatMessageAddedDocument,
  ChatMessagesDocument,
  SendChatMessageDocument,
  type ChatMessageFieldsFragment,
  type UserErrorFieldsFragment,
} from '../../../gql/graphql';

const CHAT_PAGE = 50;

/** Puts `message` on top of the room's cached history (newest first), once. */
function addChatMessage(cache: ApolloCache<unknown>, roomId: string, message: ChatMessageFieldsFragment): boolean {
  let added = false;
  cache.updateQuery({ query: ChatMessagesDocument, variables: { roomId, first: CHAT_PAGE } }, (data) => {
    if (!data || data.chatMessages.edges.some((e) => e.node.id === message.id)) return undefined;
    added = true;
    return {
      ...data,
      chatMessages: {
        ...data.chatMessages,
        edges: [
          { __typename: 'ChatMessageEdge' as const, cursor: '', node: { __typename: 'ChatMessage' as const, ...message } },
          ...data.chatMessages.edges,
        ],
      },
    };
  });
  return added;
}

export function useCallChat(
  roomId: () => string,
  options: { enabled: () => boolean; onLive?: (message: ChatMessageFieldsFragment) => void },
) {
  const { resolveClient } = useApolloClient();
  const { result, loading, error, refetch, fetchMore } = useQuery(
    ChatMessagesDocument,
    () => ({ roomId: roomId(), first: CHAT_PAGE }),
    () => ({ enabled: options.enabled(), fetchPolicy: 'cache-and-network' }),
  );

  const { onResult } = useSubscription(
    ChatMessageAddedDocument,
    () => ({ roomId: roomId() }),
    () => ({ enabled: options.enabled() }),
  );
  const seenLive = new Set<string>();
  onResult(({ data }) => {
    const message = data?.chatMessageAdded;
    if (!message || seenLive.has(message.id)) return;
    seenLive.add(message.id);
    addChatMessage(resolveClient().cache, roomId(), message);
    options.onLive?.(message);
  });

  /** Oldest first, as a chat reads. */
  const messages = computed(() => [...(result.value?.chatMessages.edges ?? [])].reverse().map((e) => e.node));
  const hasOlder = computed(() => !!result.value?.chatMessages.pageInfo.hasNextPage);
  const loadingOlder = ref(false);

  async function loadOlder(): Promise<void> {
    const after = result.value?.chatMessages.pageInfo.endCursor;
    if (!after || loadingOlder.value) return;
    loadingOlder.value = true;
    try {
      await fetchMore({ variables: { roomId: roomId(), first: CHAT_PAGE, after } });
    } finally {
      loadingOlder.value = false;
    }
  }

  const { mutate } = useMutation(SendChatMessageDocument);
  async function send(body: string): Promise<{ ok: true } | { ok: false; userErrors: readonly UserErrorFieldsFragment[] }> {
    const answer = await mutate({ roomId: roomId(), body });
    const payload = answer?.data?.sendChatMessage;
    if (!payload?.message) return { ok: false, userErrors: payload?.userErrors ?? [] };
    addChatMessage(resolveClient().cache, roomId(), payload.message);
    return { ok: true };
  }

  return { messages, loading, error, refetch, hasOlder, loadingOlder, loadOlder, send };
}
