/**
 * How a conversation is named and previewed (pure; the words come through `t`): the group's title or the other
 * members' names, the last message as a line ("You: hi", "📷 Photo", "Missed call", "Call · 3:12"), and who is typing.
 */
import { formatCallTime } from '../facechat/call/callTime';
import type { MessageKind } from './threadLog';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export interface Member {
  id: string;
  displayName: string;
}

export interface PreviewMessage {
  kind: MessageKind;
  body?: string | null;
  image?: unknown;
  callDurationSeconds?: number | null;
  author: { id: string };
}

/** Everyone but the viewer (the viewer alone when nobody else is left). */
export function othersOf<M extends Member>(members: readonly M[], viewerId: string | undefined): M[] {
  const others = members.filter((m) => m.id !== viewerId);
  return others.length ? others : [...members];
}

/** The group's own title, else the other members' names. */
export function conversationName(
  conversation: { title?: string | null; members: readonly Member[] },
  viewerId: string | undefined,
): string {
  const title = conversation.title?.trim();
  if (title) return title;
  return othersOf(conversation.members, viewerId)
    .map((m) => m.displayName)
    .join(', ');
}

/** What a call event or a message without text says, in a line. */
export function kindText(message: PreviewMessage, t: Translate): string | null {
  if (message.kind === 'CALL_MISSED') return t('messages.kind.missedCall');
  if (message.kind === 'CALL_ENDED') return t('messages.kind.call', { time: formatCallTime((message.callDurationSeconds ?? 0) * 1000) });
  if (!message.body?.trim() && message.image) return t('messages.kind.photo');
  return null;
}

/** The list's one-line preview of the last message, "You: " before the viewer's own text. */
export function previewLine(message: PreviewMessage | null | undefined, viewerId: string | undefined, t: Translate): string {
  if (!message) return t('messages.list.noMessagesYet');
  const text = kindText(message, t) ?? (message.body ?? '').replace(/\s+/g, ' ').trim();
  return message.kind === 'TEXT' && message.author.id === viewerId ? t('messages.list.you', { text }) : text;
}

/** "Bob is typing…", "Bob and Carol are typing…", "3 people are typing…"; '' when nobody is. */
export function typingLine(names: readonly string[], t: Translate): string {
  if (!names.length) return '';
  if (names.length === 1) return t('messages.typing.one', { name: names[0] });
  if (names.length === 2) return t('messages.typing.two', { a: names[0], b: names[1] });
  return t('messages.typing.many', { n: names.length });
}
