import { describe, expect, it } from 'vitest';
import { OptimisticToggle, optimisticView, type ToggleView } from './optimisticToggle';

/** A fake cache and server: each request waits until the test answers it. */
function harness(initial: ToggleView, serverCount = initial.count) {
  let root = { ...initial };
  let layer: ToggleView | null = null;
  let server = { on: initial.on, count: serverCount };
  const sent: boolean[] = [];
  const pending: { want: boolean; answer: (refuse?: boolean) => void }[] = [];
  const failures: unknown[] = [];
  const toggle = new OptimisticToggle({
    base: () => layer ?? root,
    send: (on, optimistic) =>
      new Promise<void>((resolve, reject) => {
        sent.push(on);
        layer = optimistic;
        pending.push({
          want: on,
          answer: (refuse = false) => {
            layer = null;
            if (refuse) return reject(new Error('refused'));
            if (server.on !== on) server = { on, count: server.count + (on ? 1 : -1) };
            root = { ...server };
            resolve();
          },
        });
      }),
    failed: (error) => failures.push(error),
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return {
    toggle,
    sent,
    failures,
    tick,
    answer: async (refuse?: boolean) => {
      pending.shift()!.answer(refuse);
      await tick();
    },
    /** Someone else likes the post: the server count and the cache move (postLiked). */
    likedByOther: () => {
      server = { ...server, count: server.count + 1 };
      root = { ...root, count: server.count };
    },
  };
}

describe('optimisticView', () => {
  it('moves the count by the difference and never below zero', () => {
    expect(optimisticView({ on: false, count: 3 }, true)).toEqual({ on: true, count: 4 });
    expect(optimisticView({ on: true, count: 4 }, false)).toEqual({ on: false, count: 3 });
    expect(optimisticView({ on: true, count: 4 }, true)).toEqual({ on: true, count: 4 });
    expect(optimisticView({ on: true, count: 0 }, false)).toEqual({ on: false, count: 0 });
  });
});

describe('OptimisticToggle', () => {
  it('shows a click at once and settles on the server answer', async () => {
    const h = harness({ on: false, count: 2 });
    const done = h.toggle.toggle();
    expect(h.toggle.view()).toEqual({ on: true, count: 3 });
    expect(h.sent).toEqual([true]);
    h.likedByOther();
    await h.answer();
    await done;
    expect(h.toggle.desired).toBeNull();
    expect(h.toggle.view()).toEqual({ on: true, count: 4 });
  });

  it('sends one request at a time and ends where the last click left it', async () => {
    const h = harness({ on: false, count: 0 });
    void h.toggle.toggle();
    void h.toggle.toggle();
    expect(h.toggle.view()).toEqual({ on: false, count: 0 });
    void h.toggle.toggle();
    expect(h.toggle.view()).toEqual({ on: true, count: 1 });
    expect(h.sent).toEqual([true]);
    await h.answer();
    // Liked, and liked is what the last click wanted: nothing more to send.
    expect(h.sent).toEqual([true]);
    expect(h.toggle.view()).toEqual({ on: true, count: 1 });
  });

  it('sends the newest wish after the answer when it differs', async () => {
    const h = harness({ on: true, count: 5 });
    void h.toggle.toggle();
    void h.toggle.toggle();
    expect(h.toggle.view()).toEqual({ on: true, count: 5 });
    await h.answer();
    expect(h.sent).toEqual([false, true]);
    expect(h.toggle.view()).toEqual({ on: true, count: 5 });
    await h.answer();
    expect(h.toggle.desired).toBeNull();
    expect(h.toggle.view()).toEqual({ on: true, count: 5 });
    expect(h.toggle.busy).toBe(false);
  });

  it('rolls back and reports when the server refuses', async () => {
    const h = harness({ on: false, count: 1 });
    void h.toggle.toggle();
    void h.toggle.toggle();
    void h.toggle.toggle();
    await h.answer(true);
    expect(h.failures).toHaveLength(1);
    expect(h.sent).toEqual([true]);
    expect(h.toggle.view()).toEqual({ on: false, count: 1 });
    // A later click starts afresh.
    void h.toggle.toggle();
    expect(h.sent).toEqual([true, true]);
  });
});
