import { describe, expect, it } from 'vitest';
import { listQuery, readFilters } from './adminListQuery';

const spec = { status: ['VISIBLE', 'REMOVED'], authorId: [] } as const;

describe('admin list route query', () => {
  it('reads known filter values, takes any value for open filters, and treats the rest as "all"', () => {
    expect(readFilters({ status: 'REMOVED', authorId: 'VXNlcjox' }, spec)).toEqual({ status: 'REMOVED', authorId: 'VXNlcjox' });
    expect(readFilters({ status: 'DELETED' }, spec)).toEqual({ status: '', authorId: '' });
    expect(readFilters({ status: ['REMOVED', 'VISIBLE'] }, spec)).toEqual({ status: '', authorId: '' });
  });

  it('writes the search and only the filters that are set', () => {
    expect(listQuery('ada@example.org', { status: '', role: 'ADMIN' })).toEqual({ q: 'ada@example.org', role: 'ADMIN' });
    expect(listQuery('', { status: '' })).toEqual({});
  });

  it('round-trips', () => {
    const filters = { status: 'VISIBLE', authorId: 'x' };
    expect(readFilters(listQuery('q', filters), spec)).toEqual(filters);
  });
});
