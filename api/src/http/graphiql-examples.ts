/** The one-line hint GraphiQL shows (first line of each example, and under the results). */
export const TOKEN_HINT =
  'Signed-in requests: in the Headers tab put {"Authorization": "Bearer <token>"} (make a token at /settings/tokens; guide at /docs).';

/** The tabs GraphiQL opens with: a feed query, a like mutation and a live-notifications subscription. */
export const GRAPHIQL_EXAMPLES: { query: string; variables?: string }[] = [
  {
    query: `# ${TOKEN_HINT}
# Your home feed, newest first: posts of you, your friends and the people you follow.
query Feed($after: String) {
  feed(first: 10, after: $after) {
    nodes {
      id
      title
      likeCount
      viewerHasLiked
      author {
        username
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
    variables: '{ "after": null }',
  },
  {
    query: `# ${TOKEN_HINT}
# Like a post: take an id from the Feed tab (the token needs the WRITE_POSTS scope).
mutation Like($postId: ID!) {
  likePost(postId: $postId) {
    post {
      id
      likeCount
      viewerHasLiked
    }
    userErrors {
      code
      message
    }
  }
}
`,
    variables: '{ "postId": "paste a Post id here" }',
  },
  {
    query: `# ${TOKEN_HINT}
# Live over graphql-ws (the token needs the SUBSCRIBE scope): run it, then like or comment on your posts elsewhere.
subscription Notifications {
  notificationAdded {
    id
    type
    createdAt
    actor {
      username
    }
    post {
      id
      title
    }
  }
}
`,
  },
];
