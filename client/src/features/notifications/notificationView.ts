import type { NotificationFieldsFragment, NotificationType } from '../../gql/graphql';

/** The types this client has a sentence for; anything newer is rendered with the generic one. */
export const KNOWN_TYPES: readonly NotificationType[] = [
  'FRIEND_REQUEST',
  'FRIEND_ACCEPTED',
  'FOLLOW',
  'LIKE',
  'COMMENT',
  'REPLY',
  'PHOTO_TAG',
  'MISSED_CALL',
  'SCREENSHOT',
  'REPORT_RESOLVED',
  'MENTION',
];

type NotificationLike = Pick<NotificationFieldsFragment, 'type'> & {
  actor?: { username: string } | null;
  post?: { id: string } | null;
};

/** i18n key of the notification's sentence (`{name}` is the actor). */
export function notificationTextKey(type: string): string {
  return `notifications.text.${(KNOWN_TYPES as readonly string[]).includes(type) ? type : 'OTHER'}`;
}

/** Where opening a notification leads. */
export type NotificationTarget = { name: 'post'; params: { id: string } } | { name: 'profile'; params: { username: string } };

/**
 * The post when the notification is about one (and the app has a post page), else the actor's
 * profile, else nowhere (an actor who is gone).
 */
export function notificationTarget(n: NotificationLike, hasPostPage: boolean): NotificationTarget | null {
  if (n.post && hasPostPage) return { name: 'post', params: { id: n.post.id } };
  return actorTarget(n);
}

/** The actor's profile: where a live toast leads. */
export function actorTarget(n: Pick<NotificationLike, 'actor'>): NotificationTarget | null {
  return n.actor ? { name: 'profile', params: { username: n.actor.username } } : null;
}

/** Notification kinds that change how the viewer relates to the actor (profile buttons, requests, counts). */
export function changesRelation(type: string): boolean {
  return type === 'FRIEND_REQUEST' || type === 'FRIEND_ACCEPTED' || type === 'FOLLOW';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "어제": the largest unit that fits, "now" under a minute. */
export function relativeTime(iso: string, now: number, locale: string): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}
