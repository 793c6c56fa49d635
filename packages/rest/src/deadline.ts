/** The abort reason used when a call's deadline passes. */
export class DeadlineExceeded extends Error {
  constructor(readonly timeoutMs: number) {
    super(`deadline of ${timeoutMs} ms exceeded`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * One call's time budget: a signal that aborts when `timeoutMs` has passed since creation (whatever the socket is
 * doing, so a server that drips bytes forever is cut off too) or when the caller's own signal aborts.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly endsAt: number;
  private readonly parent: AbortSignal | undefined;
  private readonly onParentAbort = (): void => this.controller.abort(this.parent?.reason);

  constructor(
    readonly timeoutMs: number,
    parent?: AbortSignal,
  ) {
    this.signal = this.controller.signal;
    this.endsAt = Date.now() + timeoutMs;
    this.parent = parent;
    this.timer = setTimeout(() => this.controller.abort(new DeadlineExceeded(timeoutMs)), timeoutMs);
    this.timer.unref?.();
    if (parent) {
      if (parent.aborted) this.onParentAbort();
      else parent.addEventListener('abort', this.onParentAbort, { once: true });
    }
  }

  get timedOut(): boolean {
    return this.signal.aborted && this.signal.reason instanceof DeadlineExceeded;
  }

  get aborted(): boolean {
    return this.signal.aborted;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts (the promise keeps running). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
