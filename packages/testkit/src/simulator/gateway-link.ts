/** A simulated gateway as the simulator drives it, whatever protocol it speaks. */
export interface GatewayLink {
  /** the identity Tidewire shows for it (Aruba: MAC; generic: the gateway id) */
  readonly id: string;
  connect(): Promise<void>;
  /** Sends ESP3 bytes as one message (several frames, a partial frame, garbage...). False when
   * the gateway is not connected: a real gateway has nowhere to keep them, so they are lost. */
  sendBytes(bytes: Uint8Array): boolean;
  /** Drops the connection abruptly (a fault); the gateway reconnects by itself. */
  interrupt(): void;
  close(): Promise<void>;
  readonly connected: boolean;
  readonly stats: LinkStats;
}

export interface LinkStats {
  messages: number;
  bytes: number;
  /** messages that could not be sent because the gateway was disconnected */
  dropped: number;
  connects: number;
}

export const newLinkStats = (): LinkStats => ({ messages: 0, bytes: 0, dropped: 0, connects: 0 });
