/** Shared by the friends test files: GraphQL documents and database snapshots. */
import { fromGlobalId, toGlobalId } from '../../kernel/ids.js';
import { gql, type TestUser } from '../../test/client.js';
import type { TestStack } from '../../test/stack.js';

const REQUEST_FIELDS = 'friendRequest { id status createdAt respondedAt from { id } to { id } } userErrors { code field message }';
export const SEND = `mutation($id: ID!) { sendFriendRequest(userId: $id) { ${REQUEST_FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!) { acceptFriendRequest(requestId: $id) { ${REQUEST_FIELDS} } }`;
export const DECLINE = `mutation($id: ID!) { declineFriendRequest(requestId: $id) { ${REQUEST_FIELDS} } }`;
export const CANCEL = `mutation($id: ID!) { cancelFriendRequest(requestId: $id) { ${REQUEST_FIELDS} } }`;

const userMutation = (name: string) =>
  `mutation($id: ID!) { ${name}(userId: $id) { user { id friendshipStatus viewerIsFollowing followsViewer viewerHasBlocked } userErrors { code field message } } }`;
export const REMOVE = userMutation('removeFriend');
export const FOLLOW = userMutation('followUser');
export const UNFOLLOW = userMutation('unfollowUser');
export const BLOCK = userMutation('blockUser');
export const UNBLOCK = userMutation('unblockUser');

const USER = `query($id: ID!) { user(id: $id) {
  id friendCount followerCount followingCount friendshipStatus viewerIsFollowing followsViewer viewerHasBlocked } }`;

/** Runs a mutation as `who` and returns its payload (the only root field). */
export async function act(stack: TestStack, who: TestUser | null, document: string, id: string) {
  const res = await gql(stack, document, { id }, who ? { token: who.token } : {});
  if (res.errors) return { errors: res.errors, status: res.status };
  return Object.values(res.data as Record<string, any>)[0];
}

export async function userAs(stack: TestStack, who: TestUser | null, subject: TestUser) {
  const res = await gql(stack, USER, { id: subject.id }, who ? { token: who.token } : {});
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.user;
}

export const raw = (user: TestUser) => fromGlobalId(user.id, 'User') as string;
export const missingUserId = () => toGlobalId('User', '00000000-0000-4000-8000-000000000000');

/** Rows as stored (snake_case columns), for snapshots of the database. */
export interface RequestStateRow {
  id: string;
  from_id: string;
  to_id: string;
  status: string;
  responded_at: string | null;
}
export interface FriendshipStateRow {
  user_id: string;
  friend_id: string;
  created_at: string;
}
export interface FollowStateRow {
  follower_id: string;
  followee_id: string;
  created_at: string;
}
export interface BlockStateRow {
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}

/** Every friends-related row touching these users, to show an operation changed nothing. */
export async function relationState(stack: TestStack, ...users: TestUser[]) {
  const ids = users.map(raw);
  const conn = stack.orm.em.fork().getConnection();
  const rows = <Row>(sql: string, params: unknown[]) => conn.execute<Row[]>(sql, params);
  return {
    requests: await rows<RequestStateRow>(
      `select id, from_id, to_id, status, responded_at from friend_requests
      where from_id in (?) or to_id in (?) order by id`,
      [ids, ids],
    ),
    friendships: await rows<FriendshipStateRow>(
      'select * from friendships where user_id in (?) or friend_id in (?) order by user_id, friend_id',
      [ids, ids],
    ),
    follows: await rows<FollowStateRow>(
      'select * from follows where follower_id in (?) or followee_id in (?) order by follower_id, followee_id',
      [ids, ids],
    ),
    blocks: await rows<BlockStateRow>('select * from blocks where blocker_id in (?) or blocked_id in (?) order by blocker_id, blocked_id', [
      ids,
      ids,
    ]),
    notifications: await rows<{ id: string }>('select id from notifications where recipient_id in (?) order by id', [ids]),
  };
}

export async function notificationsOf(stack: TestStack, who: TestUser): Promise<{ type: string; actor: string | null }[]> {
  const rows = await stack.orm.em
    .fork()
    .getConnection()
    .execute<{ type: string; actor_id: string | null }[]>(
      'select type, actor_id from notifications where recipient_id = ? order by created_at',
      [raw(who)],
    );
  return rows.map((r) => ({ type: r.type, actor: r.actor_id }));
}
