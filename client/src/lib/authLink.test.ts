import { ApolloLink, execute, Observable, type FetchResult } from '@apollo/client/core';
import { parse } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { createAuthLink, type TokenSource } from './authLink';

const query = parse('{ me { id } }');
const unauthenticated = { errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] };

/** A server that accepts only `valid`: others get UNAUTHENTICATED, as a body or as an HTTP 401. */
function server(valid: string, as: 'body' | 'http401' = 'body') {
  const seen: (string | undefined)[] = [];
  const link = new ApolloLink(
    (operation) =>
      new Observable<FetchResult>((observer) => {
        const header = operation.getContext().headers?.authorization as string | undefined;
        seen.push(header);
        if (header === `Bearer ${valid}`) {
          observer.next({ data: { me: { id: 'u1' } } });
          observer.complete();
        } else if (as === 'body') {
          observer.next(unauthenticated as FetchResult);
          observer.complete();
        } else {
          observer.error(
            Object.assign(new Error('Response not successful: Received status code 401'), { statusCode: 401, result: unauthenticated }),
          );
        }
      }),
  );
  return { link, seen };
}

function run(link: ApolloLink) {
  return new Promise<{ results: FetchResult[]; error?: unknown }>((resolve) => {
    const results: FetchResult[] = [];
    execute(link, { query }).subscribe({
      next: (r) => results.push(r),
      error: (error) => resolve({ results, error }),
      complete: () => resolve({ results }),
    });
  });
}

function tokens(current: string | null, fresh: string | null): TokenSource & { rejected: ReturnType<typeof vi.fn> } {
  const rejected = vi.fn(async () => fresh);
  return { validToken: async () => current, tokenAfterRejection: rejected, rejected };
}

describe('createAuthLink', () => {
  it('sends the bearer token', async () => {
    const api = server('good');
    const { results } = await run(createAuthLink(tokens('good', null)).concat(api.link));
    expect(results).toEqual([{ data: { me: { id: 'u1' } } }]);
    expect(api.seen).toEqual(['Bearer good']);
  });

  it('sends at once, before any promise settles, when the token needs no refresh', async () => {
    const api = server('good');
    const source = { ...tokens('unused', null), tokenNow: () => 'good' };
    const done = run(createAuthLink(source).concat(api.link));
    // The request left in the same turn: rendering queued meanwhile as microtasks cannot hold it back.
    expect(api.seen).toEqual(['Bearer good']);
    expect((await done).results).toEqual([{ data: { me: { id: 'u1' } } }]);

    const later = server('fresh');
    const stale = { ...tokens('fresh', null), tokenNow: () => undefined };
    const refreshed = run(createAuthLink(stale).concat(later.link));
    expect(later.seen).toEqual([]);
    expect((await refreshed).results).toEqual([{ data: { me: { id: 'u1' } } }]);
    expect(later.seen).toEqual(['Bearer fresh']);
  });

  it.each(['body', 'http401'] as const)('refreshes once and retries on UNAUTHENTICATED (%s)', async (as) => {
    const api = server('fresh', as);
    const source = tokens('stale', 'fresh');
    const { results, error } = await run(createAuthLink(source).concat(api.link));
    expect(error).toBeUndefined();
    expect(results).toEqual([{ data: { me: { id: 'u1' } } }]);
    expect(api.seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(source.rejected).toHaveBeenCalledWith('stale');
  });

  it('passes the refusal on when no fresh token can be had, and never loops', async () => {
    const api = server('never');
    const source = tokens('stale', null);
    const { results } = await run(createAuthLink(source).concat(api.link));
    expect(results).toEqual([unauthenticated]);
    expect(api.seen).toHaveLength(1);

    const looping = server('never', 'http401');
    const again = tokens('stale', 'also-refused');
    const { error } = await run(createAuthLink(again).concat(looping.link));
    expect((error as { statusCode: number }).statusCode).toBe(401);
    expect(looping.seen).toEqual(['Bearer stale', 'Bearer also-refused']);
  });

  it('does not try to refresh for a signed-out visitor', async () => {
    const api = server('good');
    const source = tokens(null, 'good');
    const { results } = await run(createAuthLink(source).concat(api.link));
    expect(results).toEqual([unauthenticated]);
    expect(api.seen).toEqual([undefined]);
    expect(source.rejected).not.toHaveBeenCalled();
  });
});
