import type { WebSocket } from "ws";

/**
 * Websocket ping/pong keepalive: every interval each connection is pinged; one that has shown
 * no sign of life (pong or message) since the previous ping is terminated, which is how
 * half-open connections (a gateway that lost power, a NAT that forgot the flow) are detected.
 * Connections ingest paused for backpressure are not judged: their replies are not being read.
 */
export class Heartbeat {
  private readonly alive = new Map<WebSocket, boolean>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.beat(), intervalMs);
    this.timer.unref();
  }

  watch(ws: WebSocket): void {
    this.alive.set(ws, true);
    const mark = () => this.alive.set(ws, true);
    ws.on("pong", mark);
    ws.on("message", mark);
    ws.once("close", () => this.alive.delete(ws));
  }

  get size(): number {
    return this.alive.size;
  }

  private beat(): void {
    for (const [ws, alive] of this.alive) {
      if (ws.isPaused) continue;
      if (!alive) {
        ws.terminate();
        this.alive.delete(ws);
        continue;
      }
      this.alive.set(ws, false);
      try {
        ws.ping();
      } catch {
        // closing meanwhile; the close event removes it
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
