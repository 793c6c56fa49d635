/**
 * Runs at most one task at a time: callers that arrive while a task is in flight share its promise.
 * A failure is shared too and clears the slot, so the next caller starts afresh.
 */
export class SingleFlight<T> {
  private inFlight: Promise<T> | undefined;

  get pending(): boolean {
    return this.inFlight !== undefined;
  }

  run(task: () => Promise<T>): Promise<T> {
    if (this.inFlight) return this.inFlight;
    const p = (async () => {
      try {
        return await task();
      } finally {
        this.inFlight = undefined;
      }
    })();
    this.inFlight = p;
    return p;
  }
}
