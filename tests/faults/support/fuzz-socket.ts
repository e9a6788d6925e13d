// A websocket that fuzz inputs go through: reconnects when the server closes it (a message too
// large closes with 1009), and waits while its send buffer is full, so the fuzzer pushes as hard
// as ingest reads and no harder.
import WebSocket from "ws";
import { sleep } from "./wait";

export class FuzzSocket {
  private ws?: WebSocket;
  readonly closes = new Map<number, number>();
  refusals = 0;

  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string>,
    private readonly localAddresses: string[],
  ) {}

  private async open(): Promise<WebSocket> {
    for (let attempt = 0; ; attempt++) {
      if (this.ws?.readyState === WebSocket.OPEN) return this.ws;
      const localAddress = this.localAddresses[attempt % this.localAddresses.length]!;
      const ws = new WebSocket(this.url, { headers: this.headers, localAddress });
      ws.on("message", () => {});
      ws.on("error", () => {});
      ws.on("close", (code) => this.closes.set(code, (this.closes.get(code) ?? 0) + 1));
      const opened = await new Promise<boolean>((resolve) => {
        ws.once("open", () => resolve(true));
        ws.once("unexpected-response", (_req, res) => {
          res.resume();
          resolve(false);
        });
        ws.once("close", () => resolve(false));
      });
      if (opened) return (this.ws = ws);
      this.refusals++;
      ws.terminate();
      await sleep(Math.min(2000, 100 * (attempt + 1)));
    }
  }

  async send(data: Buffer | string): Promise<void> {
    const ws = await this.open();
    while (ws.bufferedAmount > 256 * 1024 && ws.readyState === WebSocket.OPEN) await sleep(5);
    if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary: typeof data !== "string" });
  }

  close(): void {
    this.ws?.terminate();
  }
}
