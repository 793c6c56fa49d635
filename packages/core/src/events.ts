/** An observer of a client's events. Events never carry secrets; a throwing listener never breaks a call. */
export type EventListener<E> = (event: E) => void;

export function emitSafely<E>(listener: EventListener<E> | undefined, event: E): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // Observability must never change the outcome of a call.
  }
}
