/** Awaits a promise that must reject and returns the rejection. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** What `rejectionWithin` gives back when the promise is still pending at the limit. */
export const STILL_PENDING = Symbol('still pending');

/**
 * Settles a promise that must reject, or gives up after `limitMs` with STILL_PENDING, so a test of a timeout
 * fails by an assertion instead of hanging when the timeout does not fire.
 */
export async function rejectionWithin(promise: Promise<unknown>, limitMs: number): Promise<unknown> {
  let guard: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<typeof STILL_PENDING>((resolve) => {
    guard = setTimeout(() => resolve(STILL_PENDING), limitMs);
  });
  try {
    return await Promise.race([rejectionOf(promise), limit]);
  } finally {
    clearTimeout(guard);
  }
}
