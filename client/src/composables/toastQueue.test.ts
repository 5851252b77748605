import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PausableTimer, ToastQueue, type Toast } from './toastQueue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PausableTimer', () => {
  it('fires after its time, less the time spent paused', () => {
    const done = vi.fn();
    const timer = new PausableTimer(5000, done, () => Date.now());
    vi.advanceTimersByTime(3000);
    timer.pause();
    vi.advanceTimersByTime(60_000);
    expect(done).not.toHaveBeenCalled();
    timer.resume();
    vi.advanceTimersByTime(1999);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledOnce();
  });
});

describe('ToastQueue', () => {
  let shown: readonly Toast<string>[] = [];
  const keys = () => shown.map((t) => t.key);

  it('shows each toast for its time, once, and the latest few only', () => {
    const queue = new ToastQueue<string>(5000, 2, (toasts) => (shown = toasts));
    queue.push('a', 'A');
    queue.push('a', 'A again');
    vi.advanceTimersByTime(1000);
    queue.push('b', 'B');
    queue.push('c', 'C');
    expect(keys()).toEqual(['b', 'c']);
    vi.advanceTimersByTime(4000);
    expect(keys()).toEqual(['b', 'c']);
    vi.advanceTimersByTime(1000);
    expect(keys()).toEqual([]);
  });

  it('holds every toast while paused and dismisses on request', () => {
    const queue = new ToastQueue<string>(5000, 3, (toasts) => (shown = toasts));
    queue.push('a', 'A');
    queue.push('b', 'B');
    queue.pauseAll();
    vi.advanceTimersByTime(10_000);
    expect(keys()).toEqual(['a', 'b']);
    queue.dismiss('a');
    expect(keys()).toEqual(['b']);
    queue.resumeAll();
    vi.advanceTimersByTime(5000);
    expect(keys()).toEqual([]);
    queue.push('c', 'C');
    queue.clear();
    expect(keys()).toEqual([]);
  });
});
