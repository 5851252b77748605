/**
 * What every benchmark socket sends: the three subscriptions an open tab holds, with the client's selections
 * (client/src/features/{notifications,calls}/*.graphql; PostLiked as the client had it before it moved to
 * PostLikesChanged), and the query whose answer tells the socket its subscriptions were handled.
 */
export const SUBSCRIPTIONS = {
  /** graphql-ws operation id → document. */
  n: `subscription NotificationAdded {
  notificationAdded {
    id type read createdAt
    actor { id username displayName friendshipStatus viewerIsFollowing followsViewer viewerHasBlocked friendCount followerCount followingCount }
    post { id title }
    comment { id }
  }
}`,
  c: `subscription IncomingCall {
  incomingCall {
    id status createdAt answeredAt endedAt
    caller { id username displayName }
    callees { id username displayName }
    room { id }
  }
}`,
  l: `subscription PostLiked($postId: ID) {
  postLiked(postId: $postId) {
    likeCount
    like { id createdAt user { id username displayName } }
    post { id title likeCount }
  }
}`,
} as const;

/** Sent after the subscriptions on the same socket: its answer means the server has taken them in. */
export const ROUND_TRIP_QUERY = 'query Me { me { id } }';
