import { describe, expect, it } from 'vitest';
import { screenshotPrefill } from './screenshotPrefill';

const person = (id: string, displayName: string, friendshipStatus: 'FRIENDS' | 'NONE' | 'SELF', x = 0.5, viewerHasBlocked = false) => ({
  x,
  y: 0.4,
  user: { id, username: id, displayName, friendshipStatus, viewerHasBlocked },
});
const callWith = (names: string) => `Call with ${names}`;

describe('screenshotPrefill', () => {
  it('names everyone but the author and tags only friends not blocked, at their faces', () => {
    const prefill = screenshotPrefill(
      {
        id: 'm1',
        screenshotPeople: [
          person('me', 'Me', 'SELF', 0.2),
          person('bob', '박보검', 'FRIENDS', 0.7),
          person('eve', 'Eve', 'NONE', 0.9),
          person('mal', 'Mal', 'FRIENDS', 0.1, true),
        ],
      },
      'me',
      callWith,
    );
    expect(prefill?.title).toBe('Call with 박보검, Eve, Mal');
    expect(prefill?.photoTags).toEqual([{ mediaId: 'm1', user: { id: 'bob', username: 'bob', displayName: '박보검' }, x: 0.7, y: 0.4 }]);
  });

  it('is nothing for a picture of the author alone, or one without people', () => {
    expect(screenshotPrefill({ id: 'm1', screenshotPeople: [person('me', 'Me', 'SELF')] }, 'me', callWith)).toBeNull();
    expect(screenshotPrefill({ id: 'm1', screenshotPeople: null }, 'me', callWith)).toBeNull();
  });

  it('keeps a long title within 100 characters', () => {
    const many = Array.from({ length: 16 }, (_, i) => person(`u${i}`, `Someone Number ${i}`, 'FRIENDS'));
    expect([...screenshotPrefill({ id: 'm1', screenshotPeople: many }, 'me', callWith)!.title].length).toBe(100);
  });
});
