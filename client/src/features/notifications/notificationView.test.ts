import { describe, expect, it } from 'vitest';
import { actorTarget, changesRelation, KNOWN_TYPES, notificationTarget, notificationTextKey, relativeTime } from './notificationView';
import messages from './notifications.i18n';

const actor = { id: 'U1', username: 'mina', displayName: '김민아' };

describe('notification texts', () => {
  it("has a sentence for every known type in both languages, naming the actor (none for the system's own)", () => {
    const fromTheSystem = new Set(['REPORT_RESOLVED']);
    for (const type of KNOWN_TYPES) {
      const key = notificationTextKey(type).split('.').pop() as keyof typeof messages.en.notifications.text;
      expect(key).toBe(type);
      const names = !fromTheSystem.has(type);
      expect(messages.en.notifications.text[key].includes('{name}')).toBe(names);
      expect(messages.ko.notifications.text[key].includes('{name}')).toBe(names);
    }
  });

  it('falls back to a generic sentence for a type this client does not know yet', () => {
    expect(notificationTextKey('BIRTHDAY')).toBe('notifications.text.OTHER');
  });
});

describe('notification targets', () => {
  it('opens the post when there is one and a post page to show it', () => {
    const n = { type: 'LIKE' as const, actor, post: { id: 'P1' } };
    expect(notificationTarget(n, true)).toEqual({ name: 'post', params: { id: 'P1' } });
    expect(notificationTarget(n, false)).toEqual({ name: 'profile', params: { username: 'mina' } });
  });

  it('opens the actor profile otherwise, and nothing without an actor', () => {
    expect(notificationTarget({ type: 'FRIEND_REQUEST', actor, post: null }, true)).toEqual({
      name: 'profile',
      params: { username: 'mina' },
    });
    expect(notificationTarget({ type: 'FOLLOW', actor: null }, true)).toBeNull();
    expect(actorTarget({ actor })).toEqual({ name: 'profile', params: { username: 'mina' } });
  });

  it('knows which types change the relation to the actor', () => {
    expect(KNOWN_TYPES.filter(changesRelation)).toEqual([
      'FRIEND_REQUEST',
      'FRIEND_ACCEPTED',
      'FOLLOW',
      'FOLLOW_REQUEST',
      'FOLLOW_REQUEST_APPROVED',
    ]);
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it('says how long ago, in the largest unit that fits, in either language', () => {
    expect(relativeTime('2026-11-26T11:59:30Z', now, 'en')).toBe('now');
    expect(relativeTime('2026-11-26T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-11-26T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-11-25T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(relativeTime('2026-11-25T12:00:00Z', now, 'ko')).toBe('어제');
    expect(relativeTime('2026-11-26T11:55:00Z', now, 'ko')).toBe('5분 전');
  });
});
