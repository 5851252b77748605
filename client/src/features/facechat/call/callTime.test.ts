import { describe, expect, it } from 'vitest';
import { formatCallTime } from './callTime';

describe('formatCallTime', () => {
  it('reads minutes:seconds, then hours', () => {
    expect([0, 999, 7_000, 247_000, 3_729_000, -5_000].map(formatCallTime)).toEqual(['0:00', '0:00', '0:07', '4:07', '1:02:09', '0:00']);
  });
});
