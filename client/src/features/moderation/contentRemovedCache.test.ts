import { gql } from '@apollo/client/core';
import { describe, expect, it } from 'vitest';
import { createCache } from '../../lib/apollo';
import { dropRemoved } from './contentRemovedCache';

// The app's own cache (its relayStylePagination policies) with a feed, an open post page and its comments.
const FEED = gql`
  query LiveFeed {
    feed(first: 10) {
      edges {
        cursor
        node {
          id
          author {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const DETAIL = gql`
  query LiveDetail($id: ID!) {
    post(id: $id) {
      id
      commentCount
      author {
        id
      }
      comments(first: 10) {
        edges {
          cursor
          node {
            id
            author {
              id
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

const COUNT = gql`
  fragment LiveCount on Post {
    commentCount
  }
`;
const COMMENTS = gql`
  fragment LiveComments on Post {
    comments(first: 10) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const commentIds = (cache: ReturnType<typeof createCache>) =>
  cache
    .readFragment<{ comments: { edges: { node: { id: string } }[] } }>({ id: 'Post:p3', fragment: COMMENTS })!
    .comments.edges.map((e) => e.node.id);
const user = (id: string) => ({ __typename: 'User', id });
const edge = (typename: string, id: string, author: string) => ({
  __typename: `${typename}Edge`,
  cursor: `c${id}`,
  node: { __typename: typename, id, author: user(author) },
});
const pageInfo = { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c' };

function seeded() {
  const cache = createCache();
  cache.writeQuery({
    query: FEED,
    data: {
      feed: {
        __typename: 'PostConnection',
        edges: [edge('Post', 'p1', 'bob'), edge('Post', 'p2', 'bob'), edge('Post', 'p3', 'amy')],
        pageInfo,
      },
    },
  });
  cache.writeQuery({
    query: DETAIL,
    variables: { id: 'p3' },
    data: {
      post: {
        __typename: 'Post',
        id: 'p3',
        commentCount: 2,
        author: user('amy'),
        comments: { __typename: 'CommentConnection', edges: [edge('Comment', 'c1', 'bob'), edge('Comment', 'c2', 'amy')], pageInfo },
      },
    },
  });
  const feedIds = () => cache.readQuery<{ feed: { edges: { node: { id: string } }[] } }>({ query: FEED })!.feed.edges.map((e) => e.node.id);
  const detail = () =>
    cache.readQuery<{ post: { comments: { edges: { node: { id: string } }[] } } | null }>({ query: DETAIL, variables: { id: 'p3' } })!.post;
  return { cache, feedIds, detail };
}

describe('dropping removed content from the cache', () => {
  it('takes a removed post out of the feed and leaves the rest', () => {
    const { cache, feedIds } = seeded();
    expect(dropRemoved(cache, { subjectType: 'Post', subjectId: 'p2' })).toBe(1);
    expect(feedIds()).toEqual(['p1', 'p3']);
  });

  it('turns an open post page whose post was removed into "not found" (null), not a broken read', () => {
    const { cache, feedIds, detail } = seeded();
    dropRemoved(cache, { subjectType: 'Post', subjectId: 'p3' });
    expect(detail()).toBeNull();
    expect(feedIds()).toEqual(['p1', 'p2']);
  });

  it('takes a removed comment out of its post’s comments', () => {
    const { cache } = seeded();
    const count = () => cache.readFragment<{ commentCount: number }>({ id: 'Post:p3', fragment: COUNT })?.commentCount;
    expect(count()).toBe(2);
    dropRemoved(cache, { subjectType: 'Comment', subjectId: 'c2' });
    // The post's count is no longer trusted (asked of the server again); its list drops the comment.
    expect(count()).toBeUndefined();
    expect(commentIds(cache)).toEqual(['c1']);
  });

  it('drops every post and comment of a suspended user, and nothing of anyone else', () => {
    const { cache, feedIds } = seeded();
    expect(dropRemoved(cache, { subjectType: 'User', subjectId: 'bob' })).toBe(3);
    expect(feedIds()).toEqual(['p3']);
    expect(commentIds(cache)).toEqual(['c2']);
  });

  it('changes nothing for content the cache never held', () => {
    const { cache, feedIds } = seeded();
    expect(dropRemoved(cache, { subjectType: 'ChatMessage', subjectId: 'm1' })).toBe(0);
    expect(dropRemoved(cache, { subjectType: 'User', subjectId: 'zed' })).toBe(0);
    expect(feedIds()).toEqual(['p1', 'p2', 'p3']);
  });
});
