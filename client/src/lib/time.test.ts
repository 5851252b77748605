import { describe, expect, it } from 'vitest';
import { relativeTime } from './time';

const now = new Date('2026-11-26T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('relativeTime', () => {
  it('says how long ago, in English and Korean', () => {
    expect(relativeTime(ago(10_000), now, 'en')).toBe('now');
    expect(relativeTime(ago(5 * 60_000), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(ago(5 * 60_000), now, 'ko')).toBe('5분 전');
    expect(relativeTime(ago(3 * 3_600_000), now, 'ko')).toBe('3시간 전');
    expect(relativeTime(ago(26 * 3_600_000), now, 'en')).toBe('yesterday');
    expect(relativeTime(ago(2 * 86_400_000), now, 'ko')).toBe('그저께');
  });

  it('gives the date after a week, with the year only for other years', () => {
    expect(relativeTime('2026-03-01T12:00:00Z', now, 'en')).toBe('Mar 1');
    expect(relativeTime('2025-03-01T12:00:00Z', now, 'ko')).toBe('2025년 3월 1일');
  });
});
