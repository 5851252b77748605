/** A like or favorite button's state: on or off, and (for likes) how many. */
export interface ToggleView {
  on: boolean;
  count: number;
}

/**
 * What to show for `desired` on top of `base`, the state the cache holds now (the server's
 * last answer, or the optimistic answer of a request in flight): the count moves by the
 * difference, so likes by others that arrived meanwhile are kept.
 */
export function optimisticView(base: ToggleView, desired: boolean): ToggleView {
  if (base.on === desired) return base;
  return { on: desired, count: Math.max(0, base.count + (desired ? 1 : -1)) };
}

export interface ToggleDriver {
  /** The state the cache holds now. */
  base(): ToggleView;
  /**
   * Asks the server for `on`, showing `optimistic` meanwhile (Apollo optimisticResponse). Resolves
   * once the answer is in the cache; rejects when the server refused (the cache rolls back).
   */
  send(on: boolean, optimistic: ToggleView): Promise<void>;
  /** The click could not be saved: tell the user. */
  failed(error: unknown): void;
}

/** Rounds before giving up when the server keeps answering something else than asked. */
const MAX_ROUNDS = 3;

/**
 * One button's clicks: each click shows its result at once; at most one request is in flight,
 * and clicks made meanwhile only change what is wanted. When an answer comes back and the
 * user wants something else by then, that is sent next, so the server always ends where the
 * last click left it, whatever the order of the answers. A refusal rolls back to the server's state.
 */
export class OptimisticToggle {
  /** What the user wants while it differs from (or is not yet confirmed by) the server; null when settled. */
  desired: boolean | null = null;
  private sending = false;

  constructor(
    private readonly driver: ToggleDriver,
    private readonly onChange: (desired: boolean | null) => void = () => {},
  ) {}

  /** What the button shows now. */
  view(): ToggleView {
    const base = this.driver.base();
    return this.desired === null ? base : optimisticView(base, this.desired);
  }

  get busy(): boolean {
    return this.sending;
  }

  toggle(): Promise<void> {
    this.set(!this.view().on);
    return this.sending ? Promise.resolve() : this.flush();
  }

  private set(desired: boolean | null): void {
    this.desired = desired;
    this.onChange(desired);
  }

  private async flush(): Promise<void> {
    this.sending = true;
    try {
      for (let round = 0; round < MAX_ROUNDS && this.desired !== null && this.desired !== this.driver.base().on; round++) {
        const want = this.desired;
        try {
          await this.driver.send(want, optimisticView(this.driver.base(), want));
        } catch (error) {
          this.set(null);
          this.driver.failed(error);
          return;
        }
      }
      this.set(null);
    } finally {
      this.sending = false;
    }
  }
}
