/** Unacknowledged messages at most on one connection while a batch is published. */
export const PUBLISH_WINDOW = 256;

/**
 * Publishes items in order without waiting for each acknowledgement before sending the next (up
 * to `window` unacknowledged): MQTT keeps a connection's messages in order, so a batch costs one
 * round trip instead of one per message — and no longer meets Nagle's algorithm and delayed ACKs
 * once per message. Resolves when every publish is acknowledged. After the first failure nothing
 * more is sent (the whole batch is tried again: at least once); it rejects with that failure once
 * the publishes in flight have settled.
 */
export async function publishPipelined<T>(items: Iterable<T>, publish: (item: T) => Promise<void>, window = PUBLISH_WINDOW): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;
  for (const item of items) {
    if (inFlight.size >= window) await Promise.race(inFlight);
    if (failure) break;
    const p = publish(item).then(
      () => {
        inFlight.delete(p);
      },
      (err: unknown) => {
        inFlight.delete(p);
        failure ??= { err };
      },
    );
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.err;
}
