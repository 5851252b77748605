import { describe, expect, it } from 'vitest';
import { predictRelation, relationControls, viewerCountDelta, type Relation } from './relation';

const base: Relation = {
  id: 'U2',
  friendshipStatus: 'NONE',
  viewerIsFollowing: false,
  followsViewer: false,
  viewerHasBlocked: false,
  viewerFollowRequested: false,
  viewerCanSeePosts: true,
  isPrivate: false,
  friendCount: 3,
  followerCount: 5,
  followingCount: 7,
};
const as = (patch: Partial<Relation>): Relation => ({ ...base, ...patch });

describe('relationControls', () => {
  it('has one primary friendship control that says the state, with Follow beside it until friends', () => {
    expect(relationControls(base)).toEqual({ friend: 'send', follow: 'follow', more: ['block', 'report'], friendsMenu: [] });
    expect(relationControls(as({ friendshipStatus: 'REQUEST_SENT' }))).toMatchObject({ friend: 'cancel', follow: 'follow' });
    expect(relationControls(as({ friendshipStatus: 'REQUEST_RECEIVED' }))).toMatchObject({ friend: 'respond' });
    // Friends: follow moves into the "Friends ▾" menu; unfriend is in both menus, never a bare button.
    expect(relationControls(as({ friendshipStatus: 'FRIENDS', viewerIsFollowing: true }))).toEqual({
      friend: 'friends',
      follow: null,
      more: ['unfollow', 'unfriend', 'block', 'report'],
      friendsMenu: ['unfollow', 'unfriend'],
    });
  });

  it('shows a pending follow request to a private account as "requested", withdrawn from the menu', () => {
    expect(relationControls(as({ isPrivate: true, viewerFollowRequested: true }))).toMatchObject({
      follow: 'requested',
      more: ['unfollow', 'block', 'report'],
    });
  });

  it('offers only unblock and report for a blocked user and nothing on one’s own profile', () => {
    expect(relationControls(as({ viewerHasBlocked: true }))).toEqual({
      friend: null,
      follow: null,
      more: ['unblock', 'report'],
      friendsMenu: [],
    });
    expect(relationControls(as({ friendshipStatus: 'SELF' }))).toEqual({ friend: null, follow: null, more: [], friendsMenu: [] });
  });
});

describe('predictRelation', () => {
  it('moves friendship status and the friend count', () => {
    expect(predictRelation(base, 'send')).toMatchObject({ friendshipStatus: 'REQUEST_SENT', friendCount: 3 });
    // Sending to someone who asked first accepts their request.
    expect(predictRelation(as({ friendshipStatus: 'REQUEST_RECEIVED' }), 'send')).toMatchObject({
      friendshipStatus: 'FRIENDS',
      friendCount: 4,
    });
    expect(predictRelation(as({ friendshipStatus: 'REQUEST_RECEIVED' }), 'accept')).toMatchObject({
      friendshipStatus: 'FRIENDS',
      friendCount: 4,
    });
    expect(predictRelation(as({ friendshipStatus: 'REQUEST_RECEIVED' }), 'decline')).toMatchObject({
      friendshipStatus: 'NONE',
      friendCount: 3,
    });
    expect(predictRelation(as({ friendshipStatus: 'REQUEST_SENT' }), 'cancel')).toMatchObject({ friendshipStatus: 'NONE', friendCount: 3 });
    expect(predictRelation(as({ friendshipStatus: 'FRIENDS' }), 'unfriend')).toMatchObject({ friendshipStatus: 'NONE', friendCount: 2 });
  });

  it('only asks to follow a private account (no count moves) until it is approved', () => {
    expect(predictRelation(as({ isPrivate: true }), 'follow')).toEqual({ ...base, isPrivate: true, viewerFollowRequested: true });
    expect(predictRelation(as({ isPrivate: true, viewerFollowRequested: true }), 'unfollow')).toMatchObject({
      viewerFollowRequested: false,
      followerCount: 5,
    });
    // A friend follows a private account straight away.
    expect(predictRelation(as({ isPrivate: true, friendshipStatus: 'FRIENDS' }), 'follow')).toMatchObject({ viewerIsFollowing: true });
  });

  it('moves the follow flag and the follower count once', () => {
    expect(predictRelation(base, 'follow')).toMatchObject({ viewerIsFollowing: true, followerCount: 6 });
    expect(predictRelation(as({ viewerIsFollowing: true }), 'follow')).toMatchObject({ viewerIsFollowing: true, followerCount: 5 });
    expect(predictRelation(as({ viewerIsFollowing: true }), 'unfollow')).toMatchObject({ viewerIsFollowing: false, followerCount: 4 });
  });

  it('ends everything on block and only the block on unblock', () => {
    const friendsBothWays = as({ friendshipStatus: 'FRIENDS', viewerIsFollowing: true, followsViewer: true });
    expect(predictRelation(friendsBothWays, 'block')).toEqual({
      ...base,
      friendshipStatus: 'NONE',
      viewerHasBlocked: true,
      viewerCanSeePosts: false,
      friendCount: 2,
      followerCount: 4,
      followingCount: 6,
    });
    expect(predictRelation(as({ viewerHasBlocked: true }), 'unblock')).toEqual(base);
  });
});

describe('viewerCountDelta', () => {
  it('moves the viewer’s own counts with the relation', () => {
    const after = predictRelation(as({ friendshipStatus: 'FRIENDS', viewerIsFollowing: true, followsViewer: true }), 'block');
    expect(viewerCountDelta(as({ friendshipStatus: 'FRIENDS', viewerIsFollowing: true, followsViewer: true }), after)).toEqual({
      friendCount: -1,
      followingCount: -1,
      followerCount: -1,
    });
    expect(viewerCountDelta(base, predictRelation(base, 'follow'))).toEqual({ friendCount: 0, followingCount: 1, followerCount: 0 });
  });
});
