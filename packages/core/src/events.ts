/** An observer of a client's events. Events never carry secrets; a throwing listener never breaks a call. */
export type EventListener<E> = (event: E) => unknown;

export function emitSafely<E>(listener: EventListener<E> | undefined, event: E): void {
  if (!listener) return;
  try {
    const result = listener(event);
    // An async listener that rejects must not become an unhandled rejection either.
    if (result instanceof Promise) result.catch(() => undefined);
  } catch {
    // Observability must never change the outcome of a call.
  }
}
