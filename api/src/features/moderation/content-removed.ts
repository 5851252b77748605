import type { EventBus } from '../../kernel/events.js';

/** One global topic: every signed-in socket hears it and drops the content from its open pages. */
export const CONTENT_REMOVED_TOPIC = 'moderation:content-removed';

/** What vanished: a post, comment, room or chat message, or `User` when its author was suspended (drop all of theirs). */
export type RemovedSubjectType = 'Post' | 'Comment' | 'FacechatRoom' | 'ChatMessage' | 'User';

export interface ContentRemovedEvent {
  subjectType: RemovedSubjectType;
  /** Raw uuid; the resolver turns it into the subject's global id. */
  subjectId: string;
}

/** Call inside `afterCommit`, so nothing is announced for a change that rolled back. */
export function announceRemoved(events: EventBus, event: ContentRemovedEvent): void {
  events.publish(CONTENT_REMOVED_TOPIC, event);
}
