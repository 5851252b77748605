import type { FriendshipStatus, RelationFieldsFragment } from '../../gql/graphql';

export type Relation = Omit<RelationFieldsFragment, '__typename'>;

/** What the viewer can do about another user. */
export type RelationAction = 'send' | 'accept' | 'decline' | 'cancel' | 'unfriend' | 'follow' | 'unfollow' | 'block' | 'unblock';

/** Actions that end something, asked about in a dialog first. */
export const CONFIRMED: ReadonlySet<RelationAction> = new Set(['unfriend', 'block', 'unblock']);

/**
 * The one relationship control of a profile (Messenger/Instagram style): a primary button that says the friendship
 * state, a secondary follow button while not friends (friends see each other's posts anyway), and the ⋯ menu.
 */
export interface Controls {
  /** The primary button(s): add, "Request sent · Cancel", Accept + Decline, or the "Friends ▾" menu. */
  friend: 'send' | 'cancel' | 'respond' | 'friends' | null;
  /** Follow, Unfollow, or withdraw a pending request to a private account; null once friends (it sits in the menus). */
  follow: 'follow' | 'unfollow' | 'requested' | null;
  /** The ⋯ menu, in order. */
  more: (RelationAction | 'report')[];
  /** Items of the "Friends ▾" menu. */
  friendsMenu: RelationAction[];
}

const FRIEND_PRIMARY: Record<Exclude<FriendshipStatus, 'SELF'>, Controls['friend']> = {
  NONE: 'send',
  REQUEST_SENT: 'cancel',
  REQUEST_RECEIVED: 'respond',
  FRIENDS: 'friends',
};

export function relationControls(r: Relation): Controls {
  if (r.friendshipStatus === 'SELF') return { friend: null, follow: null, more: [], friendsMenu: [] };
  if (r.viewerHasBlocked) return { friend: null, follow: null, more: ['unblock', 'report'], friendsMenu: [] };
  const friends = r.friendshipStatus === 'FRIENDS';
  const followState = r.viewerIsFollowing ? 'unfollow' : r.viewerFollowRequested ? 'requested' : 'follow';
  const more: Controls['more'] = [];
  if (r.viewerIsFollowing || r.viewerFollowRequested) more.push('unfollow');
  if (friends) more.push('unfriend');
  more.push('block', 'report');
  return {
    friend: FRIEND_PRIMARY[r.friendshipStatus],
    follow: friends ? null : followState,
    more,
    friendsMenu: friends ? [r.viewerIsFollowing ? 'unfollow' : 'follow', 'unfriend'] : [],
  };
}

const step = (on: boolean, was: boolean) => Number(on) - Number(was);

/** The relation the server will most likely answer with: what the profile shows while it is asked. */
export function predictRelation(r: Relation, action: RelationAction): Relation {
  const friends = r.friendshipStatus === 'FRIENDS';
  const withStatus = (status: FriendshipStatus): Relation => ({
    ...r,
    friendshipStatus: status,
    friendCount: r.friendCount + step(status === 'FRIENDS', friends),
  });
  const withFollow = (on: boolean): Relation => ({
    ...r,
    viewerIsFollowing: on,
    viewerFollowRequested: false,
    followerCount: r.followerCount + step(on, r.viewerIsFollowing),
  });
  // Following a private account (not as a friend) only asks.
  const asks = r.isPrivate && !friends && !r.viewerIsFollowing;
  switch (action) {
    case 'send':
      return withStatus(r.friendshipStatus === 'REQUEST_RECEIVED' ? 'FRIENDS' : 'REQUEST_SENT');
    case 'accept':
      return withStatus('FRIENDS');
    case 'decline':
    case 'cancel':
    case 'unfriend':
      return withStatus('NONE');
    case 'follow':
      return asks ? { ...r, viewerFollowRequested: true } : withFollow(true);
    case 'unfollow':
      return withFollow(false);
    case 'block': {
      const ended = withFollow(false);
      return {
        ...ended,
        friendshipStatus: 'NONE',
        friendCount: r.friendCount - Number(friends),
        followingCount: r.followingCount - Number(r.followsViewer),
        followsViewer: false,
        viewerHasBlocked: true,
        viewerCanSeePosts: false,
      };
    }
    case 'unblock':
      return { ...r, viewerHasBlocked: false };
  }
}

/** How the viewer's own counts move when their relation to someone goes from `before` to `after`. */
export function viewerCountDelta(before: Relation, after: Relation) {
  return {
    friendCount: step(after.friendshipStatus === 'FRIENDS', before.friendshipStatus === 'FRIENDS'),
    followingCount: step(after.viewerIsFollowing, before.viewerIsFollowing),
    followerCount: step(after.followsViewer, before.followsViewer),
  };
}

/** The i18n key (under `friends.done.`) announced once an action went through. */
export const DONE_KEY: Record<RelationAction, string> = {
  send: 'sent',
  accept: 'accepted',
  decline: 'declined',
  cancel: 'canceled',
  unfriend: 'unfriended',
  follow: 'followed',
  unfollow: 'unfollowed',
  block: 'blocked',
  unblock: 'unblocked',
};
