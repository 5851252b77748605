/**
 * One conversation's thread: its latest messages (the API answers newest first; the thread shows oldest at the
 * top), older pages on demand, live messages over `directMessageAdded`, and sending with an optimistic copy that the
 * server's echo (same clientId) replaces. A message is put into the cached list once, however it arrives.
 */
import type { ApolloCache } from '@apollo/client/core';
import { useApolloClient, useMutation, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { describeUserError } from '../../composables/describeUserError';
import {
  ConversationThreadDocument,
  DirectMessageAddedDocument,
  SendDirectMessageDocument,
  type DirectMessageFieldsFragment,
} from '../../gql/graphql';
import { newClientId, stillPending, updatePending, withNewest, type OutgoingImage, type PendingMessage } from './outbox';

export const THREAD_PAGE = 30;

/** Puts `message` on top of the conversation's cached messages (newest first), once. */
function addMessage(cache: ApolloCache<unknown>, conversationId: string, message: DirectMessageFieldsFragment): void {
  cache.updateQuery({ query: ConversationThreadDocument, variables: { id: conversationId, first: THREAD_PAGE } }, (data) => {
    const conversation = data?.conversation;
    if (!conversation) return undefined;
    const edges = withNewest(conversation.messages.edges, {
      __typename: 'DirectMessageEdge' as const,
      cursor: '',
      node: { ...message, __typename: 'DirectMessage' as const },
    });
    if (!edges) return undefined;
    return { ...data, conversation: { ...conversation, messages: { ...conversation.messages, edges } } };
  });
}

export function useThread(conversationId: () => string, options: { onLive?: (message: DirectMessageFieldsFragment) => void } = {}) {
  const { t } = useI18n();
  const { resolveClient } = useApolloClient();
  const { result, loading, error, refetch, fetchMore } = useQuery(
    ConversationThreadDocument,
    () => ({ id: conversationId(), first: THREAD_PAGE }),
    () => ({ fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' }),
  );
  const conversation = computed(() => result.value?.conversation ?? null);

  const { onResult } = useSubscription(DirectMessageAddedDocument, () => ({ conversationId: conversationId() }));
  onResult(({ data }) => {
    const message = data?.directMessageAdded;
    if (!message || message.conversation.id !== conversationId()) return;
    addMessage(resolveClient().cache, conversationId(), message);
    options.onLive?.(message);
  });

  /** Oldest first, as a thread reads. */
  const messages = computed(() => [...(conversation.value?.messages.edges ?? [])].reverse().map((e) => e.node));
  const hasOlder = computed(() => !!conversation.value?.messages.pageInfo.hasNextPage);
  const loadingOlder = ref(false);
  const olderFailed = ref(false);

  async function loadOlder(): Promise<void> {
    const after = conversation.value?.messages.pageInfo.endCursor;
    if (!after || loadingOlder.value) return;
    loadingOlder.value = true;
    olderFailed.value = false;
    try {
      await fetchMore({ variables: { id: conversationId(), first: THREAD_PAGE, after } });
    } catch {
      olderFailed.value = true;
    } finally {
      loadingOlder.value = false;
    }
  }

  // Optimistic sending: the outbox holds what the server has not echoed yet.
  const outbox = ref<PendingMessage[]>([]);
  const pending = computed(() => stillPending(outbox.value, conversationId(), messages.value));
  const { mutate } = useMutation(SendDirectMessageDocument);

  async function deliver(message: PendingMessage): Promise<void> {
    try {
      const answer = await mutate({
        input: {
          conversationId: message.conversationId,
          body: message.body,
          mediaId: message.image?.mediaId ?? null,
          clientId: message.clientId,
        },
      });
      const payload = answer?.data?.sendDirectMessage;
      if (payload?.message) {
        addMessage(resolveClient().cache, message.conversationId, payload.message);
        outbox.value = outbox.value.filter((p) => p.clientId !== message.clientId);
        return;
      }
      const problem = payload?.userErrors[0]
        ? describeUserError(payload.userErrors[0], { scopes: ['messages.composer.errors'] })
        : t('errors.unexpected');
      outbox.value = updatePending(outbox.value, message.clientId, { state: 'failed', problem });
    } catch {
      outbox.value = updatePending(outbox.value, message.clientId, { state: 'failed', problem: t('errors.network') });
    }
  }

  function send(body: string, image: OutgoingImage | null): void {
    const text = body.trim();
    if (!text && !image) return;
    const message: PendingMessage = {
      clientId: newClientId(),
      conversationId: conversationId(),
      body: text || null,
      image,
      createdAt: new Date().toISOString(),
      state: 'sending',
    };
    outbox.value = [...outbox.value, message];
    void deliver(message);
  }

  function retry(clientId: string): void {
    const message = outbox.value.find((p) => p.clientId === clientId);
    if (!message || message.state !== 'failed') return;
    outbox.value = updatePending(outbox.value, clientId, { state: 'sending', problem: undefined });
    void deliver({ ...message, state: 'sending' });
  }

  return { conversation, messages, pending, loading, error, refetch, hasOlder, loadingOlder, olderFailed, loadOlder, send, retry };
}
