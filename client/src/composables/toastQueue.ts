/** A timer that can be paused (hover, focus) and resumed with the time it had left. */
export class PausableTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private startedAt = 0;
  private remaining: number;

  constructor(
    ms: number,
    private readonly onDone: () => void,
    private readonly now: () => number = Date.now,
  ) {
    this.remaining = ms;
    this.resume();
  }

  get paused(): boolean {
    return this.timer === null;
  }

  pause(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.remaining = Math.max(0, this.remaining - (this.now() - this.startedAt));
  }

  resume(): void {
    if (this.timer !== null) return;
    this.startedAt = this.now();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onDone();
    }, this.remaining);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

export interface Toast<T> {
  key: string;
  item: T;
}

/**
 * Short-lived toasts, newest last, at most `max` at once (the oldest goes first); each one
 * leaves after `ms` unless paused. `onChange` hands the current list to the view.
 */
export class ToastQueue<T> {
  private toasts: Toast<T>[] = [];
  private readonly timers = new Map<string, PausableTimer>();

  constructor(
    private readonly ms: number,
    private readonly max: number,
    private readonly onChange: (toasts: readonly Toast<T>[]) => void,
  ) {}

  push(key: string, item: T): void {
    if (this.timers.has(key)) return;
    this.toasts = [...this.toasts, { key, item }];
    this.timers.set(key, new PausableTimer(this.ms, () => this.dismiss(key)));
    while (this.toasts.length > this.max) this.dismiss(this.toasts[0]!.key);
    this.onChange(this.toasts);
  }

  dismiss(key: string): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
    const left = this.toasts.filter((t) => t.key !== key);
    if (left.length === this.toasts.length) return;
    this.toasts = left;
    this.onChange(this.toasts);
  }

  /** Hovering or focusing the toasts holds them all: the reader is busy with them. */
  pauseAll(): void {
    for (const timer of this.timers.values()) timer.pause();
  }

  resumeAll(): void {
    for (const timer of this.timers.values()) timer.resume();
  }

  clear(): void {
    for (const key of [...this.timers.keys()]) this.dismiss(key);
  }
}
