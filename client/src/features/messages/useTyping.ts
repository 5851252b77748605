/**
 * Typing in a thread, both ways. Sending: `typing: true` at most every few seconds while the viewer types, and
 * `typing: false` when they send, leave the box or stop for a while. Receiving: who else is typing, each until
 * they say they stopped, a message of theirs arrives, or ~6 s pass without news (a closed tab never says "stopped").
 */
import { useMutation, useSubscription } from '@vue/apollo-composable';
import { computed, onScopeDispose, ref, watch } from 'vue';
import { ConversationTypingDocument, SetTypingDocument } from '../../gql/graphql';

/** Repeat "typing" this often while it goes on (the others expire it after REMOTE_EXPIRY_MS). */
const RESEND_MS = 3_000;
/** No key for this long: stopped typing. */
const IDLE_MS = 4_000;
const REMOTE_EXPIRY_MS = 6_000;

export function useTypingSender(conversationId: () => string, enabled: () => boolean) {
  const { mutate } = useMutation(SetTypingDocument);
  let typing = false;
  let lastSent = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;

  const say = (value: boolean) => void mutate({ input: { conversationId: conversationId(), typing: value } }).catch(() => undefined);

  function stop(): void {
    clearTimeout(idle);
    if (!typing) return;
    typing = false;
    say(false);
  }

  /** The viewer typed (or erased): tell the others, throttled. */
  function input(text: string): void {
    if (!enabled()) return;
    if (!text.trim()) return stop();
    clearTimeout(idle);
    idle = setTimeout(stop, IDLE_MS);
    const now = Date.now();
    if (typing && now - lastSent < RESEND_MS) return;
    typing = true;
    lastSent = now;
    say(true);
  }

  watch(conversationId, (_now, before) => {
    if (!typing) return;
    typing = false;
    void mutate({ input: { conversationId: before, typing: false } }).catch(() => undefined);
  });
  onScopeDispose(stop);
  return { input, stop };
}

export function useTypingIndicator(conversationId: () => string, viewerId: () => string | undefined) {
  /** userId → name, of those typing now. */
  const typists = ref(new Map<string, string>());
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  function drop(userId: string): void {
    clearTimeout(timers.get(userId));
    timers.delete(userId);
    if (!typists.value.has(userId)) return;
    const next = new Map(typists.value);
    next.delete(userId);
    typists.value = next;
  }

  const { onResult } = useSubscription(ConversationTypingDocument, () => ({ conversationId: conversationId() }));
  onResult(({ data }) => {
    const event = data?.typing;
    if (!event || event.user.id === viewerId()) return;
    if (!event.typing) return drop(event.user.id);
    clearTimeout(timers.get(event.user.id));
    timers.set(
      event.user.id,
      setTimeout(() => drop(event.user.id), REMOTE_EXPIRY_MS),
    );
    typists.value = new Map(typists.value).set(event.user.id, event.user.displayName);
  });

  watch(conversationId, () => {
    for (const id of [...timers.keys()]) drop(id);
  });
  onScopeDispose(() => timers.forEach((timer) => clearTimeout(timer)));

  return {
    names: computed(() => [...typists.value.values()]),
    /** A message from `userId` arrived: they are no longer typing it. */
    drop,
  };
}
