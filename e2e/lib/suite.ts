import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type { TestUser } from '../../api/src/test/client';
import { startTestStack, type TestStack } from '../../api/src/test/stack';
import { assertClientBuilt, newAppContext, signInThroughUi, watchErrors } from './app';
import { launchChromium } from './browser';

/** The password the API testkit's `signUp` gives every user. */
export const PASSWORD = 'correct horse battery';

export interface BrowserSuiteOptions {
  /** Extra Chromium flags, e.g. `fakeMediaFlags(15)` for calls. */
  chromiumArgs?: string[];
  /** The suite needs the real LiveKit server: without it the suite fails (never skips). */
  livekit?: boolean;
  /** Environment of the API under test. */
  env?: Record<string, string>;
}

export interface SignedInOptions {
  locale?: string;
  /** How to open the browser profile (default: `newAppContext`); calls use `callContext` for their camera. */
  context?: (browser: Browser, baseUrl: string, locale: string) => Promise<BrowserContext>;
  /** The page's size, e.g. a phone's 390×844 (default: the context's). */
  viewport?: { width: number; height: number };
  /**
   * Started before signing in and awaited after the home page shows, e.g. "the incoming-call subscription is on
   * the wire" (`subscriptionMessageSent`).
   */
  ready?: (page: Page) => Promise<unknown>;
}

export interface SignedInPage {
  page: Page;
  /** Uncaught page errors, for `expect(errors).toEqual([])`. */
  errors: string[];
}

export interface BrowserSuite {
  readonly stack: TestStack;
  readonly browser: Browser;
  /** A fresh browser profile (own cookies) signed in through the UI as `user`. */
  signedIn(user: TestUser, options?: SignedInOptions): Promise<SignedInPage>;
}

/** graphql-ws's message type of a frame ("subscribe", "connection_ack"), or its first characters. */
function frameType(payload: string | Buffer): string {
  const text = String(payload);
  return /"type":"([a-z_]+)"/.exec(text)?.[1] ?? text.slice(0, 40);
}

/** Resolves once the page has sent a graphql-ws message naming `text`, e.g. a subscription field (set up before navigating). */
export function subscriptionMessageSent(page: Page, text: string, timeoutMs = 45_000): Promise<void> {
  // What the page's sockets did meanwhile, for the failure message: a socket that never opened, one that opened and
  // was never acknowledged, and one that was acknowledged but never subscribed are three different bugs.
  const started = Date.now();
  const seen: string[] = [];
  let settled = false;
  const note = (event: string) => void (settled || seen.push(`+${Date.now() - started}ms ${event}`));
  const sent = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `no "${text}" sent over the page's sockets within ${timeoutMs} ms; the sockets: ${seen.slice(-30).join(', ') || 'none opened'}`,
          ),
        ),
      timeoutMs,
    );
    page.on('websocket', (ws) => {
      note(`open ${new URL(ws.url()).pathname}`);
      ws.on('framereceived', (frame) => note(`got ${frameType(frame.payload)}`));
      ws.on('socketerror', (error) => note(`error ${error}`));
      ws.on('close', () => note('closed'));
      ws.on('framesent', (frame) => {
        note(`sent ${frameType(frame.payload)}`);
        // A moment for the server to register it.
        if (String(frame.payload).includes(text)) {
          settled = true;
          clearTimeout(timer);
          setTimeout(resolve, 300);
        }
      });
    });
  });
  // Awaited by the test; a test that failed before awaiting it must not get an unhandled rejection later.
  sent.catch(() => undefined);
  return sent;
}

/**
 * One file's browser tests against the real API and the built client: starts the stack and Chromium
 * before the file's tests and stops them after. Call it at the top level of a test file.
 */
export function useBrowserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (options.livekit && !inject('livekit')) {
      throw new Error('LiveKit is not available (.tools/bin/livekit-server; `npm run setup`): these tests need the real server.');
    }
    assertClientBuilt();
    stack = await startTestStack(options.env);
    browser = await launchChromium(options.chromiumArgs);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The browser suite is not started: use it inside a test.');
    return value;
  };

  return {
    get stack() {
      return started(stack);
    },
    get browser() {
      return started(browser);
    },
    async signedIn(user, { locale = 'en-US', context, viewport, ready } = {}) {
      const profile = await (context ?? newAppContext)(started(browser), started(stack).baseUrl, locale);
      const page = await profile.newPage();
      if (viewport) await page.setViewportSize(viewport);
      const errors = watchErrors(page);
      const isReady = ready?.(page);
      await signInThroughUi(page, user.username, PASSWORD);
      await page.getByTestId('home-welcome').waitFor();
      await isReady;
      return { page, errors };
    },
  };
}
