import { describe, expect, it } from 'vitest';
import { absentCallees, calleeState, matchesName, MAX_CALLEES, ringsFor, type CalleeLike } from './groupCall';

const callee = (id: string, displayName: string, status: CalleeLike['status'], inCall = false): CalleeLike => ({
  user: { id, displayName },
  status,
  inCall,
});

describe('group calls', () => {
  it('rings at most 15 others: a call holds 16 people', () => {
    expect(MAX_CALLEES).toBe(15);
  });

  it('filters friends by display name or username, ignoring case and spaces around', () => {
    const bob = { username: 'bob_lee', displayName: 'Bob Lee' };
    expect(matchesName(bob, '')).toBe(true);
    expect(matchesName(bob, ' LEE ')).toBe(true);
    expect(matchesName(bob, 'bob_')).toBe(true);
    expect(matchesName(bob, 'carol')).toBe(false);
    expect(matchesName({ username: 'minji', displayName: '김민지' }, '민지')).toBe(true);
  });

  it('says what a callee who is not connected is doing', () => {
    expect(calleeState({ status: 'RINGING', inCall: false })).toBe('RINGING');
    expect(calleeState({ status: 'DECLINED', inCall: false })).toBe('DECLINED');
    expect(calleeState({ status: 'MISSED', inCall: false })).toBe('MISSED');
    expect(calleeState({ status: 'ACCEPTED', inCall: true })).toBe('JOINING');
    expect(calleeState({ status: 'ACCEPTED', inCall: false })).toBe('LEFT');
  });

  it('lists the callees not connected, ringing first, then declined, missed, left, each by name', () => {
    const rows = absentCallees(
      [
        callee('1', 'Zoe', 'DECLINED'),
        callee('2', 'Bob', 'ACCEPTED', true),
        callee('3', 'Yuri', 'RINGING'),
        callee('4', 'Amy', 'RINGING'),
        callee('5', 'Dan', 'ACCEPTED', false),
        callee('6', 'Eve', 'MISSED'),
        callee('7', 'Ann', 'DECLINED'),
      ],
      new Set(['2']),
      'en',
    );
    expect(rows.map((row) => `${row.callee.user.displayName}:${row.state}`)).toEqual([
      'Amy:RINGING',
      'Yuri:RINGING',
      'Ann:DECLINED',
      'Zoe:DECLINED',
      'Eve:MISSED',
      'Dan:LEFT',
    ]);
  });

  it('rings for a callee while their own answer is pending, also when added to a call already on', () => {
    const call = (status: string, mine: CalleeLike['status']) => ({
      status,
      calleeStatuses: [callee('me', 'Me', mine), callee('other', 'Other', 'ACCEPTED', true)],
    });
    expect(ringsFor(call('RINGING', 'RINGING'), 'me')).toBe(true);
    expect(ringsFor(call('ACCEPTED', 'RINGING'), 'me')).toBe(true);
    expect(ringsFor(call('ACCEPTED', 'DECLINED'), 'me')).toBe(false);
    expect(ringsFor(call('ACCEPTED', 'MISSED'), 'me')).toBe(false);
    expect(ringsFor(call('ACCEPTED', 'ACCEPTED'), 'me')).toBe(false);
    expect(ringsFor(call('ENDED', 'RINGING'), 'me')).toBe(false);
    expect(ringsFor(call('CANCELED', 'RINGING'), 'me')).toBe(false);
    // Not among the callees (an older answer without the list): the call's own status decides.
    expect(ringsFor({ status: 'RINGING', calleeStatuses: [] }, 'me')).toBe(true);
  });
});
