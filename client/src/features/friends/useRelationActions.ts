import type { ApolloCache, ApolloClient, NormalizedCacheObject, Reference } from '@apollo/client/core';
import { useApolloClient } from '@vue/apollo-composable';
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  AcceptFriendRequestDocument,
  BlockUserDocument,
  CancelFriendRequestDocument,
  DeclineFriendRequestDocument,
  FollowUserDocument,
  FriendRequestsDocument,
  RelationFieldsFragmentDoc,
  RemoveFriendDocument,
  SendFriendRequestDocument,
  UnblockUserDocument,
  UnfollowUserDocument,
  type FriendRequestDirection,
  type FriendRequestPayloadFieldsFragment,
  type FriendRequestsQuery,
  type RelationPayloadFieldsFragment,
  type UserErrorFieldsFragment,
} from '../../gql/graphql';
import { describeUserError } from '../../composables/describeUserError';
import { useAuthStore } from '../auth/useAuthStore';
import { useFormErrors } from '../../composables/useFormErrors';
import { dropNodes } from '../../lib/cachedConnection';
import { refetchActive } from '../../lib/refetchActive';
import { DONE_KEY, predictRelation, viewerCountDelta, type Relation, type RelationAction } from './relation';

type Client = ApolloClient<NormalizedCacheObject>;
type Payload = Partial<RelationPayloadFieldsFragment & FriendRequestPayloadFieldsFragment> & { userErrors: UserErrorFieldsFragment[] };

const USER_DOCUMENTS = {
  unfriend: RemoveFriendDocument,
  follow: FollowUserDocument,
  unfollow: UnfollowUserDocument,
  block: BlockUserDocument,
  unblock: UnblockUserDocument,
} as const;
const REQUEST_DOCUMENTS = {
  accept: AcceptFriendRequestDocument,
  decline: DeclineFriendRequestDocument,
  cancel: CancelFriendRequestDocument,
} as const;

const userRef = (cache: ApolloCache<unknown>, id: string) => cache.identify({ __typename: 'User', id });

/** The pending request between the viewer and `userId` (the profile knows the status, not the request). */
async function findPendingRequest(client: Client, direction: FriendRequestDirection, userId: string): Promise<string | null> {
  let after: string | null | undefined = null;
  for (let page = 0; page < 20; page++) {
    const { data }: { data: FriendRequestsQuery } = await client.query({
      query: FriendRequestsDocument,
      variables: { direction, first: 100, after },
      fetchPolicy: 'network-only',
    });
    const found = data.friendRequests.edges.find((e) => (direction === 'OUTGOING' ? e.node.to.id : e.node.from.id) === userId);
    if (found) return found.node.id;
    if (!data.friendRequests.pageInfo.hasNextPage) return null;
    after = data.friendRequests.pageInfo.endCursor;
  }
  return null;
}

/** What else changed in the cache once the server agreed: the viewer's counts, lists and pending requests. */
function reconcile(
  cache: ApolloCache<unknown>,
  viewerId: string,
  before: Relation,
  after: Relation,
  requestId: string | null,
  action: RelationAction,
) {
  const delta = viewerCountDelta(before, after);
  const viewer = userRef(cache, viewerId);
  const target = userRef(cache, after.id);
  cache.modify({
    id: viewer,
    fields: {
      friendCount: (n: number) => n + delta.friendCount,
      followingCount: (n: number) => n + delta.followingCount,
      followerCount: (n: number) => n + delta.followerCount,
    },
  });
  const evict = (id: string | undefined, fieldName: string) => cache.evict({ id, fieldName });
  if (delta.friendCount) [viewer, target].forEach((id) => evict(id, 'friends'));
  if (delta.followingCount) {
    evict(viewer, 'following');
    evict(target, 'followers');
  }
  if (delta.followerCount) {
    evict(viewer, 'followers');
    evict(target, 'following');
  }
  if (action === 'send' || action === 'block') evict('ROOT_QUERY', 'friendRequests');
  else if (requestId) {
    cache.modify({
      id: 'ROOT_QUERY',
      fields: {
        friendRequests: (list, { readField }) =>
          dropNodes(list, new Set([requestId]), (node) => readField<string>('id', node as Reference)),
      },
    });
  }
  cache.gc();
}

/**
 * Runs the viewer's friend, follow and block actions on another user: the profile shows the likely
 * outcome at once (an optimistic cache layer), the server's answer then replaces it; userErrors
 * and failures are kept for the view, and the success is announced.
 */
export function useRelationActions() {
  const { resolveClient } = useApolloClient();
  const { t } = useI18n();
  const auth = useAuthStore();
  const failure = useFormErrors([]);
  const pending = ref<RelationAction | null>(null);
  const done = ref('');
  let layers = 0;

  const userErrorText = (error: Pick<UserErrorFieldsFragment, 'code'>) => describeUserError(error, { scopes: ['friends.errors'] });

  async function send(client: Client, action: RelationAction, target: Relation, requestId: string | null): Promise<Payload> {
    const mutate = async <D extends Record<string, unknown>>(run: Promise<{ data?: D | null }>) =>
      Object.values((await run).data ?? {})[0] as Payload;
    if (action === 'send' || (action === 'accept' && !requestId)) {
      // Sending to someone who asked first accepts their request.
      return mutate(client.mutate({ mutation: SendFriendRequestDocument, variables: { userId: target.id } }));
    }
    if (action === 'accept' || action === 'decline' || action === 'cancel') {
      return mutate(client.mutate({ mutation: REQUEST_DOCUMENTS[action], variables: { requestId: requestId! } }));
    }
    return mutate(client.mutate({ mutation: USER_DOCUMENTS[action], variables: { userId: target.id } }));
  }

  /** `requestId` when the caller knows it (the requests page); the profile looks it up. */
  async function run(action: RelationAction, target: Relation, requestId: string | null = null): Promise<boolean> {
    if (pending.value || !auth.user) return false;
    const client = resolveClient() as Client;
    const { cache } = client;
    pending.value = action;
    failure.clear();
    done.value = '';
    const layer = `relation-${++layers}`;
    try {
      if (!requestId && (action === 'decline' || action === 'cancel')) {
        requestId = await findPendingRequest(client, action === 'cancel' ? 'OUTGOING' : 'INCOMING', target.id);
        if (!requestId) {
          failure.general.value = [userErrorText({ code: 'NOT_FOUND' })];
          void refetchActive(client, ['UserRelation']);
          return false;
        }
      }
      cache.recordOptimisticTransaction((c) => {
        c.writeFragment({
          id: userRef(c, target.id),
          fragment: RelationFieldsFragmentDoc,
          data: { __typename: 'User', ...predictRelation(target, action) },
        });
      }, layer);
      const payload = await send(client, action, target, requestId);
      if (payload.userErrors.length) {
        failure.general.value = payload.userErrors.map(userErrorText);
        // The page may have been stale (the other person acted meanwhile): show what is true now.
        void refetchActive(client, ['UserRelation']);
        return false;
      }
      const request = payload.friendRequest;
      const after = payload.user ?? (request ? (request.from.id === target.id ? request.from : request.to) : null);
      if (after) reconcile(cache, auth.user.id, target, after, request?.id ?? requestId, action);
      // A private account's follow is a request until its owner approves it.
      const asked = action === 'follow' && after && 'viewerFollowRequested' in after && after.viewerFollowRequested;
      const withdrew = action === 'unfollow' && target.viewerFollowRequested;
      done.value = t(`friends.done.${asked ? 'followRequested' : withdrew ? 'followRequestWithdrawn' : DONE_KEY[action]}`);
      return true;
    } catch (error) {
      failure.setException(error);
      return false;
    } finally {
      cache.removeOptimistic(layer);
      pending.value = null;
    }
  }

  return { run, pending, errors: failure.general, done };
}
