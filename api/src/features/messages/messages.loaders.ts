import DataLoader from 'dataloader';
import { requireActor } from '../../graphql/auth.js';
import { loader, type Context } from '../../graphql/context.js';
import type { ConversationRecord, DirectMessageRecord, ReadMarkRow } from './messages.rows.js';

/** Conversations by raw id: null unless the viewer is a member (so `node(id)` and every field agree). */
export function conversationById(ctx: Context): DataLoader<string, ConversationRecord | null> {
  return loader(
    ctx,
    'messages.conversationById',
    () => new DataLoader<string, ConversationRecord | null>((ids) => ctx.services.messages.conversationsByIds(ctx.actor, ctx.em, ids)),
  );
}

/** Direct messages by raw id: null unless the viewer is a member of the message's conversation. */
export function directMessageById(ctx: Context): DataLoader<string, DirectMessageRecord | null> {
  return loader(
    ctx,
    'messages.directMessageById',
    () => new DataLoader<string, DirectMessageRecord | null>((ids) => ctx.services.messages.messagesByIds(ctx.actor, ctx.em, ids)),
  );
}

/** Member ids of the viewer's conversations, in the order they joined. */
export function memberIdsOf(ctx: Context): DataLoader<string, string[]> {
  return loader(
    ctx,
    'messages.memberIdsOf',
    () => new DataLoader<string, string[]>((ids) => ctx.services.messages.memberIdsOf(ctx.em, ids)),
  );
}

export function unreadCountOf(ctx: Context): DataLoader<string, number> {
  return loader(
    ctx,
    'messages.unreadCountOf',
    () => new DataLoader<string, number>((ids) => ctx.services.messages.unreadCounts(requireActor(ctx), ctx.em, ids)),
  );
}

export function readReceiptsOf(ctx: Context): DataLoader<string, ReadMarkRow[]> {
  return loader(
    ctx,
    'messages.readReceiptsOf',
    () => new DataLoader<string, ReadMarkRow[]>((ids) => ctx.services.messages.readReceipts(requireActor(ctx), ctx.em, ids)),
  );
}

/** Whether the viewer may write in each conversation (keyed by the conversation's id). */
export function canSendIn(ctx: Context): DataLoader<ConversationRecord, boolean, string> {
  return loader(
    ctx,
    'messages.canSendIn',
    () =>
      new DataLoader<ConversationRecord, boolean, string>((rows) => ctx.services.messages.canSend(requireActor(ctx), ctx.em, rows), {
        cacheKeyFn: (row) => row.id,
      }),
  );
}
