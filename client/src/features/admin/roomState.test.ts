import { describe, expect, it } from 'vitest';
import { roomState } from './roomState';

describe('roomState', () => {
  it('names a room as the admin filter does: removed over closed over live', () => {
    const at = '2026-01-01T00:00:00Z';
    expect(roomState({ removedAt: at, closedAt: at, isLive: true })).toBe('REMOVED');
    expect(roomState({ removedAt: null, closedAt: at, isLive: true })).toBe('CLOSED');
    expect(roomState({ isLive: true })).toBe('LIVE');
    expect(roomState({ removedAt: null, closedAt: null, isLive: false })).toBe('OPEN');
  });
});
