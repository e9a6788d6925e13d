/** Keeps the message queue of a persistent session that is away at most `max` long. Overflow
 * policy: the oldest queued messages are dropped, and counted per session. */
export interface OfflineBound {
  /** Called after a message was queued for these sessions; trims those that are away. Returns
   * how many messages each session lost now. */
  enforce(clientIds: string[]): Promise<Map<string, number>>;
  /** Messages the session lost since it was last connected; resets the count. */
  takeDropped(clientId: string): Promise<number>;
  /** The session connected. */
  connected(clientId: string): void;
}
