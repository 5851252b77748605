import type { FriendshipStatus, RelationFieldsFragment } from '../../gql/graphql';

export type Relation = Omit<RelationFieldsFragment, '__typename'>;

/** What the viewer can do about another user. */
export type RelationAction = 'send' | 'accept' | 'decline' | 'cancel' | 'unfriend' | 'follow' | 'unfollow' | 'block' | 'unblock';

/** Actions that end something, asked about in a dialog first. */
export const CONFIRMED: ReadonlySet<RelationAction> = new Set(['unfriend', 'block', 'unblock']);

/** The buttons a profile shows for the viewer's relation to its user. */
export interface Controls {
  /** A state shown beside the buttons (i18n key under `friends.`), e.g. "Request sent". */
  friendState: 'requested' | 'isFriend' | null;
  friend: RelationAction[];
  follow: 'follow' | 'unfollow' | null;
  /** Behind the "more" menu. */
  more: 'block' | 'unblock' | null;
}

const FRIEND_BUTTONS: Record<Exclude<FriendshipStatus, 'SELF'>, Pick<Controls, 'friendState' | 'friend'>> = {
  NONE: { friendState: null, friend: ['send'] },
  REQUEST_SENT: { friendState: 'requested', friend: ['cancel'] },
  REQUEST_RECEIVED: { friendState: null, friend: ['accept', 'decline'] },
  FRIENDS: { friendState: 'isFriend', friend: ['unfriend'] },
};

export function relationControls(r: Relation): Controls {
  if (r.friendshipStatus === 'SELF') return { friendState: null, friend: [], follow: null, more: null };
  if (r.viewerHasBlocked) return { friendState: null, friend: [], follow: null, more: 'unblock' };
  return { ...FRIEND_BUTTONS[r.friendshipStatus], follow: r.viewerIsFollowing ? 'unfollow' : 'follow', more: 'block' };
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
    followerCount: r.followerCount + step(on, r.viewerIsFollowing),
  });
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
      return withFollow(true);
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
