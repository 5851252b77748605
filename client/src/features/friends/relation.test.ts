import { describe, expect, it } from 'vitest';
import { predictRelation, relationControls, viewerCountDelta, type Relation } from './relation';

const base: Relation = {
  id: 'U2',
  friendshipStatus: 'NONE',
  viewerIsFollowing: false,
  followsViewer: false,
  viewerHasBlocked: false,
  friendCount: 3,
  followerCount: 5,
  followingCount: 7,
};
const as = (patch: Partial<Relation>): Relation => ({ ...base, ...patch });

describe('relationControls', () => {
  it('offers the right friendship buttons for each status', () => {
    expect(relationControls(base)).toEqual({ friendState: null, friend: ['send'], follow: 'follow', more: 'block' });
    expect(relationControls(as({ friendshipStatus: 'REQUEST_SENT' }))).toMatchObject({ friendState: 'requested', friend: ['cancel'] });
    expect(relationControls(as({ friendshipStatus: 'REQUEST_RECEIVED' }))).toMatchObject({
      friendState: null,
      friend: ['accept', 'decline'],
    });
    expect(relationControls(as({ friendshipStatus: 'FRIENDS', viewerIsFollowing: true }))).toEqual({
      friendState: 'isFriend',
      friend: ['unfriend'],
      follow: 'unfollow',
      more: 'block',
    });
  });

  it('offers only "unblock" for a blocked user and nothing on one’s own profile', () => {
    expect(relationControls(as({ viewerHasBlocked: true }))).toEqual({ friendState: null, friend: [], follow: null, more: 'unblock' });
    expect(relationControls(as({ friendshipStatus: 'SELF' }))).toEqual({ friendState: null, friend: [], follow: null, more: null });
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
