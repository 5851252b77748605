import { ApolloLink, Observable, type FetchResult, type Operation } from '@apollo/client/core';
import type { GraphQLFormattedError } from 'graphql';

export interface TokenSource {
  /** The token to send now (refreshed first when about to expire), or null when signed out. */
  validToken(): Promise<string | null>;
  /** The same without waiting, when no refresh is needed: the token or null; undefined when it must be refreshed. */
  tokenNow?(): string | null | undefined;
  /** A request sent with `token` was refused: a token to retry with, or null to give up. */
  tokenAfterRejection(token: string | null): Promise<string | null>;
}

type ErrorList = readonly GraphQLFormattedError[] | undefined;

function hasUnauthenticated(errors: ErrorList): boolean {
  return !!errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/** The HTTP link reports a 401 as a network error that carries the parsed body. */
function isUnauthenticatedError(error: unknown): boolean {
  const e = error as { statusCode?: number; result?: { errors?: ErrorList } } | null;
  return !!e && (e.statusCode === 401 || hasUnauthenticated(e.result?.errors));
}

function withToken(operation: Operation, token: string | null): void {
  operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => {
    const next = { ...headers };
    if (token) next.authorization = `Bearer ${token}`;
    else delete next.authorization;
    return { headers: next };
  });
}

/**
 * Sends the access token with every HTTP operation. An operation refused as
 * UNAUTHENTICATED while signed in gets the token refreshed (once) and is retried.
 */
export function createAuthLink(tokens: TokenSource): ApolloLink {
  return new ApolloLink(
    (operation, forward) =>
      new Observable<FetchResult>((observer) => {
        let inner: { unsubscribe(): void } | null = null;
        let cancelled = false;

        const attempt = (token: string | null, retried: boolean) => {
          if (cancelled) return;
          withToken(operation, token);
          let handedOff = false;
          /** Refresh and try again; `giveUp` passes the refusal on when there is no fresh token. */
          const retry = (giveUp: () => void) => {
            handedOff = true;
            inner?.unsubscribe();
            tokens.tokenAfterRejection(token).then(
              (fresh) => {
                if (cancelled) return;
                if (fresh) attempt(fresh, true);
                else giveUp();
              },
              (error) => observer.error(error),
            );
          };
          inner = forward(operation).subscribe({
            next: (result) => {
              if (handedOff) return;
              if (!retried && token && hasUnauthenticated(result.errors)) {
                retry(() => {
                  observer.next(result);
                  observer.complete();
                });
              } else observer.next(result);
            },
            error: (error) => {
              if (handedOff) return;
              if (!retried && token && isUnauthenticatedError(error)) retry(() => observer.error(error));
              else observer.error(error);
            },
            complete: () => {
              if (!handedOff) observer.complete();
            },
          });
        };

        // A token at hand goes out at once. Waiting for a promise would put the request behind whatever rendering the
        // caller's own state changes queued as microtasks (an accepted call's page: tens of ms before acceptCall left).
        const now = tokens.tokenNow?.();
        if (now !== undefined) attempt(now, false);
        else
          tokens.validToken().then(
            (token) => attempt(token, false),
            (error) => observer.error(error),
          );
        return () => {
          cancelled = true;
          inner?.unsubscribe();
        };
      }),
  );
}
