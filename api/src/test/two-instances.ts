import { afterAll, beforeAll, inject } from 'vitest';
import { redisUrlFor } from './redis-setup.js';
import { startTestStack, type TestStack } from './stack.js';

/** The Redis the global setup started, or undefined (the suites that need it are skipped then, failed in CI). */
export const testRedisUrl = inject('redisUrl');

/**
 * Two API instances on one database and one real Redis, like two containers behind the load balancer: started before
 * the enclosing suite's tests, stopped after. Call inside a `describe.skipIf(!testRedisUrl)`.
 */
export function useTwoInstances(): { readonly one: TestStack; readonly two: TestStack } {
  let one: TestStack | undefined;
  let two: TestStack | undefined;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrlFor(testRedisUrl!) };
    one = await startTestStack(env);
    two = await startTestStack(env, undefined, { databaseUrl: one.databaseUrl });
  });
  afterAll(async () => {
    await two?.stop();
    await one?.stop();
  });
  return {
    get one() {
      return one!;
    },
    get two() {
      return two!;
    },
  };
}
