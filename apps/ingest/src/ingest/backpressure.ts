import type { WebSocket } from "ws";

/** Something that can be congested and says when it is clear again. */
export interface Congestion {
  readonly congested: boolean;
  whenClear(): Promise<void>;
}

/** Stops reading a socket while the pipeline behind it is congested (Redis slow): TCP flow
 * control then pushes back on the gateway instead of ingest buffering without bound. */
export function pauseWhileCongested(ws: WebSocket, congestion: Congestion): void {
  if (!congestion.congested || ws.isPaused) return;
  ws.pause();
  void congestion.whenClear().then(() => {
    if (ws.readyState === ws.OPEN) ws.resume();
  });
}
