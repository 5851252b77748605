import { describe, expect, it } from 'vitest';
import type { RoomAccessFieldsFragment } from '../../../gql/graphql';
import { handOverAccess, takeAccess } from './callAccess';

const access = (expiresAt: string) => ({ url: 'ws://livekit', token: 't', expiresAt }) as RoomAccessFieldsFragment;

describe('room access handed to the call page', () => {
  it('is taken once, saying whether the others join later (a call just placed)', () => {
    const placed = access('2026-12-03T12:00:00Z');
    handOverAccess('room-1', placed, { othersLater: true });
    expect(takeAccess('room-1', Date.parse('2026-12-03T11:00:00Z'))).toEqual({ access: placed, othersLater: true });
    expect(takeAccess('room-1', Date.parse('2026-12-03T11:00:00Z'))).toBeNull();
  });

  it('answered: the others are there already', () => {
    handOverAccess('room-2', access('2026-12-03T12:00:00Z'));
    expect(takeAccess('room-2', Date.parse('2026-12-03T11:00:00Z'))?.othersLater).toBe(false);
  });

  it('is not used when it is about to expire', () => {
    handOverAccess('room-3', access('2026-12-03T12:00:10Z'));
    expect(takeAccess('room-3', Date.parse('2026-12-03T12:00:00Z'))).toBeNull();
  });
});
