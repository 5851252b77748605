import { ApolloClient, HttpLink, InMemoryCache, split, type NormalizedCacheObject } from '@apollo/client/core';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import type { AuthStore } from '../features/auth/useAuthStore';
import { createAuthLink } from './authLink';
import { GRAPHQL_PATH } from './graphqlFetch';
import { createRestartableClient, type RestartableClient } from './restartableWs';
import { announceSocketReconnected, onSocketReconnected } from './socketReconnected';

export interface Apollo {
  client: ApolloClient<NormalizedCacheObject>;
  ws: RestartableClient;
}

function wsUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${GRAPHQL_PATH}`;
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          // Each search text is its own list; "load more" appends pages to it.
          searchUsers: relayStylePagination(['query']),
          // Friends and notifications (issue 3): one list per direction / filter and page size.
          friendRequests: relayStylePagination(['direction', 'first']),
          notifications: relayStylePagination(['unreadOnly', 'first']),
          // Posts (issue 4): each list is its own, pages appended; a deleted post drops out of all of them.
          feed: relayStylePagination([]),
          favorites: relayStylePagination([]),
          screenshots: relayStylePagination([]),
          posts: relayStylePagination(['query', 'tag', 'authorId']),
          // Facechat (issue 5): the lobby per search text, call history, each room's chat (newest first, live messages on top).
          rooms: relayStylePagination(['query']),
          calls: relayStylePagination([]),
          chatMessages: relayStylePagination(['roomId']),
          // The admin console (issue 12): the reports queue per status; the lists per search text and filter set.
          reportGroups: relayStylePagination(['status']),
          adminUsers: relayStylePagination(['query', 'status', 'role']),
          adminPosts: relayStylePagination(['query', 'status', 'authorId', 'tag']),
          adminComments: relayStylePagination(['query', 'status', 'authorId', 'postId']),
          adminRooms: relayStylePagination(['query', 'state', 'ownerId']),
          adminTags: relayStylePagination(['query']),
          moderationLog: relayStylePagination(['type', 'moderatorId', 'subjectId']),
          reports: relayStylePagination(['status', 'subjectId']),
          followRequests: relayStylePagination([]),
          // Direct messages (issue 14): the viewer's conversations.
          conversations: relayStylePagination([]),
        },
      },
      User: {
        fields: {
          posts: relayStylePagination([]),
          friends: relayStylePagination([]),
          followers: relayStylePagination([]),
          following: relayStylePagination([]),
        },
      },
      Post: { fields: { comments: relayStylePagination([]) } },
      Comment: { fields: { replies: relayStylePagination([]) } },
      // A conversation's messages, newest first (live ones put on top).
      Conversation: { fields: { messages: relayStylePagination([]) } },
      // A report group's latest reports: one list whatever `first` asked (live reports are put on top of it).
      ReportGroup: { fields: { reports: { keyArgs: false } } },
    },
  });
}

/**
 * Before reconnection attempt `attempt` (0, 1, …): 1, 2, 4 … up to 30 s, plus 0.3–3 s at random so that a restarted
 * API is not reached by every open tab at once.
 */
const reconnectDelayMs = (attempt: number) => Math.min(30, 2 ** attempt) * 1000 + 300 + Math.random() * 2700;

/** graphql-ws's close code for a refused or revoked session. */
const UNAUTHORIZED_CLOSE = 4401;

/**
 * Queries and mutations over HTTP (`/graphql`, same-origin cookies), subscriptions over
 * graphql-ws on the same path. Both carry the access token from the auth store; the
 * socket is restarted whenever the token changes, so subscriptions use the new one.
 */
export function createApollo(auth: AuthStore): Apollo {
  /** The socket has been connected for the signed-in person: a later connection is a re-connection. */
  let connectedBefore = false;
  const ws = createRestartableClient({
    url: wsUrl,
    lazy: true,
    // A failed attempt (no network, the API restarting) is reported first as an `error` event, which graphql-ws's
    // default takes as fatal: it would give up for good and leave the page without live updates until a reload. Every
    // failure is retried, for as long as the page is open (the close codes graphql-ws deems fatal still are).
    shouldRetry: () => true,
    retryAttempts: Infinity,
    retryWait: (attempt) => new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(attempt))),
    // A socket that opened but was never acknowledged (the server stalled on it) would leave the page without live
    // updates for good: after 10 s it is closed and retried like a dropped one.
    connectionAckWaitTimeout: 10_000,
    connectionParams: async () => {
      const token = await auth.validToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      // Back after a drop (or a token restart): events of the gap were lost, so the listeners catch up.
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry && connectedBefore) announceSocketReconnected();
        connectedBefore = true;
      },
      // 4401: the API ended this session (signed out elsewhere, suspended). A refresh tells which: a new token (the
      // socket restarts with it) or the end of the session, with the reason (ACCOUNT_SUSPENDED → useSessionRedirects).
      closed: (event) => {
        if ((event as { code?: number }).code === UNAUTHORIZED_CLOSE && auth.accessToken) void auth.tokenAfterRejection(auth.accessToken);
      },
    },
  });

  const http = createAuthLink(auth).concat(new HttpLink({ uri: GRAPHQL_PATH, credentials: 'same-origin' }));
  const link = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(ws),
    http,
  );

  const client = new ApolloClient({ link, cache: createCache() });
  // What is on screen is asked again: a notification, a friend request, a call's state published during the gap.
  onSocketReconnected(() => void client.refetchQueries({ include: 'active' }).catch(() => undefined));

  auth.onSessionChange((session, _cause, previous) => {
    if (session?.accessToken !== previous?.accessToken) ws.restart();
    // A new person's first connection is not a re-connection (resetStore below already refetches).
    if (session?.user.id !== previous?.user.id) connectedBefore = false;
    // Another person (or nobody): nothing cached for the last one may show. On sign-in,
    // resetStore also refetches the queries on screen (the bell appears at that moment),
    // where clearStore would leave them without watchers.
    if (session?.user.id !== previous?.user.id) void (session ? client.resetStore() : client.clearStore());
  });

  return { client, ws };
}
