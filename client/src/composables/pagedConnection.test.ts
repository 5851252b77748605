import { gql } from '@apollo/client/core';
import { describe, expect, it } from 'vitest';
import { createCache } from '../lib/apollo';
import { nextPageVariables, nodesOf } from './pagedConnection';

// The lobby's list as a small query: relayStylePagination(['query']) merges its pages in the cache.
const ROOMS = gql`
  query PagedRooms($query: String, $first: Int, $after: String) {
    rooms(query: $query, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          title
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const page = (ids: string[], hasNextPage: boolean, totalCount = 5) => ({
  rooms: {
    __typename: 'RoomConnection',
    totalCount,
    edges: ids.map((id) => ({ __typename: 'RoomEdge', cursor: `c${id}`, node: { __typename: 'Room', id, title: `Room ${id}` } })),
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: ids.length ? `c${ids[ids.length - 1]}` : null },
  },
});

type RoomsData = ReturnType<typeof page>;

describe('the paginator', () => {
  it('asks for the page after the last cursor, and for none at the end', () => {
    const first = page(['1', '2'], true).rooms;
    expect(nextPageVariables(first, { query: 'kim' }, 2)).toEqual({ query: 'kim', first: 2, after: 'c2' });
    expect(nextPageVariables(page(['5'], false).rooms, {}, 2)).toBeNull();
    expect(nextPageVariables({ pageInfo: { hasNextPage: true, endCursor: null } }, {}, 2)).toBeNull();
    expect(nextPageVariables(null, {}, 2)).toBeNull();
    expect(nodesOf(first).map((n) => n.id)).toEqual(['1', '2']);
    expect(nodesOf(null)).toEqual([]);
  });

  it('appends each page to the list of the same arguments (the cache merge)', () => {
    const cache = createCache();
    cache.writeQuery({ query: ROOMS, variables: { query: 'kim', first: 2 }, data: page(['1', '2'], true) });
    cache.writeQuery({ query: ROOMS, variables: { query: 'kim', first: 2, after: 'c2' }, data: page(['3', '4'], true) });
    cache.writeQuery({ query: ROOMS, variables: { query: 'kim', first: 2, after: 'c4' }, data: page(['5'], false) });
    // Another search text is another list.
    cache.writeQuery({ query: ROOMS, variables: { query: 'lee', first: 2 }, data: page(['9'], false, 1) });

    const kim = cache.readQuery<RoomsData>({ query: ROOMS, variables: { query: 'kim', first: 2 } })!.rooms;
    expect(nodesOf(kim).map((n) => n.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(kim.pageInfo.hasNextPage).toBe(false);
    expect(kim.totalCount).toBe(5);
    expect(nextPageVariables(kim, { query: 'kim' }, 2)).toBeNull();
    const lee = cache.readQuery<RoomsData>({ query: ROOMS, variables: { query: 'lee', first: 2 } })!.rooms;
    expect(nodesOf(lee).map((n) => n.id)).toEqual(['9']);
  });

  it('starts over when the first page is fetched again (a refetch replaces the list)', () => {
    const cache = createCache();
    cache.writeQuery({ query: ROOMS, variables: { first: 2 }, data: page(['1', '2'], true) });
    cache.writeQuery({ query: ROOMS, variables: { first: 2, after: 'c2' }, data: page(['3', '4'], true) });
    cache.writeQuery({ query: ROOMS, variables: { first: 2 }, data: page(['0', '1'], true, 6) });
    const rooms = cache.readQuery<RoomsData>({ query: ROOMS, variables: { first: 2 } })!.rooms;
    expect(nodesOf(rooms).map((n) => n.id)[0]).toBe('0');
    expect(rooms.totalCount).toBe(6);
  });
});
